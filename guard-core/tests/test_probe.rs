//! The live probe against fake servers on loopback, with a resolver that
//! maps every name to 127.0.0.1: no test sends a DNS query or leaves
//! loopback. Real PostgreSQL and MariaDB servers are prodguard-cli's tests.
#![cfg(feature = "probe")]

mod common;
#[path = "common/fake_server.rs"]
mod fake_server;

use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{PASSWORD, STRONG_SECRET, every_output, pairs};
use fake_server::{Behaviour, FakeServer, closed_port, mysql_greeting};
use prodguard::{Check, GuardError, Policy, Report, Severity};

const TIMEOUT: Duration = Duration::from_millis(300);
/// The bound a probe must end within: the goal is the timeout + 10 %,
/// measured on an idle machine (BENCHMARKS.md); tests share their cores,
/// so they allow 100 ms of scheduling on top.
const BOUND: Duration = Duration::from_millis(300 + 30 + 100);

/// Every name is 127.0.0.1; the names asked for are kept.
fn loopback(asked: Arc<Mutex<Vec<String>>>) -> impl Fn(&str, u16) -> io::Result<Vec<SocketAddr>> {
    move |host: &str, port: u16| {
        asked.lock().unwrap().push(host.to_owned());
        Ok(vec![SocketAddr::from(([127, 0, 0, 1], port))])
    }
}

fn probing() -> Policy {
    Policy::new().probe(TIMEOUT).probe_resolver(loopback(Arc::default()))
}

/// Production without a platform, fit but for the database.
fn env(url: &str) -> Vec<(String, String)> {
    pairs(&[("DEBUG", "false"), ("DATABASE_URL", url), ("SECRET_KEY", STRONG_SECRET)])
}

fn report(result: &Result<Report, GuardError>) -> &Report {
    match result {
        Ok(report) => report,
        Err(err) => err.report(),
    }
}

/// `(id, severity)` of each finding.
fn findings(result: &Result<Report, GuardError>) -> Vec<(&'static str, Severity)> {
    report(result).findings().iter().map(|f| (f.id(), f.severity())).collect()
}

fn pg(host: &str, port: u16, query: &str) -> String {
    format!("postgresql://app:{PASSWORD}@{host}:{port}/shop{query}")
}

#[test]
fn a_postgresql_server_with_tls_on_a_public_name_is_fit() {
    let server = FakeServer::start(Behaviour::Reply(b"S".to_vec()));
    let asked = Arc::new(Mutex::new(Vec::new()));
    let policy = Policy::new().probe(TIMEOUT).probe_resolver(loopback(Arc::clone(&asked)));
    let result = policy.validate_env(env(&pg("db.example.com", server.port(), "")));
    assert_eq!(findings(&result), []);
    let probe = report(&result).probe().expect("the probe ran");
    assert!(probe.notes()[0].contains("offers TLS"), "{probe}");
    assert!(probe.notes()[0].contains(&format!("db.example.com:{}", server.port())), "{probe}");
    assert_eq!(*asked.lock().unwrap(), ["db.example.com"]);
}

#[test]
fn no_tls_on_a_public_host_is_a_warning_and_on_a_private_one_nothing() {
    let server = FakeServer::start(Behaviour::Reply(b"N".to_vec()));
    let public = probing().validate_env(env(&pg("db.example.com", server.port(), "")));
    assert_eq!(findings(&public), [("database_tls_not_offered", Severity::Warning)]);
    assert!(public.is_ok());
    let private = probing().validate_env(env(&pg("db.railway.internal", server.port(), "")));
    assert_eq!(findings(&private), []);
    assert!(report(&private).probe().unwrap().notes()[0].contains("offers no TLS"));
}

#[test]
fn required_tls_that_is_not_offered_is_an_error() {
    let server = FakeServer::start(Behaviour::Reply(b"N".to_vec()));
    let result =
        probing().validate_env(env(&pg("db.railway.internal", server.port(), "?sslmode=require")));
    assert_eq!(findings(&result), [("database_tls_unavailable", Severity::Error)]);
    assert!(result.is_err());
}

