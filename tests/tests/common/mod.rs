//! Runs the apps of `src/bin` as child processes with an environment of
//! their own: the tests never touch their own process environment.

#![allow(dead_code)] // each test file uses its own part of this module

use std::path::Path;
use std::process::{Command, ExitStatus};

/// What the body of every app prints first.
pub const BODY_RAN: &str = "BODY RAN";
pub const STARTUP_LINE: &str = "✅ Using PostgreSQL database from DATABASE_URL";
pub const REPORT_HEADER: &str = "🚨 PRODUCTION ENVIRONMENT MISCONFIGURATION DETECTED:";

pub const PASSWORD: &str = "hunter2pw";
pub const FIT_SECRET: &str = "4f1c9a7e2b8d3065f1e4a9c7b2d8e3f60a5b1c9d7e2f4a8b6c3d0e9f1a2b7c5d";
pub const WEAK_SECRET: &str = "changeme-hunter3";

/// Production on Railway, configured as it should be.
pub const FIT: &[(&str, &str)] = &[
    ("RAILWAY_ENVIRONMENT_NAME", "production"),
    ("DATABASE_URL", "postgresql://postgres:hunter2pw@postgres.railway.internal:5432/railway"),
    ("SECRET_KEY", FIT_SECRET),
];

/// The incident: Railway with development settings left in its variables,
/// a URL pasted with its quotes, and a weak secret.
pub const MISFIT: &[(&str, &str)] = &[
    ("RAILWAY_ENVIRONMENT_NAME", "production"),
    ("DEBUG", "true"),
    ("LOCAL_TEST", "true"),
    ("DATABASE_URL", "\"postgresql://postgres:hunter2pw@postgres.railway.internal:5432/railway\""),
    ("SECRET_KEY", WEAK_SECRET),
];

/// The variables `MISFIT` gets wrong, each of which the report must name.
pub const MISFIT_VARIABLES: &[&str] = &["DEBUG", "LOCAL_TEST", "DATABASE_URL", "SECRET_KEY"];

pub struct Run {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn body_ran(&self) -> bool {
        self.stdout.contains(BODY_RAN)
    }

    /// Both streams, for "never printed anywhere".
    pub fn output(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

/// Runs `bin` (a `CARGO_BIN_EXE_*` path) with exactly `env`.
pub fn run(bin: &str, env: &[(&str, &str)]) -> Run {
    run_in(bin, env, None)
}

/// Runs `bin` with exactly `env`, in `dir` when given.
pub fn run_in(bin: &str, env: &[(&str, &str)], dir: Option<&Path>) -> Run {
    let mut command = Command::new(bin);
    command.env_clear().envs(env.iter().copied());
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    let output = command.output().expect("the app runs");
    Run {
        status: output.status,
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// A fit environment: the body runs after the start-up line, printed once.
#[track_caller]
pub fn assert_starts(run: &Run) {
    assert!(run.body_ran(), "the body did not run:\n{}", run.output());
    assert_eq!(
        run.stderr.matches(STARTUP_LINE).count(),
        1,
        "the start-up line is printed once:\n{}",
        run.stderr
    );
    assert!(!run.output().contains(REPORT_HEADER), "{}", run.output());
}

/// A misfit environment: the app refuses to start before its body, names
/// every bad variable, and leaks no secret.
#[track_caller]
pub fn assert_refuses(run: &Run, variables: &[&str]) {
    assert!(!run.status.success(), "the app started:\n{}", run.output());
    assert!(!run.body_ran(), "the body ran:\n{}", run.output());
    assert!(run.stderr.contains(REPORT_HEADER), "{}", run.stderr);
    for variable in variables {
        assert!(
            run.stderr.contains(&format!("❌ {variable}")),
            "the report does not name {variable}:\n{}",
            run.stderr
        );
    }
    assert_no_secret(run);
}

#[track_caller]
pub fn assert_no_secret(run: &Run) {
    let output = run.output();
    for secret in [PASSWORD, FIT_SECRET, WEAK_SECRET] {
        assert!(!output.contains(secret), "{secret} leaked:\n{output}");
    }
}

/// A panic's exit status (101) rather than a crash or `exit`.
#[track_caller]
pub fn assert_panicked(run: &Run) {
    assert_eq!(run.status.code(), Some(101), "{}", run.output());
    assert!(run.stderr.contains("panicked"), "{}", run.stderr);
}
