//! The outcome of a run: a [`Report`] when the deployment may start, a
//! [`GuardError`] holding every finding when it may not.

use std::fmt;

use crate::catalog::Severity;
use crate::database::DatabaseUrl;
use crate::finding::Finding;
use crate::platform::Platform;
use crate::policy::FrontEnd;

/// What guard found: production or not, the platform, the database, and
/// every finding.
///
/// `Display` is the one start-up line (`✅ Using PostgreSQL database from
/// DATABASE_URL`); the alternate form `{:#}` adds a line per warning and
/// allowed check.
///
/// ```
/// let report = prodguard::validate_env([("DEBUG", "true"), ("DATABASE_URL", "sqlite:dev.db")]).unwrap();
/// assert!(!report.is_production());
/// assert_eq!(report.to_string(), "⚠️  Using SQLite for LOCAL TESTING ONLY");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub(crate) production: bool,
    pub(crate) platform: Option<Platform>,
    /// The platform's environment name, as it may be shown.
    pub(crate) environment: Option<String>,
    pub(crate) preview: bool,
    pub(crate) database: Option<DatabaseUrl>,
    /// The database the app uses, or why none: the first line of a report.
    pub(crate) startup_line: String,
    /// Why this is production, why it is not, and the setting that says
    /// development (`DEBUG is not true`, `DEBUG is true`, `DEBUG=true`).
    pub(crate) switch: [String; 3],
    pub(crate) findings: Vec<Finding>,
    pub(crate) front_end: FrontEnd,
    /// What the live probe found, when the policy asked for one.
    #[cfg(feature = "probe")]
    pub(crate) probe: Option<crate::probe::ProbeReport>,
}

impl Report {
    pub(crate) fn into_result(self) -> Result<Report, GuardError> {
        if self.errors().next().is_some() {
            Err(GuardError { report: Box::new(self) })
        } else {
            Ok(self)
        }
    }

    /// Whether this process counts as production: a platform is detected,
    /// or `DEBUG` is not true (under a profile with an environment switch:
    /// the switch names no development environment).
    ///
    /// ```
    /// let err = prodguard::validate_env([("DEBUG", "nope")]).unwrap_err();
    /// assert!(err.report().is_production(), "an invalid DEBUG fails closed");
    /// ```
    pub fn is_production(&self) -> bool {
        self.production
    }

    /// The detected hosting platform.
    ///
    /// ```
    /// let err = prodguard::validate_env([("FLY_APP_NAME", "shop")]).unwrap_err();
    /// assert_eq!(err.report().platform(), Some(prodguard::Platform::Fly));
    /// ```
    pub fn platform(&self) -> Option<Platform> {
        self.platform
    }

    /// The platform's name for this environment (`production`, `staging`,
    /// `preview`, ...), where the platform gives one.
    ///
    /// ```
    /// let err = prodguard::validate_env([("RAILWAY_ENVIRONMENT_NAME", "staging")]).unwrap_err();
    /// assert_eq!(err.report().environment(), Some("staging"));
    /// ```
    pub fn environment(&self) -> Option<&str> {
        self.environment.as_deref()
    }

    /// Whether the platform marks this deployment as a preview (pull
    /// request, deploy preview). Previews are still production for the
    /// checks.
    ///
    /// ```
    /// let err = prodguard::validate_env([("VERCEL", "1"), ("VERCEL_ENV", "preview")]).unwrap_err();
    /// assert!(err.report().is_preview());
    /// assert!(err.report().is_production());
    /// ```
    pub fn is_preview(&self) -> bool {
        self.preview
    }

    /// The classified `DATABASE_URL`, if it is set and could be classified.
    ///
    /// ```
    /// let report = prodguard::validate_env([("DEBUG", "1"), ("DATABASE_URL", "mysql://u:pw@db/shop")]).unwrap();
    /// assert_eq!(report.database().unwrap().backend(), prodguard::Backend::Mysql);
    /// ```
    pub fn database(&self) -> Option<&DatabaseUrl> {
        self.database.as_ref()
    }

