//! The one door `#[production_safe]`'s expansion calls. Not public API:
//! anything here may change in any release.

use crate::{GuardError, Policy, Report};

pub use crate::Policy as PolicyBuilder;

/// The variables a policy may rename, by their default names, so the
/// macro's `rename(SECRET_KEY = "...")` expands to a path the compiler
/// checks.
pub mod variables {
    use crate::Variable;

    /// `DEBUG`.
    pub const DEBUG: Variable = Variable::Debug;
    /// `LOCAL_TEST`.
    pub const LOCAL_TEST: Variable = Variable::LocalTest;
    /// `DATABASE_URL`.
    pub const DATABASE_URL: Variable = Variable::DatabaseUrl;
    /// `SECRET_KEY`.
    pub const SECRET_KEY: Variable = Variable::SecretKey;
    /// `ALLOWED_HOSTS`.
    pub const ALLOWED_HOSTS: Variable = Variable::AllowedHosts;
    /// `SITE_URL`.
    pub const SITE_URL: Variable = Variable::SiteUrl;
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
    let verdict: Result<std::borrow::Cow<'static, Report>, std::borrow::Cow<'static, GuardError>> =
        match policy {
            None => crate::validate()
                .map(std::borrow::Cow::Borrowed)
                .map_err(std::borrow::Cow::Borrowed),
            Some(policy) => policy
                .validate()
                .map(std::borrow::Cow::Owned)
                .map_err(std::borrow::Cow::Owned),
        };
    match verdict {
        Ok(report) => {
            if !startup.quiet {
                ::std::eprintln!("{report:#}");
            }
        }
        Err(err) if startup.exit => {
            ::std::eprintln!("{err}");
            ::std::process::exit(EX_CONFIG);
        }
        Err(err) => ::std::panic!("{err}"),
    }
}

/// The file of `#[production_safe(dotenv)]` (`.env`) or `dotenv = "PATH"`.
pub struct DotenvFile(pub &'static str);

/// Loading a `.env` file: implemented only with the `dotenv` feature, so
/// without it the `dotenv` option fails to compile with this message,
/// spanned on the option, rather than a missing-function error.
#[diagnostic::on_unimplemented(
    message = "the `dotenv` option of `#[production_safe]` needs guard-core's `dotenv` cargo feature",
    label = "needs guard-core's `dotenv` feature",
    note = "enable it in Cargo.toml: add `features = [\"dotenv\"]` to the guard-core dependency"
)]
pub trait LoadDotenv {
    /// Loads the file (`load_dotenv`).
    fn load(self);
}

#[cfg(feature = "dotenv")]
impl LoadDotenv for DotenvFile {
    fn load(self) {
        load_dotenv(self.0);
    }
}

/// What the `dotenv` option expands to, before `start`.
pub fn load<F: LoadDotenv>(file: F) {
    file.load();
}

/// Loads a `.env` file into the process environment before the checks,
/// for local development; a missing file is not an error.
///
/// Uses dotenvy, which never overrides a variable that is already set.
/// Its errors may quote the offending line, which may hold a secret, so
/// none is printed.
#[cfg(feature = "dotenv")]
pub fn load_dotenv(path: &str) {
    match dotenvy::from_filename(path) {
        Ok(_) => {}
        Err(dotenvy::Error::Io(err)) if err.kind() == ::std::io::ErrorKind::NotFound => {}
        Err(dotenvy::Error::LineParse(..)) => {
            ::std::eprintln!("⚠️  {path}: a line cannot be parsed; the file was not loaded past it")
        }
        Err(dotenvy::Error::Io(err)) => {
            ::std::eprintln!("⚠️  {path}: cannot be read ({})", err.kind())
        }
        Err(_) => ::std::eprintln!("⚠️  {path}: cannot be loaded"),
    }
}
