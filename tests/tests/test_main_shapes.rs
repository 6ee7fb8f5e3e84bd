//! Every shape of `main` the attribute accepts, run as a child process: a
//! fit environment runs the body after the start-up line; a misfit one
//! panics with the report before the body's first line.

mod common;

use common::{FIT, MISFIT, MISFIT_VARIABLES, assert_panicked, assert_refuses, assert_starts, run};

/// Each app and the exit status its body ends with on a fit environment.
const SHAPES: &[(&str, &str, i32)] = &[
    ("sync", env!("CARGO_BIN_EXE_sync_main"), 0),
    ("tokio above", env!("CARGO_BIN_EXE_tokio_above"), 0),
    ("tokio below", env!("CARGO_BIN_EXE_tokio_below"), 0),
    ("actix above", env!("CARGO_BIN_EXE_actix_above"), 0),
    ("actix below", env!("CARGO_BIN_EXE_actix_below"), 0),
    ("returns Result", env!("CARGO_BIN_EXE_result_main"), 0),
    ("returns ExitCode", env!("CARGO_BIN_EXE_exitcode_main"), 7),
    ("returns !", env!("CARGO_BIN_EXE_never_main"), 0),
    ("other attributes", env!("CARGO_BIN_EXE_attributes_kept"), 0),
];

#[test]
fn fit_environment_runs_the_body_after_the_startup_line() {
    for &(shape, bin, code) in SHAPES {
        let run = run(bin, FIT);
        assert_starts(&run);
        assert_eq!(run.status.code(), Some(code), "{shape}:\n{}", run.output());
    }
}

#[test]
fn misfit_environment_panics_with_the_report_before_the_body() {
    for &(shape, bin, _) in SHAPES {
        let run = run(bin, MISFIT);
        assert_refuses(&run, MISFIT_VARIABLES);
        assert_panicked(&run);
        assert!(!run.stderr.contains("✅"), "{shape}:\n{}", run.stderr);
    }
}

#[test]
fn empty_environment_is_production_and_refuses_to_start() {
    for &(_, bin, _) in SHAPES {
        let run = run(bin, &[]);
        assert_refuses(&run, &["DATABASE_URL", "SECRET_KEY"]);
    }
}

#[test]
fn local_development_starts_with_a_warning_on_sqlite() {
    let env = [("DEBUG", "true"), ("LOCAL_TEST", "true"), ("DATABASE_URL", "sqlite:db.sqlite3")];
    for &(shape, bin, _) in SHAPES {
        let run = run(bin, &env);
        assert!(run.body_ran(), "{shape}:\n{}", run.output());
        assert!(
            run.stderr.contains("⚠️  Using SQLite for LOCAL TESTING ONLY"),
            "{shape}:\n{}",
            run.stderr
        );
    }
}

#[test]
fn async_bodies_run_inside_the_runtime() {
    for bin in [env!("CARGO_BIN_EXE_tokio_above"), env!("CARGO_BIN_EXE_tokio_below")] {
        let run = run(bin, FIT);
        assert!(run.stdout.contains("in_runtime=true"), "{}", run.output());
    }
}

#[test]
fn the_panic_points_at_the_attribute() {
    let run = run(env!("CARGO_BIN_EXE_sync_main"), MISFIT);
    assert!(run.stderr.contains("panicked at tests/src/bin/sync_main.rs:5:1"), "{}", run.stderr);
}

#[test]
fn a_stderr_that_cannot_be_written_does_not_decide_the_verdict() {
    // `2>/dev/full`: every write to stderr fails. A fit app still runs its
    // body (it used to exit 101 from `eprintln!`'s panic); a misfit one is
    // still refused.
    for (env, starts) in [(FIT, true), (MISFIT, false)] {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_sync_main"))
            .env_clear()
            .envs(env.iter().copied())
            .stderr(std::fs::File::create("/dev/full").expect("/dev/full"))
            .output()
            .expect("the app runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert_eq!(stdout.contains(common::BODY_RAN), starts, "{stdout}");
        assert_eq!(output.status.success(), starts, "{:?}", output.status);
    }
}