#[test]
fn extra_bytes_after_the_ssl_reply_are_a_protocol_violation() {
    let server = FakeServer::start(Behaviour::Reply(b"Sinjected".to_vec()));
    let result = probing().validate_env(env(&pg("127.0.0.1", server.port(), "")));
    assert_eq!(findings(&result), [("database_protocol_mismatch", Severity::Error)]);
    let text = every_output(&result);
    assert!(text.contains("CVE-2021-23222") && text.contains("8 extra bytes"), "{text}");
}

#[test]
fn a_mysql_greeting_on_a_postgresql_url_is_a_mismatch_and_the_reverse_times_out() {
    let mysql = FakeServer::start(Behaviour::Greet(mysql_greeting(true)));
    let result = probing().validate_env(env(&pg("127.0.0.1", mysql.port(), "")));
    assert_eq!(findings(&result), [("database_protocol_mismatch", Severity::Error)]);
    assert!(every_output(&result).contains("MySQL"));

    // A PostgreSQL server waits for the client: a MySQL URL hears nothing.
    let postgres = FakeServer::start(Behaviour::Reply(b"N".to_vec()));
    let url = format!("mysql://app:{PASSWORD}@127.0.0.1:{}/shop", postgres.port());
    let result = probing().validate_env(env(&url));
    assert_eq!(findings(&result), [("database_unreachable", Severity::Error)]);
    assert!(every_output(&result).contains("sent no MySQL greeting in time"));
}

#[test]
fn a_mysql_greeting_tells_whether_tls_is_offered() {
    for (tls, expected) in [(true, "offers TLS"), (false, "offers no TLS")] {
        let server = FakeServer::start(Behaviour::Greet(mysql_greeting(tls)));
        let url =
            format!("mysql://app:{PASSWORD}@127.0.0.1:{}/shop?ssl-mode=REQUIRED", server.port());
        let result = probing().validate_env(env(&url));
        let probe = report(&result).probe().unwrap();
        if tls {
            assert_eq!(findings(&result), []);
            assert!(probe.notes()[0].contains(expected), "{probe}");
        } else {
            assert_eq!(findings(&result), [("database_tls_unavailable", Severity::Error)]);
        }
    }
}

#[test]
fn a_silent_or_closed_host_is_unreachable_within_the_timeout() {
    let silent = FakeServer::start(Behaviour::Silent);
    for port in [silent.port(), closed_port()] {
        let start = Instant::now();
        let result = probing().validate_env(env(&pg("127.0.0.1", port, "")));
        let took = start.elapsed();
        assert_eq!(findings(&result), [("database_unreachable", Severity::Error)]);
        assert!(took < BOUND, "took {took:?}");
        assert!(report(&result).probe().unwrap().elapsed() <= took);
    }
}

#[test]
fn a_host_that_closes_without_a_byte_did_not_answer() {
    // Nothing arrived, as from a proxy whose database is down: unreachable,
    // not another protocol.
    let closing = FakeServer::start(Behaviour::Close);
    for (url, before) in [
        (pg("127.0.0.1", closing.port(), ""), "before any answer to SSLRequest"),
        (format!("mysql://app:{PASSWORD}@127.0.0.1:{}/shop", closing.port()), "before a greeting"),
    ] {
        let result = probing().validate_env(env(&url));
        assert_eq!(findings(&result), [("database_unreachable", Severity::Error)], "{url}");
        let text = every_output(&result);
        assert!(text.contains(before), "{text}");
        assert!(!text.contains(PASSWORD), "{text}");
    }
}

#[test]
fn a_slow_resolver_cannot_hold_the_probe() {
    let slow = |_: &str, _: u16| -> io::Result<Vec<SocketAddr>> {
        std::thread::sleep(Duration::from_secs(5));
        Ok(Vec::new())
    };
    let start = Instant::now();
    let result = Policy::new().probe(TIMEOUT).probe_resolver(slow).validate_env(env(&pg(
        "db.example.com",
        5432,
        "",
    )));
    assert!(start.elapsed() < BOUND, "took {:?}", start.elapsed());
    assert!(every_output(&result).contains("was not resolved in time"));
}

