//! The one door `#[production_safe]`'s expansion calls. Not public API:
//! anything here may change in any release.

use std::io::Write as _;

use crate::variable::{PlatformVariable, Variable};
use crate::{FrontEnd, GuardError, Policy, Report};

pub use crate::Policy as PolicyBuilder;

/// The variable named by its default name written as a Rust identifier,
/// for `#[production_safe(rename(NAME = "..."))]`; an unknown name is a
/// compile error that lists the valid ones.
#[doc(hidden)]
#[macro_export]
macro_rules! __variable {
    (DEBUG) => {
        $crate::Variable::Debug
    };
    (LOCAL_TEST) => {
        $crate::Variable::LocalTest
    };
    (DATABASE_URL) => {
        $crate::Variable::DatabaseUrl
    };
    (SECRET_KEY) => {
        $crate::Variable::SecretKey
    };
    (ALLOWED_HOSTS) => {
        $crate::Variable::AllowedHosts
    };
    (SITE_URL) => {
        $crate::Variable::SiteUrl
    };
    ($other:ident) => {
        ::core::compile_error!(::core::concat!(
            "unknown variable `",
            ::core::stringify!($other),
            "`; expected one of: ",
            "DEBUG, LOCAL_TEST, DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS, SITE_URL"
        ))
    };
}

/// Refuses, while compiling, renames that would put two of guard's
/// variables, or one of them and a platform's, on one name: the same rule
/// as [`Policy::rename`], evaluated in a `const`.
pub const fn assert_renames(renames: &[(Variable, &str)]) {
    let mut i = 0;
    while i < Variable::ALL.len() {
        let mut j = i + 1;
        while j < Variable::ALL.len() {
            if same(name_of(Variable::ALL[i], renames), name_of(Variable::ALL[j], renames)) {
                panic!("two of guard's variables would have one name: one variable plays one role");
            }
            j += 1;
        }
        let mut k = 0;
        while k < PlatformVariable::ALL.len() {
            if same(name_of(Variable::ALL[i], renames), PlatformVariable::ALL[k].1) {
                panic!("a variable is renamed to a variable hosting platforms set");
            }
            k += 1;
        }
        i += 1;
    }
}

/// The name `renames` gives `variable` (the last one wins), else its default.
const fn name_of<'a>(variable: Variable, renames: &[(Variable, &'a str)]) -> &'a str {
    let mut name = variable.default_name();
    let mut i = 0;
    while i < renames.len() {
        if renames[i].0 as usize == variable as usize {
            name = renames[i].1;
        }
        i += 1;
    }
    name
}

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

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
    message = "the `dotenv` option of `#[production_safe]` needs guard-core's `dotenv` cargo feature",
    label = "needs guard-core's `dotenv` feature",
    note = "enable it in Cargo.toml: add `features = [\"dotenv\"]` to the guard-core dependency"
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
    message = "the `probe` option of `#[production_safe]` needs guard-core's `probe` cargo feature",
    label = "needs guard-core's `probe` feature",
    note = "enable it in Cargo.toml: add `features = [\"probe\"]` to the guard-core dependency"
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_variable_macro_names_every_variable() {
        let named = [
            crate::__variable!(DEBUG),
            crate::__variable!(LOCAL_TEST),
            crate::__variable!(DATABASE_URL),
            crate::__variable!(SECRET_KEY),
            crate::__variable!(ALLOWED_HOSTS),
            crate::__variable!(SITE_URL),
        ];
        assert_eq!(named, Variable::ALL);
        let names: Vec<_> = Variable::ALL.iter().map(|v| v.default_name()).collect();
        assert!(include_str!("__private.rs").contains(&names.join(", ")));
    }

    #[test]
    fn renames_are_refused_as_policy_rename_refuses_them() {
        // Each compiles as a `const`: a refusal is a compile error there.
        assert_renames(&[(Variable::SecretKey, "SESSION_SECRET")]);
        assert_renames(&[(Variable::Debug, "X"), (Variable::LocalTest, "DEBUG")]);
        for refused in [
            &[(Variable::SecretKey, "DEBUG")][..],
            &[(Variable::SecretKey, "RAILWAY_ENVIRONMENT_NAME")],
            &[(Variable::Debug, "X"), (Variable::SiteUrl, "X")],
        ] {
            assert!(std::panic::catch_unwind(|| assert_renames(refused)).is_err());
        }
    }
}
