//! Every check id, triggered by one case and not by its near miss.

mod common;

use common::{STRONG_SECRET, check, ids, railway_fit, with};
use prodguard::{Check, Policy, Profile, Severity};

type Change<'a> = (&'a str, Option<&'a str>);

struct Case {
    name: &'static str,
    check: Check,
    policy: fn() -> Policy,
    hit: &'static [Change<'static>],
    near_miss: &'static [Change<'static>],
}

fn default_policy() -> Policy {
    Policy::new()
}

fn spring() -> Policy {
    Policy::for_profile(Profile::Spring)
}

fn flask() -> Policy {
    Policy::for_profile(Profile::Flask)
}

const CASES: &[Case] = &[
    Case {
        name: "DEBUG=true on Railway",
        check: Check::DebugInProduction,
        policy: default_policy,
        hit: &[("DEBUG", Some("True"))],
        near_miss: &[("DEBUG", Some("False"))],
    },
    Case {
        name: "DEBUG is no boolean",
        check: Check::InvalidBoolean,
        policy: default_policy,
        hit: &[("DEBUG", Some("ture"))],
        near_miss: &[("DEBUG", Some(" OFF "))],
    },
    Case {
        name: "LOCAL_TEST is no boolean",
        check: Check::InvalidBoolean,
        policy: default_policy,
        hit: &[("LOCAL_TEST", Some("enabled"))],
        near_miss: &[("LOCAL_TEST", Some("no"))],
    },
    Case {
        name: "LOCAL_TEST=true in production",
        check: Check::LocalTestInProduction,
        policy: default_policy,
        hit: &[("LOCAL_TEST", Some("yes"))],
        near_miss: &[("LOCAL_TEST", Some("0"))],
    },
    Case {
        name: "DATABASE_URL unset",
        check: Check::DatabaseUrlMissing,
        policy: default_policy,
        hit: &[("DATABASE_URL", None)],
        near_miss: &[("DATABASE_URL", Some("postgres://db.railway.internal/app"))],
    },
    Case {
        name: "DATABASE_URL whitespace only",
        check: Check::DatabaseUrlMissing,
        policy: default_policy,
        hit: &[("DATABASE_URL", Some("  \t "))],
        near_miss: &[("DATABASE_URL", Some(" postgres://db.railway.internal/app "))],
    },
    Case {
        name: "DATABASE_URL in quotes",
        check: Check::DatabaseUrlInvalid,
        policy: default_policy,
        hit: &[("DATABASE_URL", Some("\"postgres://db.railway.internal/app\""))],
        near_miss: &[("DATABASE_URL", Some("postgres://db.railway.internal/app"))],
    },
    Case {
        name: "DATABASE_URL holds an unresolved Railway reference",
        check: Check::DatabaseUrlInvalid,
        policy: default_policy,
        hit: &[("DATABASE_URL", Some("${{Postgres.DATABASE_URL}}"))],
        near_miss: &[(
            "DATABASE_URL",
            Some("postgresql://postgres:pw@postgres.railway.internal:5432/railway"),
        )],
    },
    Case {
        name: "DATABASE_URL with a bad port",
        check: Check::DatabaseUrlInvalid,
        policy: default_policy,
        hit: &[("DATABASE_URL", Some("postgresql://u:pw@db.railway.internal:54x2/app"))],
        near_miss: &[("DATABASE_URL", Some("postgresql://u:pw@db.railway.internal:5432/app"))],
    },
    Case {
        name: "DATABASE_URL without a scheme",
        check: Check::DatabaseUrlInvalid,
        policy: default_policy,
        hit: &[("DATABASE_URL", Some("railway"))],
        near_miss: &[("DATABASE_URL", Some("postgres://railway"))],
    },
    Case {
        name: "SQLite URL in production",
        check: Check::SqliteInProduction,
        policy: default_policy,
        hit: &[("DATABASE_URL", Some("sqlite:///app/db.sqlite3"))],
        near_miss: &[("DATABASE_URL", Some("libsql://shop-org.turso.io"))],
    },
    Case {
        name: "bare SQLite path in production",
        check: Check::SqliteInProduction,
        policy: default_policy,
        hit: &[("DATABASE_URL", Some("db.sqlite3"))],
        near_miss: &[("DATABASE_URL", Some("postgres://db.railway.internal/db"))],
    },
    Case {
        name: "unknown scheme",
        check: Check::UnknownDatabaseBackend,
        policy: default_policy,
        hit: &[("DATABASE_URL", Some("redis://default:pw@redis.railway.internal:6379"))],
        near_miss: &[("DATABASE_URL", Some("mysql://root:pw@mysql.railway.internal:3306/railway"))],
    },
    Case {
        name: "SECRET_KEY unset",
        check: Check::SecretKeyMissing,
        policy: default_policy,
        hit: &[("SECRET_KEY", None)],
        near_miss: &[("SECRET_KEY", Some(STRONG_SECRET))],
    },
    Case {
        name: "SECRET_KEY of 44 characters (openssl rand -base64 32)",
        check: Check::SecretKeyWeak,
        policy: default_policy,
        hit: &[("SECRET_KEY", Some("q2Jm0bXl9yF7u4kS8dW3eR6tZ1vN5cH0pG2aL7oK9i4="))],
        near_miss: &[("SECRET_KEY", Some(STRONG_SECRET))],
    },
    Case {
        name: "SECRET_KEY of one repeated character",
        check: Check::SecretKeyWeak,
        policy: default_policy,
        hit: &[("SECRET_KEY", Some("abababababababababababababababababababababababababababab"))],
        // Five letters, a tenth each, and no repetition (the last breaks it).
        near_miss: &[("SECRET_KEY", Some("abcdeedcbaabcdeedcbaabcdeedcbaabcdeedcbaabcdeedcbe"))],
    },
    Case {
        name: "Spring on H2",
        check: Check::EmbeddedDatabaseInProduction,
        policy: spring,
        hit: &[("SPRING_DATASOURCE_URL", Some("JDBC:H2:mem:shop"))],
        near_miss: &[("SPRING_DATASOURCE_URL", Some("jdbc:postgresql://db.railway.internal/app"))],
    },
    Case {
        name: "Flask on postgres://",
        check: Check::DatabaseSchemeUnsupported,
        policy: flask,
        hit: &[("DATABASE_URL", Some("postgres://u:pw@db.railway.internal/app"))],
        near_miss: &[("DATABASE_URL", Some("postgresql://u:pw@db.railway.internal/app"))],
    },
    Case {
        name: "SECRET_KEY with Django's insecure prefix",
        check: Check::SecretKeyWeak,
        policy: default_policy,
        hit: &[(
            "SECRET_KEY",
            Some("django-insecure-9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a3928"),
        )],
        near_miss: &[(
            "SECRET_KEY",
            Some("9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a3928170a6f5e4d3c2b1"),
        )],
    },
    Case {
        name: "SECRET_KEY placeholder",
        check: Check::SecretKeyWeak,
        policy: default_policy,
        hit: &[("SECRET_KEY", Some("your-secret-key-here-please-change-me-before-going-live-ok"))],
        near_miss: &[("SECRET_KEY", Some(STRONG_SECRET))],
    },
    Case {
        name: "SITE_URL over http",
        check: Check::SiteUrlInsecure,
        policy: default_policy,
        hit: &[("SITE_URL", Some("http://shop.example.com"))],
        near_miss: &[("SITE_URL", Some("https://shop.example.com"))],
    },
    Case {
        name: "SITE_URL unparsable",
        check: Check::SiteUrlInsecure,
        policy: default_policy,
        hit: &[("SITE_URL", Some("shop.example.com"))],
        near_miss: &[("SITE_URL", Some("HTTPS://shop.example.com/"))],
    },
    Case {
        name: "SITE_URL host not in ALLOWED_HOSTS",
        check: Check::SiteUrlHostNotAllowed,
        policy: default_policy,
        hit: &[
            ("SITE_URL", Some("https://shop.example.com")),
            ("ALLOWED_HOSTS", Some("api.example.com")),
        ],
        near_miss: &[
            ("SITE_URL", Some("https://shop.example.com")),
            ("ALLOWED_HOSTS", Some("api.example.com, .EXAMPLE.com")),
        ],
    },
    Case {
        name: "required variable unset",
        check: Check::RequiredVariableMissing,
        policy: || Policy::new().require("REDIS_URL"),
        hit: &[("REDIS_URL", Some("   "))],
        near_miss: &[("REDIS_URL", Some("redis://redis.railway.internal:6379"))],
    },
    Case {
        name: "ALLOWED_HOSTS wildcard",
        check: Check::AllowedHostsWildcard,
        policy: default_policy,
        hit: &[("ALLOWED_HOSTS", Some("shop.example.com,*"))],
        near_miss: &[("ALLOWED_HOSTS", Some("shop.example.com,*.example.com"))],
    },
    Case {
        name: "Railway public domain not allowed",
        check: Check::PublicDomainNotAllowed,
        policy: default_policy,
        hit: &[
            ("RAILWAY_PUBLIC_DOMAIN", Some("shop-production.up.railway.app")),
            ("ALLOWED_HOSTS", Some("shop.example.com")),
        ],
        near_miss: &[
            ("RAILWAY_PUBLIC_DOMAIN", Some("shop-production.up.railway.app")),
            ("ALLOWED_HOSTS", Some("shop.example.com .up.railway.app")),
        ],
    },
    Case {
        name: "database on localhost on a platform",
        check: Check::DatabaseHostLocal,
        policy: default_policy,
        hit: &[("DATABASE_URL", Some("postgresql://postgres:pw@localhost:5432/railway"))],
        near_miss: &[(
            "DATABASE_URL",
            Some("postgresql://postgres:pw@/railway?host=/var/run/postgresql"),
        )],
    },
    Case {
        name: "database on 127.0.0.1 on a platform",
        check: Check::DatabaseHostLocal,
        policy: default_policy,
        hit: &[("DATABASE_URL", Some("mysql://root:pw@127.0.0.1:3306/shop"))],
        near_miss: &[("DATABASE_URL", Some("mysql://root:pw@mysql.railway.internal:3306/shop"))],
    },
    Case {
        name: "TLS off to a public host",
        check: Check::DatabaseTlsDisabled,
        policy: default_policy,
        hit: &[(
            "DATABASE_URL",
            Some("postgresql://postgres:pw@monorail.proxy.rlwy.net:41234/railway?sslmode=disable"),
        )],
        near_miss: &[(
            "DATABASE_URL",
            Some("postgresql://postgres:pw@postgres.railway.internal:5432/railway?sslmode=disable"),
        )],
    },
];

