//! Framework profiles through `prodguard check --profile NAME`: a fit
//! deployment starts, each framework's own misconfiguration is refused (or
//! warned about) naming the framework's variable, and no secret is ever
//! printed.

mod common;

use common::{FIT_PASSWORD, FIT_SECRET_KEY, guard, sample, with};

const RAILWAY: &[(&str, &str)] = &[
    ("RAILWAY_ENVIRONMENT_NAME", "production"),
    ("RAILWAY_PROJECT_ID", "4f0c2e1a-6b7d-4c3e-9a8f-1d2e3f4a5b6c"),
    ("RAILWAY_PUBLIC_DOMAIN", "shop-production.up.railway.app"),
];
const PG: &str = "postgresql://postgres:Zq7vN2pK9xR4tW8m@postgres.railway.internal:5432/railway";
/// A 32-byte Laravel key, as `php artisan key:generate --show` prints one.
const APP_KEY: &str = "base64:CzBVep/E6Q4zWH2ix+wRNluApcrvFDleg6jN8hc8YYY=";

/// A fit deployment on Railway under `profile`.
fn fit(profile: &str) -> Vec<(&'static str, &'static str)> {
    let own: &[(&str, &str)] = match profile {
        "django" => &[("DATABASE_URL", PG), ("SECRET_KEY", FIT_SECRET_KEY)],
        "rails" => &[
            ("RAILS_ENV", "production"),
            ("DATABASE_URL", PG),
            ("SECRET_KEY_BASE", FIT_SECRET_KEY),
        ],
        "laravel" => &[
            ("APP_ENV", "production"),
            ("APP_DEBUG", "false"),
            ("APP_KEY", APP_KEY),
            ("APP_URL", "https://shop-production.up.railway.app"),
            ("DB_CONNECTION", "pgsql"),
            ("DB_URL", PG),
        ],
        "phoenix" => &[
            ("MIX_ENV", "prod"),
            ("DATABASE_URL", PG),
            ("SECRET_KEY_BASE", FIT_SECRET_KEY),
            ("PHX_HOST", "shop-production.up.railway.app"),
        ],
        "node" => &[("NODE_ENV", "production"), ("DATABASE_URL", PG)],
        "flask" => &[("DATABASE_URL", PG), ("SECRET_KEY", FIT_SECRET_KEY)],
        "spring" => &[
            ("SPRING_PROFILES_ACTIVE", "prod,cloud"),
            ("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres.railway.internal:5432/railway"),
        ],
        other => panic!("no fit environment for {other}"),
    };
    RAILWAY.iter().chain(own).copied().collect()
}

/// One row: a profile, changes to its fit deployment (an empty value
/// removes a variable), the check, the variable it must name, the exit.
struct Case {
    profile: &'static str,
    env: &'static [(&'static str, &'static str)],
    id: &'static str,
    variable: &'static str,
    exit: i32,
}

const fn case(
    profile: &'static str,
    env: &'static [(&'static str, &'static str)],
    id: &'static str,
    variable: &'static str,
    exit: i32,
) -> Case {
    Case { profile, env, id, variable, exit }
}

/// A secret no output may hold, even the weak ones.
const WEAK: &str = "W3akS3cr3t";

