//! `prodguard check --probe` against real PostgreSQL and MariaDB servers and
//! fake ones, all on 127.0.0.1: URLs name IP literals, so nothing is
//! resolved and nothing leaves loopback. Every server a test starts is
//! stopped by its pid when the test ends, passing or not.

mod common;
#[path = "../../guard-core/tests/common/fake_server.rs"]
mod fake_server;
#[path = "common/servers.rs"]
mod servers;

use std::time::{Duration, Instant};

use common::{Run, guard};
use fake_server::{Behaviour, FakeServer, closed_port};
use servers::{Server, skip};

const PASSWORD: &str = "Pw-8c1e-hunter2";
const SECRET_KEY: &str = "3f9a1c7e5b2d8046a1e9c3b7d5f2084a6c1e9b3d7f5a2c8e4b0d6f1a3c9e7b52";
/// For live servers: a cold server's first connection may be slow.
const LIVE_TIMEOUT: &str = "2000";
/// For silent and fake servers.
const TIMEOUT_MS: u64 = 300;

/// `prodguard check --probe --format json` of a production environment, fit
/// but for `url`; every output format is checked for the password.
fn probe(url: &str, timeout: &str) -> Run {
    let env = [("DEBUG", "false"), ("DATABASE_URL", url), ("SECRET_KEY", SECRET_KEY)];
    let args = ["check", "--probe", "--probe-timeout", timeout];
    let json = guard(&[&args[..], &["--format", "json"]].concat(), &env);
    for format in ["text", "github"] {
        let other = guard(&[&args[..], &["--format", format]].concat(), &env);
        assert_eq!(other.code, json.code, "--format {format}: {}", other.output());
        assert!(!other.output().contains(PASSWORD), "{}", other.output());
    }
    assert!(!json.output().contains(PASSWORD), "{}", json.output());
    json
}

