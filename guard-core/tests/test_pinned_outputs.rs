//! Exact outputs, pinned: the start-up line for each state of the
//! database, how the snapshot gives a name its role (later pairs win, the
//! first name set is the one reported, one name in two roles), the words
//! of the boolean and `ALLOWED_HOSTS` findings, the order platforms are
//! detected in, and planted values that never show.

mod common;

use std::ffi::OsString;

use common::STRONG_SECRET;
use prodguard::{GuardError, Platform, Policy, Profile, Report, Variable};

fn report(result: &Result<Report, GuardError>) -> &Report {
    match result {
        Ok(report) => report,
        Err(err) => err.report(),
    }
}

fn run(policy: &Policy, env: &[(&str, &str)]) -> Result<Report, GuardError> {
    policy.validate_env(env.iter().copied())
}

fn line(policy: &Policy, env: &[(&str, &str)]) -> String {
    report(&run(policy, env)).to_string()
}

/// `(id, variable, message)` of each finding.
fn findings(result: &Result<Report, GuardError>) -> Vec<(&'static str, String, String)> {
    let findings = report(result).findings().iter();
    findings.map(|f| (f.id(), f.variable().to_owned(), f.message().to_owned())).collect()
}

#[cfg(unix)]
fn not_utf8(text: &str) -> OsString {
    use std::os::unix::ffi::OsStringExt;
    let mut bytes = text.as_bytes().to_vec();
    bytes.push(0xff);
    OsString::from_vec(bytes)
}