const CASES: &[Case] = &[
    case("rails", &[("RAILS_ENV", "development")], "debug_in_production", "RAILS_ENV", 78),
    case(
        "rails",
        &[("RAILS_ENV", ""), ("RACK_ENV", "test")],
        "debug_in_production",
        "RACK_ENV",
        78,
    ),
    case(
        "rails",
        &[("DATABASE_URL", "sqlite3:storage/production.sqlite3")],
        "sqlite_in_production",
        "DATABASE_URL",
        78,
    ),
    case("rails", &[("SECRET_KEY_BASE", "")], "secret_key_missing", "SECRET_KEY_BASE", 78),
    case(
        "rails",
        &[("SECRET_KEY_BASE", "W3akS3cr3tW3akS3cr3tW3akS3cr3tW3akS3cr3tW3akS3cr3tW3akS3cr3t")],
        "secret_key_weak",
        "SECRET_KEY_BASE",
        78,
    ),
    case("laravel", &[("APP_DEBUG", "true")], "debug_in_production", "APP_DEBUG", 78),
    case("laravel", &[("APP_DEBUG", "W3akS3cr3t-too-long")], "invalid_boolean", "APP_DEBUG", 78),
    case("laravel", &[("APP_ENV", "local")], "debug_in_production", "APP_ENV", 78),
    case(
        "laravel",
        &[("DB_CONNECTION", "sqlite"), ("DB_URL", "")],
        "sqlite_in_production",
        "DB_CONNECTION",
        78,
    ),
    case("laravel", &[("DB_URL", "")], "database_url_missing", "DB_URL", 78),
    case(
        "laravel",
        &[("DB_URL", ""), ("DATABASE_URL", "sqlite:///data/app.db")],
        "sqlite_in_production",
        "DATABASE_URL",
        78,
    ),
    case("laravel", &[("APP_KEY", "")], "secret_key_missing", "APP_KEY", 78),
    case(
        "laravel",
        &[("APP_KEY", "base64:W3akS3cr3tW3akS3cr3t==")],
        "secret_key_weak",
        "APP_KEY",
        78,
    ),
    case("laravel", &[("APP_KEY", "base64:W3akS3cr3t!!")], "secret_key_weak", "APP_KEY", 78),
    case("laravel", &[("APP_KEY", "W3akS3cr3tW3akS3cr3t")], "secret_key_weak", "APP_KEY", 78),
    case("laravel", &[("APP_URL", "http://shop.example.com")], "site_url_insecure", "APP_URL", 78),
    case("phoenix", &[("MIX_ENV", "dev")], "debug_in_production", "MIX_ENV", 78),
    case(
        "phoenix",
        &[("DATABASE_PATH", "/data/shop.db")],
        "sqlite_in_production",
        "DATABASE_PATH",
        78,
    ),
    case(
        "phoenix",
        &[("SECRET_KEY_BASE", "3f9a1c7e5b2d8046a1e9c3b7d5f2084a6c1e9b3d7f5a2c8e4b0d6f1a3c9e7b5")],
        "secret_key_weak",
        "SECRET_KEY_BASE",
        78,
    ),
    case(
        "phoenix",
        &[("PHX_HOST", "shop.example.com")],
        "public_domain_not_allowed",
        "PHX_HOST",
        0,
    ),
    case("node", &[("NODE_ENV", "development")], "debug_in_production", "NODE_ENV", 78),
    case("node", &[("DATABASE_URL", "file:./dev.db")], "sqlite_in_production", "DATABASE_URL", 78),
    case(
        "node",
        &[("SESSION_SECRET", "W3akS3cr3t keyboard cat")],
        "secret_key_weak",
        "SESSION_SECRET",
        78,
    ),
    case("flask", &[("FLASK_DEBUG", "1")], "debug_in_production", "FLASK_DEBUG", 78),
    case(
        "flask",
        &[("DATABASE_URL", "postgres://u:Zq7vN2pK9xR4tW8m@db.railway.internal/app")],
        "database_scheme_unsupported",
        "DATABASE_URL",
        0,
    ),
    case(
        "flask",
        &[(
            "SECRET_KEY",
            "W3akS3cr3t\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}\u{200b}",
        )],
        "secret_key_weak",
        "SECRET_KEY",
        78,
    ),
    case(
        "spring",
        &[("SPRING_PROFILES_ACTIVE", "prod, dev")],
        "debug_in_production",
        "SPRING_PROFILES_ACTIVE",
        78,
    ),
    case(
        "spring",
        &[("SPRING_DATASOURCE_URL", "jdbc:h2:mem:shop")],
        "embedded_database_in_production",
        "SPRING_DATASOURCE_URL",
        78,
    ),
    case(
        "spring",
        &[("SPRING_DATASOURCE_URL", "jdbc:hsqldb:file:/data/shop")],
        "embedded_database_in_production",
        "SPRING_DATASOURCE_URL",
        78,
    ),
    case(
        "spring",
        &[("SPRING_DATASOURCE_URL", "JDBC:DERBY:memory:shop;create=true")],
        "embedded_database_in_production",
        "SPRING_DATASOURCE_URL",
        78,
    ),
    case(
        "spring",
        &[("SPRING_DATASOURCE_URL", PG)],
        "database_url_invalid",
        "SPRING_DATASOURCE_URL",
        78,
    ),
    case(
        "spring",
        &[("SPRING_DATASOURCE_URL", "")],
        "database_url_missing",
        "SPRING_DATASOURCE_URL",
        78,
    ),
];

