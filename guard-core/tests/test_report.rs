//! What the start-up line and the misconfiguration report say.

mod common;

use common::{check, pairs, railway_fit, with};
use prodguard::{Platform, Policy};

#[test]
fn startup_lines() {
    let cases: &[(Vec<(String, String)>, &str)] = &[
        (railway_fit(), "✅ Using PostgreSQL database from DATABASE_URL"),
        (
            with(
                railway_fit(),
                &[("DATABASE_URL", Some("mysql://root:pw@mysql.railway.internal:3306/railway"))],
            ),
            "✅ Using MySQL database from DATABASE_URL",
        ),
        (
            with(
                railway_fit(),
                &[("DATABASE_URL", Some("mongodb+srv://u:pw@cluster0.example.net/shop"))],
            ),
            "✅ Using MongoDB database from DATABASE_URL",
        ),
        (
            pairs(&[("DEBUG", "true"), ("DATABASE_URL", "sqlite:dev.db")]),
            "⚠️  Using SQLite for LOCAL TESTING ONLY",
        ),
        (
            pairs(&[("DEBUG", "true"), ("DATABASE_URL", "db.sqlite3")]),
            "⚠️  Using SQLite for LOCAL TESTING ONLY",
        ),
        (
            pairs(&[("DEBUG", "true")]),
            "⚠️  No usable DATABASE_URL: development mode, production checks skipped",
        ),
    ];
    for (env, line) in cases {
        let report = check(&Policy::new(), env).unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(report.to_string(), *line);
    }
}

#[test]
fn the_alternate_form_adds_warnings_and_allowed_checks() {
    let env = with(
        railway_fit(),
        &[("ALLOWED_HOSTS", Some("*")), ("DATABASE_URL", Some("postgresql://u:pw@localhost/app"))],
    );
    let report = check(&Policy::new().allow(prodguard::Check::DatabaseHostLocal), &env).unwrap();
    assert_eq!(report.to_string(), "✅ Using PostgreSQL database from DATABASE_URL");
    let lines: Vec<String> = format!("{report:#}").lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(lines[1].starts_with("  ⚠️  ALLOWED_HOSTS contains `*`"), "{}", lines[1]);
    assert!(lines[1].ends_with("[allowed_hosts_wildcard]"), "{}", lines[1]);
    assert!(lines[2].starts_with("  ☑️  DATABASE_URL points at localhost"), "{}", lines[2]);
}

#[test]
fn the_misconfiguration_report_lists_errors_then_warnings_then_fixes() {
    let env = with(
        railway_fit(),
        &[
            ("DEBUG", Some("True")),
            ("LOCAL_TEST", Some("True")),
            ("ALLOWED_HOSTS", Some("*")),
            ("RAILWAY_ENVIRONMENT_NAME", Some("staging")),
        ],
    );
    let err = check(&Policy::new(), &env).unwrap_err();
    let text = err.to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "🚨 PRODUCTION ENVIRONMENT MISCONFIGURATION DETECTED:");
    assert_eq!(lines[1], "  ❌ DEBUG=True (MUST be False in production) [debug_in_production]");
    assert_eq!(
        lines[2],
        "  ❌ LOCAL_TEST=True (MUST be False in production) [local_test_in_production]"
    );
    assert!(lines[3].starts_with("  ⚠️  ALLOWED_HOSTS contains `*`"), "{}", lines[3]);
    assert!(text.contains("Platform: Railway (environment: staging)"), "{text}");
    let fixes = text.split("How to fix:").nth(1).unwrap();
    assert!(fixes.contains("- DEBUG [debug_in_production]: Set DEBUG=false"), "{fixes}");
    assert!(fixes.contains("- LOCAL_TEST [local_test_in_production]"), "{fixes}");
    assert!(fixes.contains("Project → Service → Variables, then redeploy"), "{fixes}");
    assert!(!fixes.contains("[allowed_hosts_wildcard]"), "warnings need no fix to start: {fixes}");
}

#[test]
fn the_report_names_platform_environment_and_preview() {
    let err =
        check(&Policy::new(), &pairs(&[("VERCEL", "1"), ("VERCEL_ENV", "preview")])).unwrap_err();
    let report = err.report();
    assert_eq!(report.platform(), Some(Platform::Vercel));
    assert_eq!(report.environment(), Some("preview"));
    assert!(report.is_preview() && report.is_production());
    assert!(err.to_string().contains("Platform: Vercel (environment: preview, a preview)"));
}

#[test]
fn debug_of_an_error_is_a_redacted_struct() {
    let err = check(&Policy::new(), &with(railway_fit(), &[("DEBUG", Some("1"))])).unwrap_err();
    let debug = format!("{err:?}");
    assert!(debug.starts_with("GuardError { report: Report {"), "{debug}");
    assert!(debug.contains("DebugInProduction"), "{debug}");
}
