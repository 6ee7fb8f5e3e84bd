//! What an app adds to the default rules: required variables, allowed
//! checks, its own variable names, no database or no secret.

use std::borrow::Cow;
use std::ffi::{OsStr, OsString};
use std::sync::OnceLock;

use crate::checks::Check;
use crate::report::{GuardError, Report};
use crate::vars::{Role, Snapshot};

/// A variable whose name an app may choose.
///
/// Each has the default name of the incident's settings; [`Policy::rename`]
/// gives it another.
///
/// ```
/// use guard_core::Variable;
///
/// assert_eq!(Variable::SecretKey.default_name(), "SECRET_KEY");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Variable {
    /// `DEBUG`: `true` marks local development.
    Debug,
    /// `LOCAL_TEST`: `true` switches the app to SQLite for local tests.
    LocalTest,
    /// `DATABASE_URL`: where the database is.
    DatabaseUrl,
    /// `SECRET_KEY`: signs sessions and tokens.
    SecretKey,
    /// `ALLOWED_HOSTS`: the host names the app answers to.
    AllowedHosts,
    /// `SITE_URL`: the public URL of the app.
    SiteUrl,
}

impl Variable {
    /// Every variable, in the order the checks read them.
    ///
    /// ```
    /// assert_eq!(guard_core::Variable::ALL.len(), 6);
    /// ```
    pub const ALL: &'static [Variable] = &[
        Variable::Debug,
        Variable::LocalTest,
        Variable::DatabaseUrl,
        Variable::SecretKey,
        Variable::AllowedHosts,
        Variable::SiteUrl,
    ];

    /// The name this variable has unless a policy renames it.
    ///
    /// ```
    /// assert_eq!(guard_core::Variable::DatabaseUrl.default_name(), "DATABASE_URL");
    /// ```
    pub const fn default_name(self) -> &'static str {
        self.role().default_name()
    }

    const fn role(self) -> Role {
        match self {
            Variable::Debug => Role::Debug,
            Variable::LocalTest => Role::LocalTest,
            Variable::DatabaseUrl => Role::DatabaseUrl,
            Variable::SecretKey => Role::SecretKey,
            Variable::AllowedHosts => Role::AllowedHosts,
            Variable::SiteUrl => Role::SiteUrl,
        }
    }
}

/// What an app adds to guard's default rules.
///
/// The default policy checks `DEBUG`, `LOCAL_TEST`, `DATABASE_URL`,
/// `SECRET_KEY`, `ALLOWED_HOSTS` and `SITE_URL`. A policy can require more
/// variables, allow checks by id (an allowed finding stays in the report,
/// marked allowed), rename variables, or say the app has no database or no
/// secret at all.
///
/// ```
/// use guard_core::{Check, Policy, Variable};
///
/// let policy = Policy::new()
///     .require("REDIS_URL")
///     .allow(Check::DatabaseHostLocal)
///     .rename(Variable::SecretKey, "SESSION_SECRET");
///
/// let err = policy
///     .validate_env([("RAILWAY_PROJECT_ID", "p"), ("DATABASE_URL", "sqlite:app.db")])
///     .unwrap_err();
/// let text = err.to_string();
/// assert!(text.contains("SESSION_SECRET"));
/// assert!(text.contains("REDIS_URL"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Policy {
    names: [Cow<'static, str>; 6],
    /// [`renamed_bit`]`(role)` is set exactly where `names[role]` is not
    /// the role's default name, so the snapshot need not compare names to
    /// know. `rename`, the only writer of `names`, keeps the two in step,
    /// so the derived `PartialEq` still depends on `names` alone.
    renamed: u8,
    required: Vec<Cow<'static, str>>,
    allowed: Vec<Check>,
    database: bool,
    secret: bool,
}

impl Default for Policy {
    fn default() -> Self {
        Policy::new()
    }
}

