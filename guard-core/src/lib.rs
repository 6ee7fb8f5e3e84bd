//! Refuse to start a misconfigured production deployment.
//!
//! guard answers one question at start-up: *is this process in production,
//! and if so, is its database and secret configuration fit for it?* When
//! the answer is no, it reports every problem at once, each with the
//! variable to change and where to change it on the detected platform.
//!
//! - Production = a hosting platform is detected (Railway first, then
//!   Heroku, Render, Fly.io, Vercel, Netlify, Cloud Run, App Engine, AWS
//!   Lambda, ECS, Azure App Service, Kubernetes), **or** `DEBUG` is not true.
//! - In production, SQLite in any form, `LOCAL_TEST=true`, a missing or weak
//!   `SECRET_KEY` and the other [`Check`]s are errors.
//! - Secrets never appear in any output: what is shown of a value is rebuilt
//!   from parts understood to be no secret; anything else is shown by its
//!   length.
//!
//! ```
//! let env = [
//!     ("RAILWAY_ENVIRONMENT_NAME", "production"),
//!     ("DATABASE_URL", "postgresql://postgres:hunter2@postgres.railway.internal:5432/railway"),
//!     ("SECRET_KEY", "4f1c9a7e2b8d3065f1e4a9c7b2d8e3f60a5b1c9d7e2f4a8b6c3d0e9f1a2b7c5d"),
//! ];
//! let report = prodguard::validate_env(env).unwrap();
//! assert_eq!(report.to_string(), "✅ Using PostgreSQL database from DATABASE_URL");
//! ```
//!
//! In an application, check the real environment once at start-up with
//! [`validate`] (or the `#[production_safe]` attribute on `main`).
#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

// From the bottom up: configuration, reading, checks, output, the run.
mod catalog;
mod policy;
mod profiles;
mod show;
mod variable;

mod database;
mod platform;
#[cfg(feature = "probe")]
mod probe;
mod snapshot;

mod checks;
mod finding;

mod explain;
mod report;
mod run;

#[cfg(feature = "dotenv")]
pub mod env_file;

#[doc(hidden)]
pub mod __private;

use std::ffi::OsStr;
use std::sync::OnceLock;

pub use catalog::{Check, Severity, UnknownCheck};
pub use database::{Backend, DatabaseUrl, DatabaseUrlError, DatabaseUrlProblem, Endpoint, Tls};
pub use finding::Finding;
pub use platform::Platform;
#[cfg(feature = "probe")]
pub use policy::Resolve;
pub use policy::{FrontEnd, Policy};
#[cfg(feature = "probe")]
pub use probe::ProbeReport;
pub use profiles::{Profile, UnknownProfile};
pub use report::{GuardError, Report};
pub use variable::{Variable, VariableNameError};

#[cfg(feature = "macros")]
#[doc(inline)]
pub use prodguard_macros::production_safe;

/// Checks the process environment with the default policy.
///
/// Computed once per process: the first call reads the environment and
/// runs the checks, every later call returns the same cached result, so a
/// second call costs a load.
///
/// ```no_run
/// match prodguard::validate() {
///     Ok(report) => eprintln!("{report:#}"),
///     Err(err) => {
///         eprintln!("{err}");
///         std::process::exit(78);
///     }
/// }
/// ```
pub fn validate() -> Result<&'static Report, &'static GuardError> {
    static RESULT: OnceLock<Result<Report, GuardError>> = OnceLock::new();
    RESULT.get_or_init(|| DEFAULT_POLICY.validate()).as_ref()
}

/// Checks injected variables with the default policy; never reads the
/// process environment.
///
/// ```
/// let err = prodguard::validate_env([
///     ("RAILWAY_PROJECT_ID", "p"),
///     ("DATABASE_URL", "sqlite:///data/app.db"),
/// ])
/// .unwrap_err();
/// assert!(err.findings().iter().any(|f| f.id() == "sqlite_in_production"));
/// assert!(err.findings().iter().any(|f| f.id() == "secret_key_missing"));
/// ```
pub fn validate_env<I, K, V>(vars: I) -> Result<Report, GuardError>
where
    I: IntoIterator<Item = (K, V)>,
    K: AsRef<OsStr>,
    V: AsRef<OsStr>,
{
    DEFAULT_POLICY.validate_env(vars)
}

/// The policy of [`validate`] and [`validate_env`], built at compile time:
/// nothing to build or drop per call.
static DEFAULT_POLICY: Policy = Policy::new();
