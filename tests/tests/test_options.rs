//! The attribute's options, run as child processes.

mod common;
#[path = "../../guard-core/tests/common/fake_server.rs"]
mod fake_server;

use std::path::PathBuf;

use common::{
    FIT, FIT_SECRET, MISFIT, MISFIT_VARIABLES, REPORT_HEADER, STARTUP_LINE, assert_no_secret,
    assert_panicked, assert_refuses, assert_starts, run, run_in,
};

const OPTIONS: &str = env!("CARGO_BIN_EXE_options");

/// `FIT` with the options app's names: `SESSION_SECRET` and `REDIS_URL`.
fn options_env<'a>(extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut env = vec![
        ("RAILWAY_ENVIRONMENT_NAME", "production"),
        ("DATABASE_URL", "postgresql://postgres:hunter2pw@postgres.railway.internal:5432/railway"),
        ("SESSION_SECRET", FIT_SECRET),
        ("REDIS_URL", "redis://redis.railway.internal:6379"),
    ];
    env.extend_from_slice(extra);
    env
}

#[test]
fn options_fit_environment_starts() {
    let run = run(OPTIONS, &options_env(&[]));
    assert_starts(&run);
}

#[test]
fn require_names_the_missing_variable() {
    let env: Vec<_> =
        options_env(&[]).into_iter().filter(|(name, _)| *name != "REDIS_URL").collect();
    let run = run(OPTIONS, &env);
    assert_refuses(&run, &["REDIS_URL"]);
    assert!(run.stderr.contains("[required_variable_missing]"), "{}", run.stderr);
}

#[test]
fn rename_reads_and_names_the_app_s_variable() {
    // SECRET_KEY is not what this app reads: SESSION_SECRET is.
    let env: Vec<_> = options_env(&[("SECRET_KEY", FIT_SECRET)])
        .into_iter()
        .filter(|(name, _)| *name != "SESSION_SECRET")
        .collect();
    let run = run(OPTIONS, &env);
    assert_refuses(&run, &["SESSION_SECRET"]);
    assert!(!run.stderr.contains("❌ SECRET_KEY"), "{}", run.stderr);
}

#[test]
fn allowed_check_is_listed_and_does_not_block() {
    let env = [
        ("RAILWAY_ENVIRONMENT_NAME", "production"),
        ("DATABASE_URL", "postgresql://postgres:hunter2pw@localhost:5432/railway"),
        ("SESSION_SECRET", FIT_SECRET),
        ("REDIS_URL", "redis://redis.railway.internal:6379"),
    ];
    let run = run(OPTIONS, &env);
    assert_starts(&run);
    let line = run
        .stderr
        .lines()
        .find(|line| line.contains("[database_host_local]"))
        .unwrap_or_else(|| panic!("no database_host_local line:\n{}", run.stderr));
    assert!(line.trim_start().starts_with("☑️"), "not marked allowed: {line}");
    assert_no_secret(&run);
}

#[test]
fn allow_by_variant_unblocks_an_error() {
    // sqlite_in_production is an error; `allow(Check::SqliteInProduction)`
    // makes it an allowed finding, and the app starts.
    let run = run(OPTIONS, &options_env(&[("DATABASE_URL", "sqlite:////data/app.db")]));
    assert!(run.body_ran(), "{}", run.output());
    let line = run
        .stderr
        .lines()
        .find(|line| line.contains("[sqlite_in_production]"))
        .unwrap_or_else(|| panic!("no sqlite_in_production line:\n{}", run.stderr));
    assert!(line.trim_start().starts_with("☑️"), "not marked allowed: {line}");
}

#[test]
fn no_database_no_secret_reads_neither() {
    let bin = env!("CARGO_BIN_EXE_no_database_no_secret");
    let run = run(bin, &[("RAILWAY_ENVIRONMENT_NAME", "production")]);
    assert!(run.status.success(), "{}", run.output());
    assert!(run.body_ran());

    let run = common::run(bin, &[("RAILWAY_ENVIRONMENT_NAME", "production"), ("DEBUG", "true")]);
    assert_refuses(&run, &["DEBUG"]);
}