    /// Every finding: errors, then warnings, then allowed checks.
    ///
    /// ```
    /// let report = prodguard::validate_env([("DEBUG", "1"), ("LOCAL_TEST", "maybe")]).unwrap();
    /// assert_eq!(report.findings()[0].id(), "invalid_boolean");
    /// ```
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// The findings that block start-up.
    ///
    /// ```
    /// let report = prodguard::validate_env([("DEBUG", "1")]).unwrap();
    /// assert_eq!(report.errors().count(), 0);
    /// ```
    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.with_severity(Severity::Error)
    }

    /// The findings reported as warnings.
    ///
    /// ```
    /// let report = prodguard::validate_env([("DEBUG", "1"), ("LOCAL_TEST", "maybe")]).unwrap();
    /// assert_eq!(report.warnings().count(), 1);
    /// ```
    pub fn warnings(&self) -> impl Iterator<Item = &Finding> {
        self.with_severity(Severity::Warning)
    }

    /// The findings of checks the app's policy allows.
    ///
    /// ```
    /// let report = prodguard::validate_env([("DEBUG", "1")]).unwrap();
    /// assert_eq!(report.allowed().count(), 0);
    /// ```
    pub fn allowed(&self) -> impl Iterator<Item = &Finding> {
        self.with_severity(Severity::Allowed)
    }

    /// What the live probe found, when the policy asked for one
    /// ([`Policy::probe`](crate::Policy::probe)); its findings are among
    /// [`findings`](Report::findings).
    ///
    /// ```
    /// let report = prodguard::validate_env([("DEBUG", "1")]).unwrap();
    /// assert!(report.probe().is_none(), "no probe unless the policy asks");
    /// ```
    #[cfg(feature = "probe")]
    pub fn probe(&self) -> Option<&crate::probe::ProbeReport> {
        self.probe.as_ref()
    }

    /// The probe's notes, one line each, indented as findings are.
    fn write_probe_notes(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        #[cfg(feature = "probe")]
        for note in self.probe.iter().flat_map(|probe| probe.notes()) {
            write!(f, "\n  ℹ️  {note}")?;
        }
        let _ = f;
        Ok(())
    }

    fn with_severity(&self, severity: Severity) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.severity() == severity)
    }

    fn write_context(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.platform, &self.environment) {
            (Some(platform), Some(environment)) => {
                write!(f, "Platform: {platform} (environment: {environment}")?;
                if self.preview {
                    f.write_str(", a preview")?;
                }
                f.write_str(")")
            }
            (Some(platform), None) => write!(f, "Platform: {platform}"),
            (None, _) if self.production => {
                write!(f, "Platform: none detected; production because {}", self.switch[0])
            }
            (None, _) => write!(f, "Platform: none detected; development ({})", self.switch[1]),
        }
    }
}

impl fmt::Display for Report {
    /// Writes the start-up line; `{:#}` adds a line per warning and allowed
    /// check.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.startup_line)?;
        if f.alternate() {
            for finding in self.findings.iter().filter(|f| f.severity() != Severity::Error) {
                write!(f, "\n  {finding}")?;
            }
            self.write_probe_notes(f)?;
        }
        Ok(())
    }
}

/// The deployment is not fit for production: every finding, each with its
/// remediation.
///
/// `Display` is the whole report, headed `🚨 PRODUCTION ENVIRONMENT
/// MISCONFIGURATION DETECTED:`, with one `❌` line per error naming its
/// variable, then warnings and allowed checks, then how to fix each error.
/// `Debug` is as redacted as `Display`, so `validate().unwrap()` is safe.
///
/// ```
/// let err = prodguard::validate_env([
///     ("RAILWAY_ENVIRONMENT", "production"),
///     ("DEBUG", "True"),
///     ("LOCAL_TEST", "True"),
///     ("DATABASE_URL", "sqlite:///app/db.sqlite3"),
///     ("SECRET_KEY", "hunter2"),
/// ])
/// .unwrap_err();
/// let text = err.to_string();
/// assert!(text.starts_with("🚨 PRODUCTION ENVIRONMENT MISCONFIGURATION DETECTED:"));
/// assert!(text.contains("❌ DEBUG=True (MUST be False in production)"));
/// assert!(text.contains("❌ LOCAL_TEST=True (MUST be False in production)"));
/// assert!(!text.contains("hunter2"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", Misconfiguration(.report))]
pub struct GuardError {
    report: Box<Report>,
}

impl GuardError {
    /// The full report: production, platform, database and findings.
    ///
    /// ```
    /// let err = prodguard::validate_env([("DYNO", "web.1")]).unwrap_err();
    /// assert_eq!(err.report().platform(), Some(prodguard::Platform::Heroku));
    /// ```
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// Every finding: errors, then warnings, then allowed checks.
    ///
    /// ```
    /// let err = prodguard::validate_env([("DEBUG", "false")]).unwrap_err();
    /// assert!(err.findings().len() >= 2);
    /// ```
    pub fn findings(&self) -> &[Finding] {
        self.report.findings()
    }

    /// The findings that block start-up (at least one).
    ///
    /// ```
    /// let err = prodguard::validate_env([("DEBUG", "false")]).unwrap_err();
    /// assert!(err.errors().count() >= 1);
    /// ```
    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.report.errors()
    }
}

/// The text of a [`GuardError`].
struct Misconfiguration<'a>(&'a Report);

impl fmt::Display for Misconfiguration<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let report = self.0;
        f.write_str("🚨 PRODUCTION ENVIRONMENT MISCONFIGURATION DETECTED:")?;
        if report.platform.is_none() {
            // Production only by inference: most often a first local run.
            let [because, _, setting] = &report.switch;
            write!(
                f,
                "\n  ℹ️  No hosting platform detected: this counts as production because {because}. Developing locally? Set {setting} (or load a .env file that sets it)."
            )?;
        }
        for finding in report.findings() {
            write!(f, "\n  {finding}")?;
        }
        report.write_probe_notes(f)?;
        f.write_str("\n\n")?;
        report.write_context(f)?;
        f.write_str("\nHow to fix:")?;
        for finding in report.errors() {
            write!(
                f,
                "\n  - {} [{}]: {}",
                finding.variable(),
                finding.id(),
                finding.remediation()
            )?;
        }
        write!(
            f,
            "\n{}",
            match report.front_end {
                FrontEnd::Library => "Fix the variables above, then redeploy.",
                FrontEnd::Attribute =>
                    "The app did not start. Fix the variables above, then redeploy.",
                FrontEnd::Cli =>
                    "This deployment would be refused at start-up. Fix the variables above, then redeploy; `prodguard explain ID` describes each check.",
            }
        )
    }
}
