//! What guard costs at start-up, beside the floor any checker pays.
//!
//! Each comparison is one benchmark group, so its ratio comes from one run
//! on one machine state:
//!
//! - `validate_env`: the floor (pick the variables the checks read out of a
//!   Railway-shaped environment of about 60 pairs, and one `Url::parse` of
//!   its `DATABASE_URL`), then guard on the same environment, fit and misfit;
//! - `validate`: the cached second call;
//! - `classify`: each backend family and each SQLite form, beside one
//!   `Url::parse` of the PostgreSQL URL.
//!
//! Run with `cargo bench -p prodguard`; see BENCHMARKS.md.

mod common;

use std::hint::black_box;

use common::{FIT, MISFIT, environment, floor, pairs};
use criterion::{Criterion, criterion_group, criterion_main};
use prodguard::DatabaseUrl;
use url::Url;

fn validate_env(c: &mut Criterion) {
    let fit = environment(FIT);
    let misfit = environment(MISFIT);
    assert!(prodguard::validate_env(pairs(&fit)).is_ok_and(|r| r.findings().is_empty()));
    assert!(prodguard::validate_env(pairs(&misfit)).is_err());

    let mut group = c.benchmark_group("validate_env");
    group.bench_function("floor", |b| b.iter(|| floor(black_box(&fit))));
    group.bench_function("fit", |b| b.iter(|| prodguard::validate_env(pairs(black_box(&fit)))));
    group.bench_function("misfit", |b| {
        b.iter(|| prodguard::validate_env(pairs(black_box(&misfit))))
    });
    group.finish();
}

fn validate_cached(c: &mut Criterion) {
    // The first call reads the environment and runs the checks; the
    // verdict itself does not matter here.
    let _ = prodguard::validate();
    let mut group = c.benchmark_group("validate");
    group.bench_function("cached", |b| b.iter(prodguard::validate));
    group.finish();
}

fn classify(c: &mut Criterion) {
    let cases: &[(&str, &str)] = &[
        (
            "postgresql",
            "postgresql://postgres:Zq7vN2pK9xR4tW8m@postgres.railway.internal:5432/railway",
        ),
        (
            "postgresql_hosts",
            "postgresql://u:pw@h1.example.com:5432,h2.example.com:5432/shop?sslmode=require",
        ),
        (
            "postgresql_key_value",
            "host=db.example.com port=5432 dbname=shop user=app password=pw sslmode=require",
        ),
        ("mysql", "mysql://root:pw@mysql.railway.internal:3306/railway"),
        ("libsql", "libsql://shop-team.turso.io?authToken=eyJhbGciOiJFZERTQSJ9"),
        (
            "sqlserver_jdbc",
            "jdbc:sqlserver://db.example.com:1433;databaseName=shop;user=sa;password=pw;encrypt=true",
        ),
        ("oracle_ezconnect", "scott/tiger@db.example.com:1521/orcl"),
        ("cockroachdb", "cockroachdb://root@crdb.internal:26257/shop?sslmode=verify-full"),
        ("mongodb", "mongodb+srv://u:pw@cluster0.abcde.mongodb.net/shop?retryWrites=true"),
        ("unknown", "redis://default:pw@redis.railway.internal:6379"),
        ("sqlite_url", "sqlite:///app/db.sqlite3"),
        ("sqlite_memory", "sqlite::memory:"),
        ("sqlite_file_uri", "file:app.db?mode=ro"),
        ("sqlite_path", "db.sqlite3"),
        ("sqlite_windows_path", "C:\\data\\app.db"),
        ("memory", ":memory:"),
    ];
    let mut group = c.benchmark_group("classify");
    group.bench_function("url_parse_postgresql", |b| b.iter(|| Url::parse(black_box(cases[0].1))));
    for &(name, url) in cases {
        assert!(DatabaseUrl::classify(url).is_ok(), "{name}");
        group.bench_function(name, |b| b.iter(|| DatabaseUrl::classify(black_box(url))));
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(std::time::Duration::from_secs(1))
        .measurement_time(std::time::Duration::from_secs(3));
    targets = validate_env, validate_cached, classify
}
criterion_main!(benches);
