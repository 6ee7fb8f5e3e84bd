//! Every check in prodguard's catalog is reachable through `prodguard check`,
//! with the severity the catalog gives it.

mod common;

use std::collections::BTreeSet;

use common::{FIT, env_file, env_text, guard, with};
use prodguard::Check;

/// One row: a name, changes to a fit Railway deployment (an empty value
/// removes the variable), extra arguments, the check it must trigger, its
/// severity, and the exit status.
struct Case {
    name: &'static str,
    env: &'static [(&'static str, &'static str)],
    args: &'static [&'static str],
    id: &'static str,
    severity: &'static str,
    exit: i32,
}

const CASES: &[Case] = &[
    Case {
        name: "DEBUG true on Railway",
        env: &[("DEBUG", "true")],
        args: &[],
        id: "debug_in_production",
        severity: "error",
        exit: 78,
    },
    Case {
        name: "DEBUG not a boolean",
        env: &[("DEBUG", "maybe")],
        args: &[],
        id: "invalid_boolean",
        severity: "error",
        exit: 78,
    },
    Case {
        name: "LOCAL_TEST true",
        env: &[("LOCAL_TEST", "True")],
        args: &[],
        id: "local_test_in_production",
        severity: "error",
        exit: 78,
    },
    Case {
        name: "DATABASE_URL unset",
        env: &[("DATABASE_URL", "")],
        args: &[],
        id: "database_url_missing",
        severity: "error",
        exit: 78,
    },
    Case {
        name: "DATABASE_URL an unresolved Railway reference",
        env: &[("DATABASE_URL", "${{Postgres.DATABASE_URL}}")],
        args: &[],
        id: "database_url_invalid",
        severity: "error",
        exit: 78,
    },
    Case {
        name: "DATABASE_URL SQLite",
        env: &[("DATABASE_URL", "sqlite:///app/db.sqlite3")],
        args: &[],
        id: "sqlite_in_production",
        severity: "error",
        exit: 78,
    },
    Case {
        name: "Spring on H2",
        env: &[("SPRING_DATASOURCE_URL", "jdbc:h2:mem:shop")],
        args: &["--profile", "spring"],
        id: "embedded_database_in_production",
        severity: "error",
        exit: 78,
    },
    Case {
        name: "Flask on Heroku's postgres:// scheme",
        env: &[("DATABASE_URL", "postgres://postgres:pw@postgres.railway.internal:5432/railway")],
        args: &["--profile", "flask"],
        id: "database_scheme_unsupported",
        severity: "warning",
        exit: 0,
    },
    Case {
        name: "DATABASE_URL another service's URL",
        env: &[("DATABASE_URL", "redis://default:pw@redis.railway.internal:6379")],
        args: &[],
        id: "unknown_database_backend",
        severity: "error",
        exit: 78,
    },
    Case {
        name: "SECRET_KEY unset",
        env: &[("SECRET_KEY", "")],
        args: &[],
        id: "secret_key_missing",
        severity: "error",
        exit: 78,
    },
    Case {
        name: "SECRET_KEY a placeholder",
        env: &[("SECRET_KEY", "changeme")],
        args: &[],
        id: "secret_key_weak",
        severity: "error",
        exit: 78,
    },
    Case {
        name: "SITE_URL over http",
        env: &[("SITE_URL", "http://shop.example.com")],
        args: &[],
        id: "site_url_insecure",
        severity: "error",
        exit: 78,
    },
    Case {
        name: "SITE_URL host not in ALLOWED_HOSTS",
        env: &[("SITE_URL", "https://shop.example.com"), ("ALLOWED_HOSTS", "admin.example.com")],
        args: &[],
        id: "site_url_host_not_allowed",
        severity: "error",
        exit: 78,
    },
    Case {
        name: "a required variable unset",
        env: &[],
        args: &["--require", "REDIS_URL"],
        id: "required_variable_missing",
        severity: "error",
        exit: 78,
    },
    Case {
        name: "ALLOWED_HOSTS wildcard",
        env: &[("ALLOWED_HOSTS", "*")],
        args: &[],
        id: "allowed_hosts_wildcard",
        severity: "warning",
        exit: 0,
    },
    Case {
        name: "ALLOWED_HOSTS lacks Railway's public domain",
        env: &[
            ("RAILWAY_PUBLIC_DOMAIN", "shop-production.up.railway.app"),
            ("ALLOWED_HOSTS", "shop.example.com"),
        ],
        args: &[],
        id: "public_domain_not_allowed",
        severity: "warning",
        exit: 0,
    },
    Case {
        name: "database on localhost on a platform",
        env: &[("DATABASE_URL", "postgresql://postgres:pw@localhost:5432/app")],
        args: &[],
        id: "database_host_local",
        severity: "warning",
        exit: 0,
    },
    Case {
        name: "TLS off to a public host",
        env: &[(
            "DATABASE_URL",
            "postgresql://postgres:pw@db.example.com:5432/app?sslmode=disable",
        )],
        args: &[],
        id: "database_tls_disabled",
        severity: "warning",
        exit: 0,
    },
];

