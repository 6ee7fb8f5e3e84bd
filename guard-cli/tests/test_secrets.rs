//! No database password, secret parameter or `SECRET_KEY` value appears in
//! any output of any subcommand, in either format.

mod common;

use common::{FIT, env_file, env_text, guard, guard_with_stdin, with};

/// Secrets, each distinctive enough that it can only come from the input.
const PASSWORD: &str = "Pa55w0rdXyzzy";
const ENCODED_PASSWORD: &str = "Pa55%40w0rdQuux";
const DECODED_PASSWORD: &str = "Pa55@w0rdQuux";
const TOKEN: &str = "tok3nPlugh";
const STRONG_KEY: &str = "3f9a1c7e5b2d8046a1e9c3b7d5f2084a6c1e9b3d7f5a2c8e4b0d6f1a3c9e7b52";
const WEAK_KEY: &str = "hunter2hunter2";
const INSECURE_KEY: &str = "django-insecure-frobozz";

const SECRETS: &[&str] = &[
    PASSWORD,
    ENCODED_PASSWORD,
    DECODED_PASSWORD,
    "w0rdQuux",
    TOKEN,
    STRONG_KEY,
    WEAK_KEY,
    "frobozz",
];

/// Connection strings that hold a password or secret parameter, in the
/// shapes users write: userinfo, percent-encoded, raw `@`, libpq
/// key/value, a secret query parameter, several hosts, JDBC, EZConnect,
/// SQLite with a key, an unparsable value.
fn database_urls() -> Vec<String> {
    vec![
        format!("postgresql://postgres:{PASSWORD}@postgres.railway.internal:5432/railway"),
        format!("postgres://app:{ENCODED_PASSWORD}@db.example.com/app?sslmode=disable"),
        format!("postgres://app:{DECODED_PASSWORD}@localhost/app"),
        format!("host=db port=5432 dbname=app user=u password={PASSWORD}"),
        format!("mysql://u@db/shop?password={PASSWORD}&token={TOKEN}"),
        format!("postgresql://u:{PASSWORD}@h1:5432,h2:5432/db"),
        format!("jdbc:sqlserver://db:1433;databaseName=app;password={PASSWORD}"),
        format!("scott/{PASSWORD}@db.example.com:1521/orcl"),
        format!("libsql://shop.turso.io?authToken={TOKEN}"),
        format!("sqlite:///app/db.sqlite3?password={PASSWORD}"),
        format!("redis://default:{PASSWORD}@cache:6379"),
        format!("\"postgres://u:{PASSWORD}@db/app\""),
        format!("postgres://u:{PASSWORD}@[bad/app"),
    ]
}

fn assert_no_secret(what: &str, run: &common::Run) {
    let output = run.output();
    for secret in SECRETS {
        assert!(!output.contains(secret), "{what}: `{secret}` leaked:\n{output}");
    }
}

#[test]
fn check_never_prints_a_secret() {
    for url in database_urls() {
        for key in [STRONG_KEY, WEAK_KEY, INSECURE_KEY] {
            for production in [true, false] {
                let mut env = with(FIT, &[("DATABASE_URL", &url), ("SECRET_KEY", key)]);
                if !production {
                    env.retain(|(k, _)| !k.starts_with("RAILWAY_"));
                    env.push(("DEBUG", "true"));
                }
                let file = env_file(&env_text(&env));
                let file = file.to_str().unwrap();
                for format in ["text", "json"] {
                    let what = format!("check {format} {url} {key} production={production}");
                    assert_no_secret(&what, &guard(&["check", "--format", format], &env));
                    assert_no_secret(
                        &what,
                        &guard(&["check", "--format", format, "--env-file", file], &[]),
                    );
                }
            }
        }
    }
}

#[test]
fn classify_never_prints_a_secret() {
    for url in database_urls() {
        for format in ["text", "json"] {
            let what = format!("classify {format} {url}");
            assert_no_secret(
                &what,
                &guard(&["classify", "--format", format], &[("DATABASE_URL", &url)]),
            );
            assert_no_secret(&what, &guard(&["classify", "--format", format, "--url", &url], &[]));
            assert_no_secret(
                &what,
                &guard_with_stdin(&["classify", "--format", format, "-"], &[], &format!("{url}\n")),
            );
        }
    }
}

#[test]
fn usage_errors_never_print_a_secret() {
    let env = with(FIT, &[("SECRET_KEY", WEAK_KEY)]);
    let file = env_file(&format!("SECRET_KEY={WEAK_KEY}\nBAD KEY={PASSWORD}\n"));
    for args in [
        &["check", "--allow", "nope"][..],
        &["check", "--env-file", file.to_str().unwrap()],
        &["explain"],
        &["explain", "secret_key_weak"],
    ] {
        assert_no_secret(&format!("{args:?}"), &guard(args, &env));
    }
}
