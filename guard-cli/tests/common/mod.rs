//! Running the `prodguard` binary in a child process with its own environment.

#![allow(dead_code)] // each test file uses a part

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A set of variables: a child process's whole environment.
pub type Env<'a> = &'a [(&'a str, &'a str)];

/// A Railway production deployment that is fit to start.
pub const FIT: &[(&str, &str)] = &[
    ("RAILWAY_ENVIRONMENT_NAME", "production"),
    ("RAILWAY_PROJECT_ID", "4f0c2e1a-6b7d-4c3e-9a8f-1d2e3f4a5b6c"),
    (
        "DATABASE_URL",
        "postgresql://postgres:Zq7vN2pK9xR4tW8m@postgres.railway.internal:5432/railway",
    ),
    ("SECRET_KEY", "3f9a1c7e5b2d8046a1e9c3b7d5f2084a6c1e9b3d7f5a2c8e4b0d6f1a3c9e7b52"),
];

/// The database password in [`FIT`].
pub const FIT_PASSWORD: &str = "Zq7vN2pK9xR4tW8m";
/// The `SECRET_KEY` in [`FIT`].
pub const FIT_SECRET_KEY: &str = "3f9a1c7e5b2d8046a1e9c3b7d5f2084a6c1e9b3d7f5a2c8e4b0d6f1a3c9e7b52";

/// The incident as it was on Railway.
pub const INCIDENT: &[(&str, &str)] = &[
    ("RAILWAY_ENVIRONMENT", "production"),
    ("DEBUG", "True"),
    ("LOCAL_TEST", "True"),
    ("DATABASE_URL", "sqlite:///app/db.sqlite3"),
    ("SECRET_KEY", "hunter2"),
];

/// What a run of `prodguard` left behind.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The findings' ids of a `--format json` run.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }

    pub fn finding_ids(&self) -> Vec<String> {
        self.json()["findings"]
            .as_array()
            .expect("findings is an array")
            .iter()
            .map(|f| f["id"].as_str().expect("id is a string").to_owned())
            .collect()
    }

    /// The first finding of a `--format json` run with this check id; a
    /// panic that shows the whole document when there is none.
    pub fn finding(&self, id: &str) -> serde_json::Value {
        let json = self.json();
        json["findings"]
            .as_array()
            .expect("findings is an array")
            .iter()
            .find(|f| f["id"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("no {id}: {json:#}"))
    }

    /// Both streams, for "never in any output" assertions.
    pub fn output(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

/// Runs `guard ARGS` with exactly `env` as its environment.
pub fn guard(args: &[&str], env: &[(&str, &str)]) -> Run {
    guard_with_stdin(args, env, "")
}

/// Runs `guard ARGS` with exactly `env` as its environment and `stdin` on
/// its standard input.
pub fn guard_with_stdin(args: &[&str], env: &[(&str, &str)], stdin: &str) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_prodguard"))
        .args(args)
        .env_clear()
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("guard runs");
    // guard may exit without reading its input: a closed pipe is fine.
    let _ = child.stdin.take().expect("stdin is piped").write_all(stdin.as_bytes());
    let output = child.wait_with_output().expect("guard finishes");
    Run {
        code: output.status.code().expect("guard exits, not killed"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// Runs `guard ARGS` with exactly `env` as its environment, its stdout and
/// stderr as given (a stream left `Stdio::piped()` is captured).
pub fn guard_with_streams(
    args: &[&str],
    env: &[(&str, &str)],
    stdout: Stdio,
    stderr: Stdio,
) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_prodguard"))
        .args(args)
        .env_clear()
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr)
        .output()
        .expect("guard runs");
    Run {
        code: output.status.code().expect("guard exits, not killed"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// A stream whose every write fails with "no space left on device".
pub fn dev_full() -> Stdio {
    Stdio::from(std::fs::File::create("/dev/full").expect("/dev/full exists"))
}

/// Writes `contents` to a fresh file under the target dir's temp folder.
pub fn env_file(contents: &str) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("guard-cli-{}-{n}.env", std::process::id()));
    std::fs::write(&path, contents).expect("temp file is writable");
    path
}

/// The `.env` text of `vars`, one `KEY=value` line each.
pub fn env_text(vars: &[(&str, &str)]) -> String {
    vars.iter().map(|(k, v)| format!("{k}={v}\n")).collect()
}

/// `vars` with `overrides` applied (an empty value removes the variable).
pub fn with<'a>(
    vars: &[(&'a str, &'a str)],
    overrides: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut out: Vec<(&str, &str)> =
        vars.iter().copied().filter(|(k, _)| !overrides.iter().any(|(o, _)| o == k)).collect();
    out.extend(overrides.iter().copied().filter(|(_, v)| !v.is_empty()));
    out
}

/// The path of a sample env file shipped in `examples/env/`.
pub fn sample(name: &str) -> String {
    format!("{}/../examples/env/{name}", env!("CARGO_MANIFEST_DIR"))
}