fn check(profile: &str, env: &[(&str, &str)], format: &str) -> common::Run {
    guard(&["check", "--profile", profile, "--format", format], env)
}

#[test]
fn a_fit_deployment_starts_under_every_profile() {
    for profile in ["django", "rails", "laravel", "phoenix", "node", "flask", "spring"] {
        let run = check(profile, &fit(profile), "json");
        assert_eq!(run.code, 0, "{profile}: {run:?}");
        assert_eq!(run.finding_ids(), Vec::<String>::new(), "{profile}");
    }
}

#[test]
fn a_laravel_database_url_picks_the_driver_over_db_connection() {
    // Laravel's ConfigurationUrlParser takes the driver from the URL's
    // scheme: the skeleton's DB_CONNECTION=sqlite beside a PostgreSQL
    // DB_URL connects to PostgreSQL.
    let env = with(&fit("laravel"), &[("DB_CONNECTION", "sqlite")]);
    let run = check("laravel", &env, "json");
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.finding_ids(), Vec::<String>::new());
    // A SQLite URL is SQLite, whatever DB_CONNECTION says.
    let sqlite_url = with(&env, &[("DB_CONNECTION", "pgsql"), ("DB_URL", "sqlite:///data/app.db")]);
    assert_eq!(check("laravel", &sqlite_url, "json").finding_ids(), ["sqlite_in_production"]);
    // Laravel 11 defaults DB_CONNECTION to sqlite: unset, it is SQLite too,
    // and the fix names DB_URL, the URL Laravel reads.
    let unset =
        with(&fit("laravel"), &[("DB_CONNECTION", ""), ("DB_URL", ""), ("DATABASE_URL", PG)]);
    let run = check("laravel", &unset, "json");
    assert_eq!(run.finding_ids(), ["sqlite_in_production"], "{run:?}");
    let finding = run.finding("sqlite_in_production");
    assert_eq!(finding["variable"], "DB_CONNECTION");
    assert!(finding["message"].as_str().unwrap().contains("unset"), "{finding}");
    assert!(finding["remediation"].as_str().unwrap().contains("set DB_URL="), "{finding}");
    // Laravel 11's connections read DB_URL only, and a value without a
    // scheme picks no driver: DB_CONNECTION=sqlite stands.
    for url in [
        [("DB_URL", ""), ("DATABASE_URL", "postgresql://u:pw@db.internal:5432/app")],
        [("DB_URL", "host=db.internal dbname=app"), ("DATABASE_URL", "")],
        [("DB_URL", "jdbc:postgresql://db.internal/app"), ("DATABASE_URL", "")],
    ] {
        let run = check("laravel", &with(&env, &url), "json");
        assert_eq!(run.code, 78, "{url:?}: {run:?}");
        assert!(run.finding_ids().contains(&"sqlite_in_production".to_owned()), "{url:?}");
    }
}

