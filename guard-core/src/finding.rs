//! One problem found by one check.

use std::borrow::Cow;
use std::fmt;

use crate::catalog::{Check, Severity};

/// One problem: which check found it, how much it matters, which variable
/// it concerns, what is wrong and how to fix it.
///
/// Messages show values that are not secret (`DEBUG=maybe`), URLs only in
/// redacted form, and secrets by length only.
///
/// ```
/// use prodguard::{Check, Severity};
///
/// let err = prodguard::validate_env([("DEBUG", "false")]).unwrap_err();
/// let finding = err.findings().iter().find(|f| f.check() == Check::DatabaseUrlMissing).unwrap();
/// assert_eq!(finding.severity(), Severity::Error);
/// assert_eq!(finding.variable(), "DATABASE_URL");
/// assert!(finding.remediation().contains("DATABASE_URL"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub(crate) check: Check,
    pub(crate) severity: Severity,
    pub(crate) variable: Cow<'static, str>,
    pub(crate) message: String,
    pub(crate) remediation: String,
}

impl Finding {
    /// The check that found it.
    ///
    /// ```
    /// let err = prodguard::validate_env([("LOCAL_TEST", "true")]).unwrap_err();
    /// assert!(err.findings().iter().any(|f| f.check() == prodguard::Check::LocalTestInProduction));
    /// ```
    pub fn check(&self) -> Check {
        self.check
    }

    /// The check's stable id, e.g. `sqlite_in_production`.
    ///
    /// ```
    /// let err = prodguard::validate_env([("LOCAL_TEST", "true")]).unwrap_err();
    /// assert!(err.findings().iter().any(|f| f.id() == "local_test_in_production"));
    /// ```
    pub fn id(&self) -> &'static str {
        self.check.id()
    }

    /// Error, warning, or allowed by the app's policy.
    ///
    /// ```
    /// let err = prodguard::validate_env([("DEBUG", "false")]).unwrap_err();
    /// assert_eq!(err.findings()[0].severity(), prodguard::Severity::Error);
    /// ```
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// The variable concerned, by the name the app uses.
    ///
    /// ```
    /// let policy = prodguard::Policy::new().rename(prodguard::Variable::SecretKey, "SESSION_SECRET");
    /// let err = policy.validate_env([("DEBUG", "false")]).unwrap_err();
    /// assert!(err.findings().iter().any(|f| f.variable() == "SESSION_SECRET"));
    /// ```
    pub fn variable(&self) -> &str {
        &self.variable
    }

    /// What is wrong, in one line that names the variable.
    ///
    /// ```
    /// let err = prodguard::validate_env([("DEBUG", "false"), ("LOCAL_TEST", "yes")]).unwrap_err();
    /// assert!(err.findings().iter().any(|f| f.message() == "LOCAL_TEST=True (MUST be False in production)"));
    /// ```
    pub fn message(&self) -> &str {
        &self.message
    }

    /// How to fix it, and where, on the detected platform.
    ///
    /// ```
    /// let err = prodguard::validate_env([("RAILWAY_PROJECT_ID", "p")]).unwrap_err();
    /// assert!(err.findings()[0].remediation().contains("Project → Service → Variables"));
    /// ```
    pub fn remediation(&self) -> &str {
        &self.remediation
    }
}

impl fmt::Display for Finding {
    /// Writes `{marker} {message} [{id}]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} [{}]", self.severity.marker(), self.message, self.check.id())
    }
}