#[test]
fn the_fit_environment_has_no_finding() {
    let result = check(&Policy::new(), &railway_fit());
    let report = result.unwrap();
    assert!(report.findings().is_empty(), "{:?}", report.findings());
    assert!(report.is_production());
}

#[test]
fn each_check_is_triggered_and_not_by_its_near_miss() {
    for case in CASES {
        let policy = (case.policy)();
        let hit = check(&policy, &with(railway_fit(), case.hit));
        assert!(
            ids(&hit).contains(&case.check.id()),
            "{}: expected {} in {:?}",
            case.name,
            case.check,
            ids(&hit)
        );
        let miss = check(&policy, &with(railway_fit(), case.near_miss));
        assert!(
            !ids(&miss).contains(&case.check.id()),
            "{}: near miss gave {:?}",
            case.name,
            ids(&miss)
        );
    }
}

#[test]
fn every_check_id_has_a_case() {
    // The probe's checks need a server to talk to: tests/test_probe.rs
    // has their cases, against fake servers on loopback.
    let probed = [
        Check::DatabaseUnreachable,
        Check::DatabaseProtocolMismatch,
        Check::DatabaseTlsUnavailable,
        Check::DatabaseTlsNotOffered,
    ];
    for check in Check::ALL.iter().filter(|check| !probed.contains(check)) {
        assert!(CASES.iter().any(|case| case.check == *check), "no case triggers {check}");
    }
}

