//! Output never decides the verdict: a closed pipe keeps the exit status,
//! a failed write to stderr is ignored, and any other failed write to
//! stdout is exit status 2 with a line on stderr.

mod common;

use std::process::{Command, Stdio};

use common::{Env, FIT, INCIDENT, dev_full, guard_with_streams, sample};

#[test]
fn a_full_stdout_is_exit_2_whatever_the_verdict() {
    let incident = sample("incident.env");
    let cases: &[(&[&str], Env)] = &[
        (&["check"], FIT),
        (&["check"], INCIDENT),
        (&["check", "--format", "json"], INCIDENT),
        (&["check", "--format", "github"], FIT),
        (&["check", "--env-file", &incident], &[]),
        (&["explain"], &[]),
        (&["explain", "secret_key_weak"], &[]),
        (&["classify", "--url", "sqlite:///app/db.sqlite3"], &[]),
        (&["--help"], &[]),
        (&["--version"], &[]),
    ];
    for (args, env) in cases {
        let run = guard_with_streams(args, env, dev_full(), Stdio::piped());
        assert_eq!(run.code, 2, "{args:?}: {run:?}");
        assert!(
            run.stderr
                .starts_with("error: cannot write to standard output: No space left on device"),
            "{args:?}: {run:?}"
        );
    }
}

#[test]
fn a_full_stderr_changes_nothing() {
    let cases: &[(&[&str], Env, i32)] = &[
        (&["check"], FIT, 0),
        (&["check"], INCIDENT, 78),
        (&["check", "--bogus"], FIT, 2),
        (&["check", "--env-file", "/no/such/file.env"], &[], 2),
        // The classification error goes to stderr.
        (&["classify", "--url", "${{Postgres.DATABASE_URL}}"], &[], 78),
        (&["classify"], &[], 2),
    ];
    for (args, env, code) in cases {
        let run = guard_with_streams(args, env, Stdio::piped(), dev_full());
        assert_eq!(run.code, *code, "{args:?}: {run:?} (101 is a panic)");
    }
    let run = guard_with_streams(&["check"], FIT, Stdio::piped(), dev_full());
    assert_eq!(run.stdout, "✅ Using PostgreSQL database from DATABASE_URL\n");
}

#[test]
fn a_closed_pipe_keeps_the_verdict() {
    // The read end is closed as soon as the child exists, before guard has
    // parsed its arguments, so its one write gets EPIPE (`guard … | head`
    // where head has already quit).
    for (env, code) in [(FIT, 0), (INCIDENT, 78)] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_prodguard"))
            .arg("check")
            .env_clear()
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("guard runs");
        drop(child.stdout.take());
        let output = child.wait_with_output().expect("guard finishes");
        assert_eq!(output.status.code(), Some(code), "{output:?}");
        assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    }
}