impl Policy {
    /// The default policy: the default names, nothing required or allowed.
    ///
    /// ```
    /// let policy = guard_core::Policy::new();
    /// assert!(policy.validate_env([("DEBUG", "true")]).is_ok());
    /// ```
    pub const fn new() -> Policy {
        Policy {
            names: [
                Cow::Borrowed(Variable::Debug.default_name()),
                Cow::Borrowed(Variable::LocalTest.default_name()),
                Cow::Borrowed(Variable::DatabaseUrl.default_name()),
                Cow::Borrowed(Variable::SecretKey.default_name()),
                Cow::Borrowed(Variable::AllowedHosts.default_name()),
                Cow::Borrowed(Variable::SiteUrl.default_name()),
            ],
            renamed: 0,
            required: Vec::new(),
            allowed: Vec::new(),
            database: true,
            secret: true,
        }
    }

    /// Requires a variable of the app's own: unset (or not UTF-8) is the
    /// finding `required_variable_missing`.
    ///
    /// ```
    /// let err = guard_core::Policy::new()
    ///     .require("STRIPE_KEY")
    ///     .no_database()
    ///     .no_secret()
    ///     .validate_env([("DEBUG", "false")])
    ///     .unwrap_err();
    /// assert!(err.to_string().contains("STRIPE_KEY"));
    /// ```
    #[must_use]
    pub fn require(mut self, name: impl Into<Cow<'static, str>>) -> Policy {
        let name = name.into();
        if !self.required.contains(&name) {
            self.required.push(name);
        }
        self
    }

    /// Allows a check: its findings are still reported, marked allowed, and
    /// never block start-up.
    ///
    /// ```
    /// use guard_core::{Check, Policy, Severity};
    ///
    /// let env = [
    ///     ("RAILWAY_PROJECT_ID", "p"),
    ///     ("DATABASE_URL", "sqlite:////data/app.db"),
    ///     ("SECRET_KEY", "9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0"),
    /// ];
    /// let report = Policy::new().allow(Check::SqliteInProduction).validate_env(env).unwrap();
    /// assert_eq!(report.findings()[0].severity(), Severity::Allowed);
    /// ```
    #[must_use]
    pub fn allow(mut self, check: Check) -> Policy {
        if !self.allowed.contains(&check) {
            self.allowed.push(check);
        }
        self
    }

    /// Reads `variable` under another name, in checks and in every message.
    ///
    /// ```
    /// use guard_core::{Policy, Variable};
    ///
    /// let policy = Policy::new().rename(Variable::SecretKey, "SESSION_SECRET");
    /// assert_eq!(policy.name(Variable::SecretKey), "SESSION_SECRET");
    /// ```
    #[must_use]
    pub fn rename(mut self, variable: Variable, name: impl Into<Cow<'static, str>>) -> Policy {
        let role = variable.role();
        let name = name.into();
        let bit = renamed_bit(role);
        if name == role.default_name() {
            self.renamed &= !bit;
        } else {
            self.renamed |= bit;
        }
        self.names[role as usize] = name;
        self
    }

    /// Says the app has no database: no check reads `DATABASE_URL`.
    ///
    /// ```
    /// let policy = guard_core::Policy::new().no_database();
    /// assert!(!policy.has_database());
    /// ```
    #[must_use]
    pub fn no_database(mut self) -> Policy {
        self.database = false;
        self
    }

    /// Says the app signs nothing: no check reads `SECRET_KEY`.
    ///
    /// ```
    /// let policy = guard_core::Policy::new().no_secret();
    /// assert!(!policy.has_secret());
    /// ```
    #[must_use]
    pub fn no_secret(mut self) -> Policy {
        self.secret = false;
        self
    }

    /// The name the app uses for `variable`.
    ///
    /// ```
    /// use guard_core::{Policy, Variable};
    /// assert_eq!(Policy::new().name(Variable::Debug), "DEBUG");
    /// ```
    pub fn name(&self, variable: Variable) -> &str {
        self.name_of(variable.role())
    }

    /// The variables this policy requires, in the order they were added.
    ///
    /// ```
    /// let policy = guard_core::Policy::new().require("REDIS_URL");
    /// assert_eq!(policy.required().len(), 1);
    /// ```
    pub fn required(&self) -> &[Cow<'static, str>] {
        &self.required
    }