#[test]
fn errors_block_and_warnings_do_not() {
    for case in CASES {
        let result = check(&(case.policy)(), &with(railway_fit(), case.hit));
        let blocks = case.check.severity_in_production() == Severity::Error;
        assert_eq!(result.is_err(), blocks, "{}", case.name);
    }
}

#[test]
fn allowed_checks_are_listed_as_allowed_and_never_block() {
    for case in CASES {
        let policy = (case.policy)().allow(case.check);
        let result = check(&policy, &with(railway_fit(), case.hit));
        let report = result.unwrap_or_else(|err| panic!("{}: still blocked:\n{err}", case.name));
        let finding = report.findings().iter().find(|f| f.check() == case.check).expect(case.name);
        assert_eq!(finding.severity(), Severity::Allowed, "{}", case.name);
        assert!(format!("{report:#}").contains(case.check.id()), "{}", case.name);
    }
}

#[test]
fn the_incident_reports_every_problem_at_once() {
    let env = common::pairs(&[
        ("RAILWAY_ENVIRONMENT", "production"),
        ("DEBUG", "True"),
        ("LOCAL_TEST", "True"),
        ("DATABASE_URL", "sqlite:///app/db.sqlite3"),
        ("SECRET_KEY", "dev-secret"),
    ]);
    let err = check(&Policy::new(), &env).unwrap_err();
    let found = ids(&Err(err.clone()));
    for id in [
        "debug_in_production",
        "local_test_in_production",
        "sqlite_in_production",
        "secret_key_weak",
    ] {
        assert!(found.contains(&id), "{id} missing from {found:?}");
    }
    assert_eq!(err.errors().count(), 4);
}