#[test]
fn phoenix_s_ecto_urls_name_the_repo_s_database() {
    // `mix phx.new`'s runtime.exs: "For example: ecto://USER:PASS@HOST/DATABASE".
    // Ecto ignores the scheme; the Repo's adapter decides.
    let ecto = [("DATABASE_URL", "ecto://shop:W3akS3cr3t@postgres.railway.internal/shop")];
    let run = check("phoenix", &with(&fit("phoenix"), &ecto), "text");
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.starts_with("✅ Using the Repo's database from DATABASE_URL"), "{run:?}");
    assert!(!run.stdout.contains(WEAK), "{run:?}");
    // Without a host (Ecto refuses it), with a path or a file's name
    // (ecto_sqlite3 opens it), or elsewhere, ecto:// names no known database.
    for url in [
        "ecto:///data/shop",
        "ecto://db.internal/shop.db",
        "ecto://db.internal/data/shop.db",
        "ecto://db.internal/shop.sqlite3.bak",
    ] {
        let run = check("phoenix", &with(&fit("phoenix"), &[("DATABASE_URL", url)]), "json");
        assert_eq!(run.finding_ids(), ["unknown_database_backend"], "{url}");
    }
    let run = check("django", &with(&fit("django"), &ecto), "json");
    assert_eq!(run.finding_ids(), ["unknown_database_backend"]);
}

#[test]
fn each_framework_s_misconfiguration_names_its_variable() {
    for case in CASES {
        let env = with(&fit(case.profile), case.env);
        let run = check(case.profile, &env, "json");
        let name = format!("{} {:?}", case.profile, case.env);
        assert_eq!(run.code, case.exit, "{name}: {run:?}");
        let finding = run.finding(case.id);
        assert_eq!(finding["variable"], case.variable, "{name}");
        assert!(finding["message"].as_str().unwrap().contains(case.variable), "{name}");
    }
}

#[test]
fn no_secret_appears_in_either_format() {
    for case in CASES {
        let env = with(&fit(case.profile), case.env);
        for format in ["text", "json"] {
            let output = check(case.profile, &env, format).output();
            for secret in [WEAK, FIT_PASSWORD, FIT_SECRET_KEY, "CzBVep/E6Q4zWH2ix"] {
                assert!(
                    !output.contains(secret),
                    "{} {format}: {secret} in\n{output}",
                    case.profile
                );
            }
        }
    }
}

#[test]
fn the_remediation_gives_the_framework_s_generator() {
    let generators = [
        ("django", "SECRET_KEY", "secrets.token_urlsafe(50)"),
        ("rails", "SECRET_KEY_BASE", "bin/rails secret"),
        ("laravel", "APP_KEY", "php artisan key:generate --show"),
        ("phoenix", "SECRET_KEY_BASE", "mix phx.gen.secret"),
        ("flask", "SECRET_KEY", "openssl rand -hex 32"),
    ];
    for (profile, variable, generator) in generators {
        let run = check(profile, &with(&fit(profile), &[(variable, "")]), "text");
        assert_eq!(run.code, 78, "{profile}: {run:?}");
        assert!(run.stdout.contains(generator), "{profile}: {}", run.stdout);
    }
}

#[test]
fn other_frameworks_names_mean_nothing_under_a_profile() {
    // Django's DEBUG and LOCAL_TEST are not Rails' switch.
    let env = with(&fit("rails"), &[("DEBUG", "true"), ("LOCAL_TEST", "true")]);
    assert_eq!(check("rails", &env, "json").code, 0);
    // Node's SESSION_SECRET is optional.
    assert_eq!(check("node", &fit("node"), "json").code, 0);
    // Spring reads no secret.
    assert_eq!(check("spring", &fit("spring"), "json").code, 0);
    // Laravel without a URL: DB_HOST and DB_DATABASE name a server.
    let env = with(&fit("laravel"), &[("DB_URL", ""), ("DB_HOST", "db"), ("DB_DATABASE", "shop")]);
    let run = check("laravel", &env, "text");
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("✅ Using the database server in DB_HOST"), "{}", run.stdout);
}

