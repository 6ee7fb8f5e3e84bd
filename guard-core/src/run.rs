//! One run of the checks: snapshot → platform → database → (the live
//! probe, when the policy asks) → checks → report.

use std::ffi::{OsStr, OsString};
use std::sync::OnceLock;

use crate::checks::{self, Context, DatabaseState, SiteUrl};
use crate::database::DatabaseUrl;
use crate::platform::Detection;
use crate::policy::Policy;
use crate::report::{GuardError, Report};
use crate::snapshot::Snapshot;
use crate::variable::Variable;

/// Runs every check of `policy` on `snapshot`.
fn run(policy: &Policy, snapshot: &Snapshot) -> Report {
    let detection = Detection::detect(snapshot);
    let profile = policy.profile();
    let switch = snapshot.get(Variable::Environment).as_str();
    let development =
        profile.is_development(switch, snapshot.get(Variable::Debug).flag().is_true());
    let production = detection.is_some() || !development;
    let database = DatabaseState::read(policy, snapshot);
    // Without a switch, the debug flag decides.
    let switch =
        if profile.row().development.is_empty() { Variable::Debug } else { Variable::Environment };
    // The only place guard opens a connection, and only when asked.
    #[cfg(feature = "probe")]
    let probe = policy
        .probe_timeout()
        .map(|timeout| crate::probe::probe(policy, timeout, database.classified()));
    let cx = Context {
        policy,
        snapshot,
        detection: detection.as_ref(),
        production,
        database: &database,
        site_url: SiteUrl::read(snapshot.get(Variable::SiteUrl)),
        #[cfg(feature = "probe")]
        probe: probe.as_ref(),
    };
    let findings = checks::run(&cx);
    let (startup_line, switch) = (cx.startup_line(), profile.switch_texts(cx.name(switch)));
    let (platform, environment, preview) = match detection {
        Some(d) => (Some(d.platform), d.environment, d.preview),
        None => (None, None, false),
    };
    let database: Option<DatabaseUrl> = match database {
        DatabaseState::Classified(url) => Some(url),
        _ => None,
    };
    Report {
        production,
        platform,
        environment,
        preview,
        database,
        startup_line,
        switch,
        findings,
        front_end: policy.front_end(),
        #[cfg(feature = "probe")]
        probe,
    }
}

impl Policy {
    /// Checks injected variables with this policy; never reads the process
    /// environment.
    ///
    /// ```
    /// use prodguard::{Policy, Variable};
    ///
    /// let report = Policy::new()
    ///     .rename(Variable::Debug, "APP_DEBUG")
    ///     .validate_env([("APP_DEBUG", "true")])
    ///     .unwrap();
    /// assert!(!report.is_production());
    /// ```
    pub fn validate_env<I, K, V>(&self, vars: I) -> Result<Report, GuardError>
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<OsStr>,
        V: AsRef<OsStr>,
    {
        run(self, &Snapshot::from_pairs(self, vars)).into_result()
    }

    /// Checks the process environment with this policy. The environment is
    /// read once per process and kept; the checks run on every call.
    ///
    /// ```no_run
    /// let report = prodguard::Policy::new().require("REDIS_URL").validate();
    /// ```
    pub fn validate(&self) -> Result<Report, GuardError> {
        self.validate_env(process_environment().iter().map(|(k, v)| (k, v)))
    }
}

/// The process environment, read once.
fn process_environment() -> &'static [(OsString, OsString)] {
    static ENVIRONMENT: OnceLock<Box<[(OsString, OsString)]>> = OnceLock::new();
    ENVIRONMENT.get_or_init(|| std::env::vars_os().collect())
}