#[test]
fn quiet_prints_nothing_on_success_and_the_report_on_failure() {
    let bin = env!("CARGO_BIN_EXE_quiet");
    let run = run(bin, FIT);
    assert!(run.body_ran(), "{}", run.output());
    assert_eq!(run.stderr, "");

    let run = common::run(bin, MISFIT);
    assert_refuses(&run, MISFIT_VARIABLES);
}

#[test]
fn exit_prints_the_report_and_exits_78_without_a_panic() {
    for bin in [env!("CARGO_BIN_EXE_exit_option"), env!("CARGO_BIN_EXE_exit_option_async")] {
        let run = run(bin, MISFIT);
        assert_refuses(&run, MISFIT_VARIABLES);
        assert_eq!(run.status.code(), Some(78), "{}", run.output());
        assert!(run.stderr.starts_with(REPORT_HEADER), "{}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);

        assert_starts(&common::run(bin, FIT));
    }
}

#[test]
fn without_exit_the_failure_is_a_panic() {
    assert_panicked(&run(env!("CARGO_BIN_EXE_options"), MISFIT));
}

/// A fresh directory for one test's `.env` files.
fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("guard-tests-{}-{name}", std::process::id()));
    std::fs::create_dir_all(dir.join("config")).expect("scratch dir");
    dir
}

fn fit_dotenv() -> String {
    FIT.iter().map(|(name, value)| format!("{name}={value}\n")).collect()
}