#[test]
fn outside_production_nothing_blocks_and_shape_checks_warn() {
    let env = common::pairs(&[
        ("DEBUG", "true"),
        ("LOCAL_TEST", "maybe"),
        ("DATABASE_URL", "redis://cache:6379"),
        ("SITE_URL", "http://localhost:8000"),
        ("ALLOWED_HOSTS", "*"),
    ]);
    let report = check(&Policy::new().require("STRIPE_KEY"), &env).unwrap();
    assert!(!report.is_production());
    let found: Vec<_> = report.findings().iter().map(|f| (f.id(), f.severity())).collect();
    assert_eq!(
        found,
        [
            ("invalid_boolean", Severity::Warning),
            ("unknown_database_backend", Severity::Warning),
            ("required_variable_missing", Severity::Warning),
        ],
        "production-only checks (SECRET_KEY, SITE_URL, wildcard) do not run"
    );
}

#[test]
fn production_is_decided_by_platform_or_debug() {
    let cases: &[(&[(&str, &str)], bool)] = &[
        (&[], true),
        (&[("DEBUG", "false")], true),
        (&[("DEBUG", "maybe")], true),
        (&[("DEBUG", "")], true),
        (&[("DEBUG", "true")], false),
        (&[("DEBUG", " 1 ")], false),
        (&[("DEBUG", "true"), ("DYNO", "web.1")], true),
        (&[("DEBUG", "true"), ("RAILWAY_ENVIRONMENT", "production")], true),
        (&[("DEBUG", "true"), ("CONTEXT", "production")], false),
        (&[("DEBUG", "true"), ("PORT", "8080")], false),
    ];
    for (vars, production) in cases {
        let result = check(&Policy::new(), &common::pairs(vars));
        let report = match &result {
            Ok(report) => report,
            Err(err) => err.report(),
        };
        assert_eq!(report.is_production(), *production, "{vars:?}");
    }
}

#[test]
fn renamed_variables_are_read_and_named() {
    let policy = Policy::new()
        .rename(prodguard::Variable::SecretKey, "SESSION_SECRET")
        .rename(prodguard::Variable::DatabaseUrl, "POSTGRES_URL")
        .rename(prodguard::Variable::Debug, "APP_DEBUG");
    let env = common::pairs(&[
        ("RAILWAY_PROJECT_ID", "p"),
        ("POSTGRES_URL", "sqlite:app.db"),
        ("SESSION_SECRET", "short"),
        ("APP_DEBUG", "true"),
        ("SECRET_KEY", STRONG_SECRET),
        ("DATABASE_URL", "postgres://db.railway.internal/app"),
    ]);
    let err = check(&policy, &env).unwrap_err();
    let variables: Vec<_> = err.errors().map(|f| (f.id(), f.variable().to_owned())).collect();
    assert_eq!(
        variables,
        [
            ("debug_in_production", "APP_DEBUG".to_owned()),
            ("sqlite_in_production", "POSTGRES_URL".to_owned()),
            ("secret_key_weak", "SESSION_SECRET".to_owned()),
        ]
    );
    let text = err.to_string();
    assert!(text.contains("APP_DEBUG=True (MUST be False in production)"), "{text}");
    assert!(!text.contains("❌ DEBUG"), "{text}");
}

#[test]
fn no_database_and_no_secret_skip_their_checks() {
    let env = common::pairs(&[("RAILWAY_PROJECT_ID", "p"), ("DATABASE_URL", "sqlite:app.db")]);
    let report = check(&Policy::new().no_database().no_secret(), &env).unwrap();
    assert!(report.findings().is_empty(), "{:?}", report.findings());
    assert!(report.database().is_none());
    assert_eq!(report.to_string(), "✅ No database (the app's policy says it has none)");
}