/// `(id, severity)` of each finding.
fn findings(run: &Run) -> Vec<(String, String)> {
    run.json()["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["id"].as_str().unwrap().to_owned(), f["severity"].as_str().unwrap().to_owned()))
        .collect()
}

fn notes(run: &Run) -> String {
    run.json()["probe"]["notes"].as_array().map_or_else(String::new, |notes| {
        notes.iter().map(|n| n.as_str().unwrap()).collect::<Vec<_>>().join("\n")
    })
}

fn pair(id: &str, severity: &str) -> (String, String) {
    (id.to_owned(), severity.to_owned())
}

fn pg_url(port: u16, query: &str) -> String {
    format!("postgresql://app:{PASSWORD}@127.0.0.1:{port}/shop{query}")
}

fn mysql_url(port: u16) -> String {
    format!("mysql://app:{PASSWORD}@127.0.0.1:{port}/shop")
}

/// The server, or `None` after saying loudly why the test skips.
fn started(test: &str, server: Result<Server, String>) -> Option<Server> {
    server.map_err(|why| skip(test, &why)).ok()
}

#[test]
fn live_postgresql_without_tls() {
    let Some(pg) = started("live_postgresql_without_tls", servers::postgres(false)) else {
        return;
    };
    let run = probe(&pg_url(pg.port, ""), LIVE_TIMEOUT);
    assert_eq!(run.code, 0, "{}\n{}", run.output(), pg.log());
    assert_eq!(findings(&run), []);
    assert!(
        notes(&run).contains("answered PostgreSQL's SSLRequest: offers no TLS"),
        "{}",
        notes(&run)
    );

    let run = probe(&pg_url(pg.port, "?sslmode=require"), LIVE_TIMEOUT);
    assert_eq!(run.code, 78, "{}", run.output());
    assert_eq!(findings(&run), [pair("database_tls_unavailable", "error")]);

    // A MySQL URL aimed at PostgreSQL waits for a greeting that never comes.
    let run = probe(&mysql_url(pg.port), &TIMEOUT_MS.to_string());
    assert_eq!(run.code, 78, "{}", run.output());
    assert_eq!(findings(&run), [pair("database_unreachable", "error")]);
    assert!(run.stdout.contains("sent no MySQL greeting in time"), "{}", run.stdout);

    // One live host, one closed: a warning naming the closed one.
    let closed = closed_port();
    let url = format!("postgresql://app:{PASSWORD}@127.0.0.1:{},127.0.0.1:{closed}/shop", pg.port);
    let run = probe(&url, LIVE_TIMEOUT);
    assert_eq!(run.code, 0, "{}", run.output());
    assert_eq!(findings(&run), [pair("database_unreachable", "warning")]);
    assert!(run.stdout.contains(&format!("127.0.0.1:{closed} refused the connection")));
}

#[test]
fn live_postgresql_with_a_self_signed_certificate() {
    let Some(pg) =
        started("live_postgresql_with_a_self_signed_certificate", servers::postgres(true))
    else {
        return;
    };
    let run = probe(&pg_url(pg.port, "?sslmode=require"), LIVE_TIMEOUT);
    assert_eq!(run.code, 0, "{}\n{}", run.output(), pg.log());
    assert_eq!(findings(&run), []);
    assert!(
        notes(&run).contains("answered PostgreSQL's SSLRequest: offers TLS"),
        "{}",
        notes(&run)
    );
}

#[test]
fn live_mariadb() {
    let Some(db) = started("live_mariadb", servers::mariadb()) else {
        return;
    };
    let run = probe(&mysql_url(db.port), LIVE_TIMEOUT);
    assert_eq!(run.code, 0, "{}\n{}", run.output(), db.log());
    assert_eq!(findings(&run), []);
    assert!(notes(&run).contains("greeted as MySQL"), "{}", notes(&run));

    // A PostgreSQL URL aimed at MariaDB hears its greeting.
    let run = probe(&pg_url(db.port, ""), LIVE_TIMEOUT);
    assert_eq!(run.code, 78, "{}", run.output());
    assert_eq!(findings(&run), [pair("database_protocol_mismatch", "error")]);
    assert!(run.stdout.contains("greeted as a MySQL/MariaDB server"), "{}", run.stdout);
}

#[test]
fn a_closed_port_is_unreachable() {
    let run = probe(&pg_url(closed_port(), ""), &TIMEOUT_MS.to_string());
    assert_eq!(run.code, 78, "{}", run.output());
    assert_eq!(findings(&run), [pair("database_unreachable", "error")]);
    assert!(run.stdout.contains("refused the connection"), "{}", run.stdout);
}

#[test]
fn a_listener_that_never_answers_ends_within_the_timeout() {
    let silent = FakeServer::start(Behaviour::Silent);
    let start = Instant::now();
    let run = probe(&pg_url(silent.port(), ""), &TIMEOUT_MS.to_string());
    // Three runs (json, text, github), each bounded.
    assert!(start.elapsed() < 3 * Duration::from_millis(TIMEOUT_MS) + Duration::from_secs(3));
    assert_eq!(run.code, 78, "{}", run.output());
    assert_eq!(findings(&run), [pair("database_unreachable", "error")]);
    // The goal is the timeout + 10 %, measured on an idle machine
    // (BENCHMARKS.md); tests share 2 cores with servers starting, so they
    // allow 100 ms of scheduling on top. Waiting twice, or for the default
    // 5 s, still fails.
    let elapsed = run.json()["probe"]["elapsed_ms"].as_f64().unwrap();
    assert!(elapsed <= TIMEOUT_MS as f64 * 1.1 + 100.0, "the probe took {elapsed} ms");
    assert!(run.stdout.contains("no answer to SSLRequest in time"), "{}", run.stdout);
}

#[test]
fn extra_bytes_after_s_are_a_protocol_mismatch() {
    let fake = FakeServer::start(Behaviour::Reply(b"Sextra".to_vec()));
    let run = probe(&pg_url(fake.port(), ""), &TIMEOUT_MS.to_string());
    assert_eq!(run.code, 78, "{}", run.output());
    assert_eq!(findings(&run), [pair("database_protocol_mismatch", "error")]);
    assert!(run.stdout.contains("CVE-2021-23222"), "{}", run.stdout);
}

#[test]
fn without_probe_guard_opens_no_connection() {
    let fake = FakeServer::start(Behaviour::Silent);
    let env = [
        ("DEBUG", "false"),
        ("DATABASE_URL", &*pg_url(fake.port(), "")),
        ("SECRET_KEY", SECRET_KEY),
    ];
    let run = guard(&["check", "--format", "json"], &env);
    assert_eq!(run.code, 0, "{}", run.output());
    assert!(run.json()["probe"].is_null());
    assert_eq!(fake.accepted(), 0);
    let run = guard(&["check", "--probe-timeout", "300"], &env);
    assert_eq!(run.code, 2, "--probe-timeout needs --probe: {}", run.output());
    assert_eq!(fake.accepted(), 0);
}

#[test]
fn not_probed_says_why() {
    let env = [("DEBUG", "true"), ("DATABASE_URL", "sqlite:///data/app.db")];
    let run = guard(&["check", "--probe"], &env);
    assert_eq!(run.code, 0, "{}", run.output());
    assert!(run.stdout.contains("probe: not run: DATABASE_URL is SQLite"), "{}", run.stdout);
}
