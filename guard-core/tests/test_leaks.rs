//! Secrets never leak: no `Display` or `Debug` of any result holds a
//! database password (raw or percent-encoded, in userinfo or a query
//! parameter) or the value of `SECRET_KEY`.

mod common;

use common::{STRONG_SECRET, check, classify_output, every_output, pairs, railway_fit, with};
use prodguard::Policy;

/// URLs that each hold `secret` somewhere a password goes.
fn urls_with(secret: &str) -> Vec<String> {
    [
        "postgresql://postgres:{}@postgres.railway.internal:5432/railway",
        "postgresql://postgres:{}@monorail.proxy.rlwy.net:41234/railway?sslmode=disable",
        "postgresql://postgres:{}@localhost:5432/railway",
        "postgresql://postgres:{}@db:54x2/railway",
        "postgresql://postgres:{}@h1:5432,h2:5432/railway",
        "postgresql://db.railway.internal/railway?user=u&password={}&sslmode=require",
        "postgres://db.example.com/app?sslmode=disable&PWD={}",
        "mysql://root:{}@127.0.0.1:3306/shop",
        "jdbc:mysql://db.example.com/shop?useSSL=false&user=root&password={}",
        "mongodb+srv://u:{}@cluster0.abcde.mongodb.net/shop?tls=false",
        "libsql://shop.turso.io?authToken={}",
        "redis://default:{}@redis.railway.internal:6379",
        "sqlite:///data/app.db?password={}",
        "host=db.example.com password={} dbname=app sslmode=disable",
        "host=db password='{} x' dbname=app",
        "jdbc:sqlserver://db.example.com:1433;databaseName=app;user=sa;password={};encrypt=false",
        "jdbc:oracle:thin:scott/{}@db.example.com:1521:ORCL",
        "scott/{}@db.example.com:1521/orcl",
        "\"postgresql://postgres:{}@db/railway\"",
        "postgresql://postgres:{}@${{Postgres.PGHOST}}/railway",
        "postgresql://postgres:{}@db.railway.internal/railway?token={}",
    ]
    .iter()
    .map(|template| template.replace("{}", secret))
    .collect()
}

#[test]
fn no_password_in_any_output() {
    let passwords = [
        ("Zq9hunter2PW", vec!["Zq9hunter2PW"]),
        ("p%40ssW0rd%2F99", vec!["p%40ssW0rd%2F99", "p@ssW0rd/99", "ssW0rd"]),
        ("raw@pa/ss#wd:42", vec!["raw@pa/ss#wd:42", "pa/ss", "ss#wd"]),
        ("tok_9f8e7d6c5b", vec!["tok_9f8e7d6c5b"]),
    ];
    for (password, forbidden) in passwords {
        for url in urls_with(password) {
            let envs = [
                with(railway_fit(), &[("DATABASE_URL", Some(&url))]),
                pairs(&[("DEBUG", "true"), ("DATABASE_URL", &url)]),
                pairs(&[
                    ("KUBERNETES_SERVICE_HOST", "10.0.0.1"),
                    ("DATABASE_URL", &url),
                    ("LOCAL_TEST", "1"),
                ]),
            ];
            for env in envs {
                let out = every_output(&check(&Policy::new(), &env));
                for secret in &forbidden {
                    assert!(!out.contains(secret), "{url} leaks {secret}:\n{out}");
                }
            }
            let direct = classify_output(&url);
            for secret in &forbidden {
                assert!(!direct.contains(secret), "{url} leaks {secret}: {direct}");
            }
        }
    }
}

#[test]
fn no_secret_key_in_any_output() {
    let secrets = [
        STRONG_SECRET,
        "hunter2secret",
        "django-insecure-k3y-0f-th3-d3v-m4ch1n3-kept-in-prod-by-mistake",
        "changeme-changeme-changeme-changeme-changeme-changeme",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    ];
    for secret in secrets {
        let envs = [
            with(railway_fit(), &[("SECRET_KEY", Some(secret))]),
            with(railway_fit(), &[("SECRET_KEY", Some(secret)), ("DEBUG", Some("1"))]),
            pairs(&[("DEBUG", "true"), ("SECRET_KEY", secret)]),
            pairs(&[("SECRET_KEY", secret)]),
        ];
        for env in envs {
            for policy in [Policy::new(), Policy::new().require("SECRET_KEY")] {
                let out = every_output(&check(&policy, &env));
                assert!(!out.contains(secret), "SECRET_KEY leaks:\n{out}");
            }
        }
    }
}

#[test]
fn a_renamed_secret_never_leaks_either() {
    let policy = Policy::new().rename(prodguard::Variable::SecretKey, "SESSION_SECRET");
    let env = with(railway_fit(), &[("SESSION_SECRET", Some("weak-session-secret-value"))]);
    let out = every_output(&check(&policy, &env));
    assert!(out.contains("SESSION_SECRET"), "{out}");
    assert!(!out.contains("weak-session-secret-value"), "{out}");
}