#[test]
fn sqlite_on_a_railway_volume_explains_how_to_allow_it() {
    let env = with(
        railway_fit(),
        &[
            ("DATABASE_URL", Some("sqlite:////data/app.db")),
            ("RAILWAY_VOLUME_MOUNT_PATH", Some("/data")),
        ],
    );
    let err = check(&Policy::new(), &env).unwrap_err();
    let finding = err.errors().next().unwrap();
    assert!(finding.remediation().contains("/data"), "{}", finding.remediation());
    assert!(
        finding.remediation().contains("Policy::allow(Check::SqliteInProduction)"),
        "{}",
        finding.remediation()
    );
    // Worded for the command line, the same advice names its flag.
    let cli = Policy::new().worded_for(prodguard::FrontEnd::Cli);
    let err = check(&cli, &env).unwrap_err();
    let remediation = err.errors().next().unwrap().remediation();
    assert!(remediation.contains("prodguard check --allow sqlite_in_production"), "{remediation}");
    let without = check(
        &Policy::new(),
        &with(railway_fit(), &[("DATABASE_URL", Some("sqlite:////data/app.db"))]),
    );
    assert!(!without.unwrap_err().errors().next().unwrap().remediation().contains("volume"));
}

#[test]
fn remediation_names_the_place_on_the_detected_platform() {
    let cases: &[(&str, &str, &str)] = &[
        ("RAILWAY_PROJECT_ID", "p", "Project → Service → Variables"),
        ("DYNO", "web.1", "Config Vars"),
        ("FLY_APP_NAME", "shop", "fly secrets set"),
        ("KUBERNETES_SERVICE_HOST", "10.0.0.1", "kubectl rollout restart"),
    ];
    for (var, value, place) in cases {
        let err = check(&Policy::new(), &common::pairs(&[(var, value)])).unwrap_err();
        for finding in err.errors() {
            assert!(finding.remediation().contains(place), "{var}: {}", finding.remediation());
        }
    }
    let err = check(&Policy::new(), &common::pairs(&[("DEBUG", "false")])).unwrap_err();
    assert!(err.errors().all(|f| {
        f.remediation().contains("wherever this deployment's environment variables are set")
    }));
}

#[test]
fn a_missing_database_on_railway_says_to_add_postgres_and_reference_it() {
    let err = check(&Policy::new(), &with(railway_fit(), &[("DATABASE_URL", None)])).unwrap_err();
    let remediation = err.errors().next().unwrap().remediation().to_owned();
    assert!(remediation.contains("Add PostgreSQL"), "{remediation}");
    assert!(remediation.contains("DATABASE_URL=${{Postgres.DATABASE_URL}}"), "{remediation}");
}

#[test]
fn an_unresolved_reference_says_the_service_does_not_exist() {
    let err = check(
        &Policy::new(),
        &with(railway_fit(), &[("DATABASE_URL", Some("${{Postgres.DATABASE_URL}}"))]),
    )
    .unwrap_err();
    let finding = err.errors().next().unwrap();
    // The reference is shown by its shape: its text could be anything.
    assert!(finding.message().contains("unresolved reference `${{…}}`"), "{}", finding.message());
    assert!(!finding.message().contains("Postgres.DATABASE_URL"));
    assert!(finding.remediation().contains("does not exist"), "{}", finding.remediation());
}

#[test]
fn the_secret_remediation_command_passes_the_rule() {
    // Django's `secrets.token_urlsafe(50)` prints 67 characters, and
    // `openssl rand -hex 32` (flask's) 64: the remediation's own command
    // must give a key the rule accepts.
    let err =
        check(&Policy::new(), &with(railway_fit(), &[("SECRET_KEY", Some("short"))])).unwrap_err();
    assert!(err.errors().next().unwrap().remediation().contains("secrets.token_urlsafe(50)"));
    let urlsafe = "niWA4BZU0SBS6DbX54pmDLeUmhA6p2zd57q_5ZtDF6ZkPSzPgvp2zYo84V-3GOJrLEY";
    assert!(check(&Policy::new(), &with(railway_fit(), &[("SECRET_KEY", Some(urlsafe))])).is_ok());
    let flask = Policy::for_profile(Profile::Flask);
    let err = check(&flask, &with(railway_fit(), &[("SECRET_KEY", Some("short"))])).unwrap_err();
    assert!(err.errors().next().unwrap().remediation().contains("openssl rand -hex 32"));
    let hex: String =
        (0..32u8).map(|b| format!("{:02x}", b.wrapping_mul(37).wrapping_add(11))).collect();
    assert_eq!(hex.len(), 64);
    assert!(check(&flask, &with(railway_fit(), &[("SECRET_KEY", Some(&hex))])).is_ok());
}