    /// The checks this policy allows.
    ///
    /// ```
    /// use guard_core::{Check, Policy};
    /// let policy = Policy::new().allow(Check::DatabaseTlsDisabled);
    /// assert!(policy.allows(Check::DatabaseTlsDisabled));
    /// assert!(!policy.allows(Check::SqliteInProduction));
    /// ```
    pub fn allows(&self, check: Check) -> bool {
        self.allowed.contains(&check)
    }

    /// Whether the app has a database (see [`Policy::no_database`]).
    ///
    /// ```
    /// assert!(guard_core::Policy::new().has_database());
    /// ```
    pub fn has_database(&self) -> bool {
        self.database
    }

    /// Whether the app has a secret (see [`Policy::no_secret`]).
    ///
    /// ```
    /// assert!(guard_core::Policy::new().has_secret());
    /// ```
    pub fn has_secret(&self) -> bool {
        self.secret
    }

    pub(crate) fn name_of(&self, role: Role) -> &str {
        &self.names[role as usize]
    }

    /// Whether the policy gives `role` a name other than its default.
    pub(crate) fn is_renamed(&self, role: Role) -> bool {
        self.renamed & renamed_bit(role) != 0
    }

    /// Whether the policy renames any variable.
    pub(crate) fn renames_any(&self) -> bool {
        self.renamed != 0
    }

    /// The name as a `Cow`: a default name is borrowed, never copied.
    pub(crate) fn name_cow(&self, role: Role) -> Cow<'static, str> {
        self.names[role as usize].clone()
    }

    /// Runs every check on injected variables; never reads the process
    /// environment.
    ///
    /// Any `IntoIterator` of pairs whose parts are `AsRef<OsStr>` will do:
    /// arrays of `&str`, `Vec<(String, String)>`, `std::env::vars_os()`.
    ///
    /// ```
    /// let env = [("DEBUG", "true"), ("DATABASE_URL", "sqlite:dev.db")];
    /// let report = guard_core::Policy::new().validate_env(env).unwrap();
    /// assert!(!report.is_production());
    /// ```
    pub fn validate_env<I, K, V>(&self, vars: I) -> Result<Report, GuardError>
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<OsStr>,
        V: AsRef<OsStr>,
    {
        let snapshot = Snapshot::from_pairs(self, vars);
        Report::assess(self, &snapshot).into_result()
    }

    /// Runs every check on the process environment.
    ///
    /// The environment is read once per process, by the first call of this
    /// or of [`validate`](crate::validate), and every later call checks the
    /// same variables.
    ///
    /// ```no_run
    /// let policy = guard_core::Policy::new().require("REDIS_URL");
    /// match policy.validate() {
    ///     Ok(report) => eprintln!("{report:#}"),
    ///     Err(err) => panic!("{err}"),
    /// }
    /// ```
    pub fn validate(&self) -> Result<Report, GuardError> {
        self.validate_env(process_environment().iter().map(|(k, v)| (k, v)))
    }
}

/// `role`'s bit in [`Policy`]'s `renamed`.
const fn renamed_bit(role: Role) -> u8 {
    const _: () = assert!(Role::ALL.len() <= 8, "one bit a role in a u8");
    1 << (role as u8)
}

/// The process environment, read once per process.
fn process_environment() -> &'static [(OsString, OsString)] {
    static ENVIRONMENT: OnceLock<Box<[(OsString, OsString)]>> = OnceLock::new();
    ENVIRONMENT.get_or_init(|| std::env::vars_os().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rename_back_to_the_default_name_is_no_rename() {
        let policy = Policy::new()
            .rename(Variable::Debug, "APP_DEBUG")
            .rename(Variable::SecretKey, "SESSION_SECRET");
        assert!(policy.is_renamed(Role::Debug) && policy.is_renamed(Role::SecretKey));
        assert!(!policy.is_renamed(Role::DatabaseUrl));
        let back = policy
            .rename(Variable::Debug, String::from("DEBUG"))
            .rename(Variable::SecretKey, "SECRET_KEY");
        assert!(!back.renames_any());
        assert_eq!(back, Policy::new());
    }
}
