//! The one door `#[production_safe]`'s expansion calls. Not public API:
//! anything here may change in any release.

use std::io::Write as _;

use crate::{FrontEnd, GuardError, Policy, Report};

pub use crate::Policy as PolicyBuilder;

pub use crate::profiles::assert_renames;

/// What `main` does with the verdict.
#[derive(Clone, Copy, Debug, Default)]
pub struct Startup {
    /// Print nothing on success.
    pub quiet: bool,
    /// On failure print the report and exit with 78 (`EX_CONFIG`) instead
    /// of panicking.
    pub exit: bool,
}

/// The sysexits code for a configuration error.
pub const EX_CONFIG: i32 = 78;

/// Runs the checks before `main`'s body: prints the start-up line on
/// success, refuses to start on failure.
#[track_caller]
pub fn start(policy: Option<Policy>, startup: Startup) {
    decide(attribute(policy).validate().as_ref(), startup);
}

/// The attribute's policy: remediation worded for the attribute.
fn attribute(policy: Option<Policy>) -> Policy {
    policy.unwrap_or_default().worded_for(FrontEnd::Attribute)
}

/// Like [`start`], with a `.env` file's variables read beneath the process
/// environment (`#[production_safe(dotenv)]`).
#[track_caller]
pub fn start_with<F: LoadDotenv>(policy: Option<Policy>, startup: Startup, file: F) {
    let policy = attribute(policy);
    let from_file = file.variables();
    if from_file.is_empty() {
        return decide(policy.validate().as_ref(), startup);
    }
    // The process environment wins: later pairs win.
    let vars = from_file.into_iter().map(|(k, v)| (k.into(), v.into())).chain(std::env::vars_os());
    decide(policy.validate_env(vars).as_ref(), startup);
}

#[track_caller]
fn decide(verdict: Result<&Report, &GuardError>, startup: Startup) {
    // A closed or full stderr must not turn a verdict into a panic.
    let mut stderr = std::io::stderr().lock();
    match verdict {
        Ok(report) if !startup.quiet => {
            let _ = writeln!(stderr, "{report:#}");
        }
        Ok(_) => {}
        Err(err) if startup.exit => {
            let _ = writeln!(stderr, "{err}");
            ::std::process::exit(EX_CONFIG);
        }
        Err(err) => {
            drop(stderr);
            ::std::panic!("{err}")
        }
    }
}

/// The file of `#[production_safe(dotenv)]` (`.env`) or `dotenv = "PATH"`.
pub struct DotenvFile(pub &'static str);

/// Reading a `.env` file: implemented only with the `dotenv` feature, so
/// without it the `dotenv` option fails to compile with this message,
/// spanned on the option, rather than a missing-function error.
#[diagnostic::on_unimplemented(
    message = "the `dotenv` option of `#[production_safe]` needs prodguard's `dotenv` cargo feature",
    label = "needs prodguard's `dotenv` feature",
    note = "enable it in Cargo.toml: add `features = [\"dotenv\"]` to the prodguard dependency"
)]
pub trait LoadDotenv {
    /// The file's variables; none in a release build.
    fn variables(self) -> Vec<(String, String)>;
}

#[cfg(feature = "dotenv")]
impl LoadDotenv for DotenvFile {
    fn variables(self) -> Vec<(String, String)> {
        crate::env_file::startup_variables(std::path::Path::new(self.0))
    }
}

/// The time bound of `#[production_safe(probe)]` (`probe = "500ms"`), in
/// milliseconds.
pub struct ProbeTimeout(pub u64);

/// Turning the probe on: implemented only with the `probe` feature, so
/// without it the `probe` option fails to compile with this message,
/// spanned on the option.
#[diagnostic::on_unimplemented(
    message = "the `probe` option of `#[production_safe]` needs prodguard's `probe` cargo feature",
    label = "needs prodguard's `probe` feature",
    note = "enable it in Cargo.toml: add `features = [\"probe\"]` to the prodguard dependency"
)]
pub trait ApplyProbe {
    /// `policy`, probing.
    fn apply(self, policy: Policy) -> Policy;
}

#[cfg(feature = "probe")]
impl ApplyProbe for ProbeTimeout {
    fn apply(self, policy: Policy) -> Policy {
        policy.probe(std::time::Duration::from_millis(self.0))
    }
}

/// `policy` with the attribute's `probe` option applied.
pub fn probe<P: ApplyProbe>(policy: Policy, option: P) -> Policy {
    option.apply(policy)
}