#[test]
fn a_name_that_does_not_resolve_is_unreachable() {
    let unknown = |_: &str, _: u16| -> io::Result<Vec<SocketAddr>> {
        Err(io::Error::other("Name or service not known"))
    };
    let result = Policy::new().probe(TIMEOUT).probe_resolver(unknown).validate_env(env(&pg(
        "db.exmaple.com",
        5432,
        "",
    )));
    assert_eq!(findings(&result), [("database_unreachable", Severity::Error)]);
    assert!(every_output(&result).contains("db.exmaple.com:5432 does not resolve"));
}

#[test]
fn with_several_hosts_a_failing_one_is_a_warning_while_another_answers() {
    let live = FakeServer::start(Behaviour::Reply(b"S".to_vec()));
    let closed = closed_port();
    let url = format!(
        "postgresql://app:{PASSWORD}@live.internal:{},dead.internal:{closed}/shop",
        live.port()
    );
    let result = probing().validate_env(env(&url));
    assert_eq!(findings(&result), [("database_unreachable", Severity::Warning)]);
    let text = every_output(&result);
    assert!(text.contains(&format!("dead.internal:{closed}")), "{text}");
    assert!(result.is_ok());

    let url = format!("postgresql://app:{PASSWORD}@a.internal:{closed},b.internal:{closed}/shop");
    let result = probing().validate_env(env(&url));
    assert_eq!(
        findings(&result),
        [("database_unreachable", Severity::Error), ("database_unreachable", Severity::Error)]
    );
}

#[test]
fn an_allowed_probe_check_is_listed_and_never_blocks() {
    let result = probing().allow(Check::DatabaseUnreachable).validate_env(env(&pg(
        "127.0.0.1",
        closed_port(),
        "",
    )));
    assert_eq!(findings(&result), [("database_unreachable", Severity::Allowed)]);
    assert!(result.is_ok());
}

#[test]
fn what_is_not_probed_says_why() {
    let cases = [
        ("sqlite:///data/app.db", "SQLite"),
        ("host=/var/run/postgresql dbname=app", "unix socket"),
        ("mongodb+srv://u:pw@cluster0.example.net/shop", "SRV"),
        ("redis://cache:6379", "no database guard can probe"),
    ];
    for (url, why) in cases {
        let result = probing().validate_env(pairs(&[("DEBUG", "true"), ("DATABASE_URL", url)]));
        let notes = report(&result).probe().unwrap().notes().join("\n");
        assert!(notes.contains("not run") && notes.contains(why), "{url}: {notes}");
    }
    let result = probing().no_database().validate_env(pairs(&[("DEBUG", "true")]));
    assert!(report(&result).probe().unwrap().notes()[0].contains("no database"));
}

#[test]
fn tcp_only_backends_say_so() {
    let server = FakeServer::start(Behaviour::Silent);
    let url = format!("sqlserver://sa:{PASSWORD}@db.internal:{};database=shop", server.port());
    let result = probing().validate_env(env(&url));
    assert_eq!(findings(&result), []);
    let note = &report(&result).probe().unwrap().notes()[0];
    assert!(note.contains("TCP only") && note.contains("SQL Server"), "{note}");
}

#[test]
fn no_probe_unless_asked() {
    let silent = FakeServer::start(Behaviour::Silent);
    let result = Policy::new().validate_env(env(&pg("127.0.0.1", silent.port(), "")));
    assert!(report(&result).probe().is_none());
    assert_eq!(findings(&result), []);
}

#[test]
fn no_password_in_any_probe_output() {
    let silent = FakeServer::start(Behaviour::Silent);
    let bad = FakeServer::start(Behaviour::Reply(b"Sxx".to_vec()));
    let urls = [
        pg("127.0.0.1", silent.port(), "?sslmode=require"),
        pg("127.0.0.1", bad.port(), ""),
        pg("127.0.0.1", closed_port(), ""),
        format!("mysql://app:{PASSWORD}@127.0.0.1:{}/shop", silent.port()),
        format!("host=127.0.0.1 port={} password={PASSWORD} dbname=app", bad.port()),
    ];
    for url in urls {
        let result = probing().validate_env(env(&url));
        let text = format!("{}\n{:?}", every_output(&result), report(&result).probe());
        assert!(!text.contains(PASSWORD) && !text.contains("hunter2"), "{text}");
        assert!(!findings(&result).is_empty(), "{url}: {text}");
    }
}