#[test]
fn the_switch_decides_production_without_a_platform() {
    let local = [("RAILS_ENV", "development"), ("DATABASE_URL", "sqlite3:db/dev.sqlite3")];
    let run = check("rails", &local, "text");
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("Using SQLite for LOCAL TESTING ONLY"), "{}", run.stdout);
    let run = check("rails", &[("DATABASE_URL", "sqlite3:db/dev.sqlite3")], "text");
    assert_eq!(run.code, 78, "unset is production: {run:?}");
    assert!(run.stdout.contains("Set RAILS_ENV=development"), "{}", run.stdout);
    // Laravel's APP_DEBUG is an error wherever APP_ENV says production.
    let env =
        [("APP_ENV", "production"), ("APP_DEBUG", "true"), ("APP_KEY", APP_KEY), ("DB_URL", PG)];
    let run = check("laravel", &env, "json");
    assert_eq!(run.code, 78, "{run:?}");
    assert_eq!(run.finding_ids(), ["debug_in_production"]);
}

#[test]
fn renames_name_the_variable_as_the_profile_calls_it() {
    let env = with(&fit("laravel"), &[("APP_KEY", "")]);
    let args =
        ["check", "--profile", "laravel", "--rename", "APP_KEY=SHOP_KEY", "--format", "json"];
    let run = guard(&args, &env);
    assert_eq!(run.code, 78, "{run:?}");
    let json = run.json();
    assert_eq!(json["findings"][0]["variable"], "SHOP_KEY", "{json:#}");
    let args = ["check", "--profile", "laravel", "--rename", "SECRET_KEY=SHOP_KEY"];
    let run = guard(&args, &env);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("APP_KEY"), "the error lists laravel's names: {}", run.stderr);
    let run = guard(&["check", "--profile", "symfony"], &env);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("laravel"), "{}", run.stderr);
}

#[test]
fn cookie_key_needs_64_bytes_under_any_profile() {
    let key = &FIT_SECRET_KEY[..60];
    for (profile, variable) in [("django", "SECRET_KEY"), ("rails", "SECRET_KEY_BASE")] {
        let env = with(&fit(profile), &[(variable, key)]);
        assert_eq!(check(profile, &env, "json").code, 0, "{profile}: 60 characters pass");
        let args = ["check", "--profile", profile, "--cookie-key", "--format", "json"];
        let run = guard(&args, &env);
        assert_eq!(run.code, 78, "{profile}: {run:?}");
        assert!(run.stdout.contains("cookie::Key"), "{}", run.stdout);
    }
}

#[test]
fn explain_describes_a_profile() {
    let run = guard(&["explain", "--profile", "laravel"], &[]);
    assert_eq!(run.code, 0, "{run:?}");
    for text in
        ["APP_KEY", "APP_ENV", "DB_CONNECTION", "php artisan key:generate --show", "16 or 32"]
    {
        assert!(run.stdout.contains(text), "{text}: {}", run.stdout);
    }
    let run = guard(&["explain", "--profile", "spring"], &[]);
    assert!(run.stdout.contains("jdbc:h2:") && run.stdout.contains("SPRING_PROFILES_ACTIVE"));
}

#[test]
fn the_sample_env_files_replay_each_framework_s_incident_and_fix() {
    for profile in ["rails", "laravel", "phoenix", "node", "flask", "spring"] {
        for (kind, exit) in [("incident", 78), ("fixed", 0)] {
            let file = sample(&format!("{profile}-{kind}.env"));
            let run = guard(&["check", "--profile", profile, "--env-file", &file], &[]);
            assert_eq!(run.code, exit, "{profile}-{kind}.env: {run:?}");
        }
    }
}
