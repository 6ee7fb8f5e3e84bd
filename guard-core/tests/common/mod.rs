//! Environments shared by the behaviour tests.

#![allow(dead_code)]

use prodguard::{DatabaseUrl, GuardError, Policy, Report};

/// A strong secret: the shape `openssl rand -hex 32` prints.
pub const STRONG_SECRET: &str = "4f1c9a7e2b8d3065f1e4a9c7b2d8e3f60a5b1c9d7e2f4a8b6c3d0e9f1a2b7c5d";

/// A password that must never appear in any output.
pub const PASSWORD: &str = "Zq9-hunter2-PW";

/// A Railway deployment that is fit for production.
pub fn railway_fit() -> Vec<(String, String)> {
    pairs(&[
        ("RAILWAY_ENVIRONMENT_NAME", "production"),
        ("RAILWAY_PROJECT_ID", "6d1f0b2e"),
        ("RAILWAY_SERVICE_ID", "a8c3e571"),
        (
            "DATABASE_URL",
            &format!("postgresql://postgres:{PASSWORD}@postgres.railway.internal:5432/railway"),
        ),
        ("SECRET_KEY", STRONG_SECRET),
    ])
}

/// `base` with each `(name, value)` set (replacing) or, with value `None`, removed.
pub fn with(
    base: Vec<(String, String)>,
    changes: &[(&str, Option<&str>)],
) -> Vec<(String, String)> {
    let mut env: Vec<(String, String)> =
        base.into_iter().filter(|(k, _)| !changes.iter().any(|(name, _)| name == k)).collect();
    for (name, value) in changes {
        if let Some(value) = value {
            env.push(((*name).to_owned(), (*value).to_owned()));
        }
    }
    env
}

pub fn pairs(vars: &[(&str, &str)]) -> Vec<(String, String)> {
    vars.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

pub fn ids(result: &Result<Report, GuardError>) -> Vec<&'static str> {
    let report = match result {
        Ok(report) => report,
        Err(err) => err.report(),
    };
    report.findings().iter().map(|f| f.id()).collect()
}

pub fn check(policy: &Policy, env: &[(String, String)]) -> Result<Report, GuardError> {
    policy.validate_env(env.iter().map(|(k, v)| (k, v)))
}

/// Every text a user could print from a result: `Display` (plain and
/// alternate), `Debug`, each finding, the classified database.
pub fn every_output(result: &Result<Report, GuardError>) -> String {
    let report = match result {
        Ok(report) => report,
        Err(err) => err.report(),
    };
    let mut out = format!("{report}\n{report:#}\n{report:?}\n{report:#?}\n");
    if let Err(err) = result {
        out += &format!("{err}\n{err:#}\n{err:?}\n{err:#?}\n");
    }
    for finding in report.findings() {
        out +=
            &format!("{finding}\n{finding:?}\n{}\n{}\n", finding.message(), finding.remediation());
    }
    if let Some(url) = report.database() {
        out += &format!("{url}\n{url:?}\n{}\n{:?}\n", url.shown(), url.endpoints());
    }
    out
}

/// Everything `DatabaseUrl` itself prints for `url`, classified or not.
pub fn classify_output(url: &str) -> String {
    match DatabaseUrl::classify(url) {
        Ok(classified) => format!("{}\n{classified}\n{classified:?}", classified.shown()),
        Err(err) => format!("{}\n{err}\n{err:?}", err.shown()),
    }
}