/// A policy, the variables it checks, and the start-up line expected.
type Case = (Policy, Vec<(&'static str, &'static str)>, &'static str);

#[test]
fn the_start_up_line_for_each_database_state() {
    let django = Policy::new();
    let prod = |url: &'static str| vec![("DEBUG", "false"), ("DATABASE_URL", url)];
    let dev = |url: &'static str| vec![("DEBUG", "true"), ("DATABASE_URL", url)];
    let cases: Vec<Case> = vec![
        (
            django.clone().no_database(),
            prod("sqlite:a.db"),
            "✅ No database (the app's policy says it has none)",
        ),
        (
            django.clone().no_database(),
            dev(""),
            "✅ No database (the app's policy says it has none)",
        ),
        (
            django.clone(),
            prod("postgresql://u:p@db.example.com/app"),
            "✅ Using PostgreSQL database from DATABASE_URL",
        ),
        (django.clone(), dev("mysql://u:p@db/app"), "✅ Using MySQL database from DATABASE_URL"),
        (django.clone(), prod("redis://r:6379"), "⚠️  Using an unknown database from DATABASE_URL"),
        (
            django.clone(),
            prod("sqlite:a.db"),
            "⚠️  Using SQLite database from DATABASE_URL (sqlite_in_production allowed)",
        ),
        (django.clone(), dev("sqlite:a.db"), "⚠️  Using SQLite for LOCAL TESTING ONLY"),
        (django.clone(), prod(""), "⚠️  No usable DATABASE_URL"),
        (
            django.clone(),
            dev("  "),
            "⚠️  No usable DATABASE_URL: development mode, production checks skipped",
        ),
        (django.clone(), prod("not a url"), "⚠️  No usable DATABASE_URL"),
        (
            django.clone(),
            dev("\"postgresql://db/app\""),
            "⚠️  No usable DATABASE_URL: development mode, production checks skipped",
        ),
        (
            django.clone().rename(Variable::DatabaseUrl, "PG_URL"),
            vec![("DEBUG", "false"), ("PG_URL", "sqlite:a.db")],
            "⚠️  Using SQLite database from PG_URL (sqlite_in_production allowed)",
        ),
        (
            Policy::for_profile(Profile::Spring),
            vec![("SPRING_PROFILES_ACTIVE", "prod"), ("SPRING_DATASOURCE_URL", "jdbc:h2:mem:test")],
            "⚠️  Using an embedded database from SPRING_DATASOURCE_URL (embedded_database_in_production allowed)",
        ),
        (
            Policy::for_profile(Profile::Spring),
            vec![("SPRING_PROFILES_ACTIVE", "dev"), ("SPRING_DATASOURCE_URL", "jdbc:h2:mem:test")],
            "⚠️  Using an embedded for LOCAL TESTING ONLY",
        ),
        (
            Policy::for_profile(Profile::Spring),
            vec![
                ("SPRING_PROFILES_ACTIVE", "prod"),
                ("SPRING_DATASOURCE_URL", "postgresql://db/app"),
            ],
            "⚠️  No usable SPRING_DATASOURCE_URL",
        ),
        (
            Policy::for_profile(Profile::Laravel),
            vec![("APP_ENV", "production"), ("DB_CONNECTION", "sqlite")],
            "⚠️  Using SQLite database from DB_CONNECTION (sqlite_in_production allowed)",
        ),
        // A database URL picks Laravel's driver over DB_CONNECTION.
        (
            Policy::for_profile(Profile::Laravel),
            vec![
                ("APP_ENV", "production"),
                ("DB_CONNECTION", "sqlite"),
                ("DB_URL", "postgresql://db/app"),
            ],
            "✅ Using PostgreSQL database from DB_URL",
        ),
        (
            Policy::for_profile(Profile::Laravel),
            vec![("APP_ENV", "local"), ("DB_CONNECTION", "sqlite")],
            "⚠️  Using SQLite for LOCAL TESTING ONLY",
        ),
        (
            Policy::for_profile(Profile::Laravel),
            vec![
                ("APP_ENV", "production"),
                ("DB_CONNECTION", "mysql"),
                ("DB_HOST", "db.example.com"),
                ("DB_DATABASE", "app"),
            ],
            "✅ Using the database server in DB_HOST",
        ),
        (
            Policy::for_profile(Profile::Laravel),
            vec![
                ("APP_ENV", "production"),
                ("DB_CONNECTION", "mysql"),
                ("DB_HOST", "db.example.com"),
            ],
            "⚠️  No usable DB_URL",
        ),
        (
            Policy::for_profile(Profile::Laravel),
            vec![
                ("APP_ENV", "production"),
                ("DB_CONNECTION", "pgsql"),
                ("DATABASE_URL", "postgresql://db/app"),
            ],
            "✅ Using PostgreSQL database from DATABASE_URL",
        ),
        // Laravel 11 defaults DB_CONNECTION to sqlite, and reads DB_URL only.
        (
            Policy::for_profile(Profile::Laravel),
            vec![("APP_ENV", "production"), ("DATABASE_URL", "postgresql://db/app")],
            "⚠️  Using SQLite database from DB_CONNECTION (sqlite_in_production allowed)",
        ),
    ];
    for (policy, env, expected) in cases {
        assert_eq!(line(&policy, &env), expected, "{env:?}");
    }
}

#[cfg(unix)]
#[test]
fn a_database_url_that_is_not_utf8_has_no_usable_line() {
    let env = [
        (OsString::from("DEBUG"), OsString::from("false")),
        ("DATABASE_URL".into(), not_utf8("pg")),
    ];
    let result = Policy::new().validate_env(env);
    assert_eq!(report(&result).to_string(), "⚠️  No usable DATABASE_URL");
}

#[test]
fn later_pairs_win_even_when_empty() {
    let env =
        [("DEBUG", "true"), ("DEBUG", " "), ("SECRET_KEY", STRONG_SECRET), ("SECRET_KEY", "")];
    let result = run(&Policy::new().no_database(), &env);
    let report = report(&result);
    assert!(report.is_production(), "the later empty DEBUG wins: not true");
    assert!(findings(&result).iter().any(|(id, ..)| *id == "secret_key_missing"));
}

#[test]
fn a_required_name_that_is_also_a_platform_variable_plays_both_roles() {
    let policy = Policy::new().no_database().no_secret().require("DYNO").require("DEBUG");
    let result = run(&policy, &[("DYNO", "web.1"), ("DEBUG", "false")]);
    assert_eq!(report(&result).platform(), Some(Platform::Heroku));
    assert_eq!(findings(&result), []);
    let result = run(&policy, &[("DYNO", "  "), ("DEBUG", "false")]);
    assert_eq!(report(&result).platform(), None);
    assert_eq!(
        findings(&result),
        [(
            "required_variable_missing",
            "DYNO".to_owned(),
            "DYNO is not set (the app requires it)".to_owned()
        )]
    );
}

#[cfg(unix)]
#[test]
fn a_value_that_is_not_utf8_is_set_for_detection_and_not_for_requirement() {
    let policy = Policy::new().no_database().no_secret().require("DYNO");
    let env = [(OsString::from("DYNO"), not_utf8("web")), ("DEBUG".into(), "false".into())];
    let result = policy.validate_env(env);
    assert_eq!(report(&result).platform(), Some(Platform::Heroku));
    assert_eq!(
        findings(&result),
        [(
            "required_variable_missing",
            "DYNO".to_owned(),
            "DYNO is not valid UTF-8 (the app requires it)".to_owned()
        )]
    );
    // A key that is not UTF-8 names nothing.
    let env = [(not_utf8("DYNO"), OsString::from("web.1")), ("DEBUG".into(), "false".into())];
    assert_eq!(report(&Policy::new().no_database().no_secret().validate_env(env)).platform(), None);
}

#[test]
fn the_first_name_set_is_the_one_reported() {
    let policy = Policy::for_profile(Profile::Rails).no_database().no_secret();
    let result =
        run(&policy, &[("DYNO", "web.1"), ("RAILS_ENV", " "), ("RACK_ENV", "development")]);
    let (id, variable, message) = &findings(&result)[0];
    assert_eq!((*id, variable.as_str()), ("debug_in_production", "RACK_ENV"));
    assert!(message.starts_with("RACK_ENV=development is a development environment"), "{message}");
    let result =
        run(&policy, &[("DYNO", "web.1"), ("RACK_ENV", "development"), ("RAILS_ENV", "test")]);
    assert!(findings(&result)[0].2.starts_with("RAILS_ENV=test is"), "{:?}", findings(&result));
}

#[test]
fn invalid_booleans_in_order_with_their_spellings() {
    let result =
        run(&Policy::new().no_database().no_secret(), &[("LOCAL_TEST", "nah"), ("DEBUG", "maybe")]);
    let accepted = "(accepted: true/false, 1/0, yes/no, on/off (any case))";
    assert_eq!(
        findings(&result),
        [
            (
                "invalid_boolean",
                "DEBUG".to_owned(),
                format!("DEBUG=maybe is not a boolean {accepted}")
            ),
            (
                "invalid_boolean",
                "LOCAL_TEST".to_owned(),
                format!("LOCAL_TEST=nah is not a boolean {accepted}")
            ),
        ]
    );
}

#[cfg(unix)]
#[test]
fn allowed_hosts_that_is_not_utf8_is_reported_by_both_rules_that_read_it() {
    let env: Vec<(OsString, OsString)> = vec![
        ("RAILWAY_PROJECT_ID".into(), "p".into()),
        ("RAILWAY_PUBLIC_DOMAIN".into(), "web.up.railway.app".into()),
        ("SITE_URL".into(), "https://shop.example.com".into()),
        ("ALLOWED_HOSTS".into(), not_utf8("*")),
    ];
    let result = Policy::new().no_database().no_secret().validate_env(env);
    let hosts = "ALLOWED_HOSTS is not valid UTF-8: it allows no host".to_owned();
    assert_eq!(
        findings(&result),
        [
            ("site_url_host_not_allowed", "ALLOWED_HOSTS".to_owned(), hosts.clone()),
            ("public_domain_not_allowed", "ALLOWED_HOSTS".to_owned(), hosts),
        ]
    );
}

#[test]
fn allowed_hosts_rules_word_their_hosts_as_before() {
    let env = [
        ("RAILWAY_PROJECT_ID", "p"),
        ("RAILWAY_PUBLIC_DOMAIN", "Web.Up.Railway.App"),
        ("SITE_URL", "https://Shop.Example.com./x"),
        ("ALLOWED_HOSTS", "other.example.org,*x"),
    ];
    let result = run(&Policy::new().no_database().no_secret(), &env);
    assert_eq!(
        findings(&result),
        [
            (
                "site_url_host_not_allowed",
                "ALLOWED_HOSTS".to_owned(),
                "SITE_URL's host `shop.example.com` is not in ALLOWED_HOSTS: requests to the app's own address would be refused".to_owned()
            ),
            (
                "public_domain_not_allowed",
                "ALLOWED_HOSTS".to_owned(),
                "ALLOWED_HOSTS lacks Railway's public domain `web.up.railway.app`: requests to it would be refused".to_owned()
            ),
        ]
    );
    let wildcard = run(
        &Policy::new().no_database().no_secret(),
        &[("DEBUG", "false"), ("ALLOWED_HOSTS", " *, ")],
    );
    let remediation = report(&wildcard).findings()[0].remediation().to_owned();
    assert_eq!(
        remediation,
        "List the app's own domains in ALLOWED_HOSTS (e.g. shop.example.com) wherever this deployment's environment variables are set, then restart."
    );
}

#[test]
fn platforms_are_detected_in_order_with_their_environments() {
    let detect = |env: &[(&str, &str)]| {
        let result = run(&Policy::new().no_database().no_secret(), env);
        let report = report(&result);
        (report.platform(), report.environment().map(str::to_owned), report.is_preview())
    };
    assert_eq!(
        detect(&[("DYNO", "web.1"), ("RAILWAY_ENVIRONMENT", "PR-7")]),
        (Some(Platform::Railway), Some("PR-7".to_owned()), true)
    );
    assert_eq!(
        detect(&[("KUBERNETES_SERVICE_HOST", "10.0.0.1"), ("DYNO", "web.1")]),
        (Some(Platform::Heroku), None, false)
    );
    assert_eq!(
        detect(&[("RENDER", "true"), ("IS_PULL_REQUEST", "TRUE")]),
        (Some(Platform::Render), Some("preview".to_owned()), true)
    );
    assert_eq!(
        detect(&[("RENDER", "true"), ("IS_PULL_REQUEST", "nope")]),
        (Some(Platform::Render), None, false)
    );
    assert_eq!(
        detect(&[("VERCEL_ENV", "preview")]),
        (Some(Platform::Vercel), Some("preview".to_owned()), true)
    );
    assert_eq!(
        detect(&[("NETLIFY", "true"), ("CONTEXT", "branch-deploy")]),
        (Some(Platform::Netlify), Some("branch-deploy".to_owned()), true)
    );
    assert_eq!(detect(&[("CONTEXT", "production")]), (None, None, false));
    assert_eq!(detect(&[("K_SERVICE", "s")]), (None, None, false));
    assert_eq!(
        detect(&[("K_SERVICE", "s"), ("K_CONFIGURATION", "c")]),
        (Some(Platform::CloudRun), None, false)
    );
    assert_eq!(
        detect(&[("CLOUD_RUN_JOB", "j"), ("GAE_SERVICE", "g")]),
        (Some(Platform::CloudRun), None, false)
    );
    // An environment name that may hold anything is shown by its length.
    let (_, environment, _) = detect(&[("RAILWAY_ENVIRONMENT_NAME", "pr-x env with s3cret!")]);
    assert_eq!(environment.as_deref(), Some("(21 characters, not shown)"));
}

#[test]
fn planted_values_in_platform_and_host_variables_never_show() {
    let planted = [
        "VOLS3CRET",
        "DOMS3CRET",
        "HOSTS3CRET",
        "SITES3CRET",
        "TOKS3CRET",
        "PWS3CRET",
        "SKS3CRET",
        "ENVS3CRET",
    ];
    let env = [
        ("RAILWAY_PROJECT_ID", "p"),
        ("RAILWAY_ENVIRONMENT_NAME", "ENVS3CRET weird!!"),
        ("RAILWAY_PUBLIC_DOMAIN", "DOMS3CRET weird!/x"),
        ("RAILWAY_VOLUME_MOUNT_PATH", "/data/VOLS3CRET with space?"),
        ("DATABASE_URL", "sqlite:///data/app.db?password=PWS3CRET"),
        ("SECRET_KEY", "hunter2SKS3CRET"),
        ("ALLOWED_HOSTS", "HOSTS3CRET weird,, *"),
        ("SITE_URL", "http://u:PWS3CRET@shop.example.com/?token=TOKS3CRET"),
        ("DEBUG", "maybe SITES3CRET value!"),
    ];
    for policy in [
        Policy::new(),
        Policy::new().allow(prodguard::Check::SqliteInProduction).require("RAILWAY_PUBLIC_DOMAIN"),
    ] {
        let out = common::every_output(&run(&policy, &env));
        for secret in planted {
            assert!(!out.to_lowercase().contains(&secret.to_lowercase()), "{secret} shows:\n{out}");
        }
    }
}