fn run_case(case: &Case, via_file: bool) -> common::Run {
    let env = with(FIT, case.env);
    let mut args = vec!["check", "--format", "json"];
    args.extend(case.args);
    if via_file {
        let path = env_file(&env_text(&env));
        let path = path.to_str().unwrap().to_owned();
        let args: Vec<&str> = args.iter().copied().chain(["--env-file", &path]).collect();
        guard(&args, &[])
    } else {
        guard(&args, &env)
    }
}

#[test]
fn every_check_is_reachable_through_guard_check() {
    for case in CASES {
        for via_file in [false, true] {
            let run = run_case(case, via_file);
            let how = if via_file { "--env-file" } else { "process env" };
            assert_eq!(run.code, case.exit, "{} ({how}): {run:?}", case.name);
            let finding = run.finding(case.id);
            assert_eq!(finding["severity"], case.severity, "{}", case.name);
        }
    }
    let reached: BTreeSet<&str> = CASES.iter().map(|c| c.id).collect();
    // The probe's checks need a server to talk to: tests/test_probe.rs
    // reaches them through `prodguard check --probe`.
    let probed = [
        Check::DatabaseUnreachable,
        Check::DatabaseProtocolMismatch,
        Check::DatabaseTlsUnavailable,
        Check::DatabaseTlsNotOffered,
    ];
    let catalog: BTreeSet<&str> =
        Check::ALL.iter().filter(|c| !probed.contains(c)).map(|c| c.id()).collect();
    assert_eq!(reached, catalog, "every check in the catalog has a case");
}

#[test]
fn each_case_reports_only_its_own_check() {
    // The fit deployment has no finding, so each row isolates one check
    // (the wildcard row's `*` also allows every host: nothing else fires).
    for case in CASES {
        let ids = run_case(case, true).finding_ids();
        assert_eq!(ids, [case.id], "{}", case.name);
    }
}

#[test]
fn allowing_each_check_marks_it_allowed() {
    for case in CASES {
        let mut args = vec!["check", "--format", "json", "--allow", case.id];
        args.extend(case.args);
        let run = guard(&args, &with(FIT, case.env));
        assert_eq!(run.code, 0, "{}: {run:?}", case.name);
        let json = run.json();
        assert_eq!(json["findings"][0]["id"], case.id, "{}", case.name);
        assert_eq!(json["findings"][0]["severity"], "allowed", "{}", case.name);
        assert_eq!(json["verdict"], "ok");
    }
}

#[test]
fn outside_production_nothing_blocks() {
    let env = [
        ("DEBUG", "true"),
        ("LOCAL_TEST", "true"),
        ("DATABASE_URL", "sqlite:dev.db"),
        ("SITE_URL", "http://localhost:8000"),
    ];
    let run = guard(&["check", "--format", "json"], &env);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.json()["production"], false);
    let text = guard(&["check"], &env);
    assert_eq!(text.stdout, "⚠️  Using SQLite for LOCAL TESTING ONLY\n");
}