#[test]
fn dotenv_loads_dot_env_before_the_checks() {
    let bin = env!("CARGO_BIN_EXE_dotenv_option");
    let dir = scratch_dir("dotenv");
    std::fs::write(dir.join(".env"), fit_dotenv()).expect(".env written");

    let run = run_in(bin, &[], Some(&dir));
    assert_starts(&run);

    // A variable already set wins over the file.
    let run = run_in(bin, &[("DATABASE_URL", "sqlite:db.sqlite3")], Some(&dir));
    assert_refuses(&run, &["DATABASE_URL"]);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn dotenv_keeps_references_literal() {
    // dotenvy would turn this into `}`; guard's reader keeps the reference,
    // which database_url_invalid then reports by its shape.
    let bin = env!("CARGO_BIN_EXE_dotenv_option");
    let dir = scratch_dir("dotenv-reference");
    let mut file = fit_dotenv();
    file.push_str("DATABASE_URL=\"${{Postgres.DATABASE_URL}}\"\n");
    std::fs::write(dir.join(".env"), file).expect(".env written");
    let run = run_in(bin, &[], Some(&dir));
    assert!(!run.body_ran(), "{}", run.output());
    assert!(run.stderr.contains("[database_url_invalid]"), "{}", run.stderr);
    assert!(run.stderr.contains("${{"), "{}", run.stderr);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn dotenv_without_a_file_checks_the_environment_alone() {
    let bin = env!("CARGO_BIN_EXE_dotenv_option");
    let dir = scratch_dir("no-dotenv");
    assert_starts(&run_in(bin, FIT, Some(&dir)));
    assert_refuses(&run_in(bin, &[], Some(&dir)), &["DATABASE_URL"]);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn dotenv_path_loads_that_file() {
    let bin = env!("CARGO_BIN_EXE_dotenv_path");
    let dir = scratch_dir("dotenv-path");
    std::fs::write(dir.join("config/app.env"), fit_dotenv()).expect("app.env written");
    // `.env` is not the file asked for.
    std::fs::write(dir.join(".env"), "DATABASE_URL=sqlite:db.sqlite3\n").expect(".env written");

    let run = run_in(bin, &[], Some(&dir));
    assert_starts(&run);
    assert!(run.stderr.contains(STARTUP_LINE));
    std::fs::remove_dir_all(&dir).ok();
}

const PROFILE_OPTION: &str = env!("CARGO_BIN_EXE_profile_option");

/// A fit Laravel deployment on Railway, the key under the app's own name.
fn laravel_env<'a>(extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut env = vec![
        ("RAILWAY_ENVIRONMENT_NAME", "production"),
        ("APP_ENV", "production"),
        ("DB_URL", "postgresql://postgres:hunter2pw@postgres.railway.internal:5432/railway"),
        ("SHOP_KEY", "base64:CzBVep/E6Q4zWH2ix+wRNluApcrvFDleg6jN8hc8YYY="),
    ];
    env.extend_from_slice(extra);
    env
}

#[test]
fn profile_reads_the_framework_s_variables() {
    let run = run(PROFILE_OPTION, &laravel_env(&[]));
    assert!(run.body_ran(), "{}", run.output());
    assert!(run.stderr.contains("✅ Using PostgreSQL database from DB_URL"), "{}", run.stderr);
}

#[test]
fn profile_refuses_the_framework_s_sqlite_and_names_its_variables() {
    // Without DB_URL: a URL with a scheme would pick Laravel's driver.
    let env: Vec<_> = laravel_env(&[("DB_CONNECTION", "sqlite"), ("APP_DEBUG", "true")])
        .into_iter()
        .filter(|(name, _)| !matches!(*name, "SHOP_KEY" | "DB_URL"))
        .collect();
    let run = run(PROFILE_OPTION, &env);
    assert_refuses(&run, &["DB_CONNECTION", "APP_DEBUG", "SHOP_KEY"]);
    assert_eq!(run.status.code(), Some(78), "{}", run.output());
    // Django's names mean nothing under this profile.
    let run = run_in(PROFILE_OPTION, &laravel_env(&[("DEBUG", "true")]), None);
    assert!(run.body_ran(), "{}", run.output());
}

#[test]
fn probe_refuses_to_start_when_the_database_does_not_answer() {
    let bin = env!("CARGO_BIN_EXE_probe_option");
    let closed = fake_server::closed_port();
    let url = format!("postgresql://app:hunter2pw@127.0.0.1:{closed}/shop");
    let env = [("DEBUG", "false"), ("DATABASE_URL", url.as_str()), ("SECRET_KEY", FIT_SECRET)];
    let refused = run(bin, &env);
    assert_eq!(refused.status.code(), Some(78), "{}", refused.output());
    assert!(!refused.body_ran(), "{}", refused.output());
    let text = refused.output();
    assert!(
        text.contains(
            "refused the connection: nothing listens on that port [database_unreachable]"
        ),
        "{text}"
    );
    assert!(!text.contains("hunter2pw"), "{text}");

    // A server that answers SSLRequest: the app starts, and says so.
    let server = fake_server::FakeServer::start(fake_server::Behaviour::Reply(b"N".to_vec()));
    let url = format!("postgresql://app:hunter2pw@127.0.0.1:{}/shop", server.port());
    let env = [("DEBUG", "false"), ("DATABASE_URL", url.as_str()), ("SECRET_KEY", FIT_SECRET)];
    let started = run(bin, &env);
    assert!(started.body_ran(), "{}", started.output());
    let text = started.output();
    assert!(text.contains("answered PostgreSQL's SSLRequest: offers no TLS"), "{text}");
    assert_eq!(server.accepted(), 1);
}

#[test]
fn crate_option_reaches_a_renamed_dependency() {
    let bin = env!("CARGO_BIN_EXE_renamed_crate");
    let run = run(bin, FIT);
    assert!(run.body_ran(), "{}", run.output());
    assert!(run.stderr.is_empty(), "quiet: {}", run.stderr);
    assert_refuses(&run_in(bin, MISFIT, None), MISFIT_VARIABLES);
}
