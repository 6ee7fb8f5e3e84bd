//! What an app adds to the default rules: required variables, allowed
//! checks, its own variable names, no database or no secret.

use std::borrow::Cow;
#[cfg(feature = "probe")]
use std::sync::Arc;
#[cfg(feature = "probe")]
use std::time::Duration;

use crate::catalog::Check;
use crate::profiles::Profile;
use crate::variable::{PlatformVariable, Variable, VariableNameError, is_valid_name};

/// Who reads guard's advice: a remediation names the way to change the
/// policy in that front end (`Policy::no_database()`, `no_database` in the
/// attribute, `--no-database` on the command line).
///
/// ```
/// use prodguard::{FrontEnd, Policy};
///
/// let err = Policy::new().worded_for(FrontEnd::Cli).validate_env([("DYNO", "web.1")]).unwrap_err();
/// assert!(err.to_string().contains("--no-database"));
/// assert!(!err.to_string().contains("Policy::"));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FrontEnd {
    /// Rust code calling the library (the default).
    #[default]
    Library,
    /// `#[production_safe]` on `main`.
    Attribute,
    /// The `prodguard` command.
    Cli,
}

/// A change to the app's policy that a remediation suggests, worded for
/// the front end in use.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Fix {
    NoDatabase,
    NoSecret,
    Allow(Check),
}

impl Fix {
    pub(crate) fn words(self, front_end: FrontEnd) -> String {
        match (front_end, self) {
            (FrontEnd::Library, Fix::NoDatabase) => "Policy::no_database()".to_owned(),
            (FrontEnd::Library, Fix::NoSecret) => "Policy::no_secret()".to_owned(),
            (FrontEnd::Library, Fix::Allow(check)) => format!("Policy::allow(Check::{check:?})"),
            (FrontEnd::Attribute, Fix::NoDatabase) => "#[production_safe(no_database)]".to_owned(),
            (FrontEnd::Attribute, Fix::NoSecret) => "#[production_safe(no_secret)]".to_owned(),
            (FrontEnd::Attribute, Fix::Allow(check)) => {
                format!("#[production_safe(allow({check}))]")
            }
            (FrontEnd::Cli, Fix::NoDatabase) => "`prodguard check --no-database`".to_owned(),
            (FrontEnd::Cli, Fix::NoSecret) => "`prodguard check --no-secret`".to_owned(),
            (FrontEnd::Cli, Fix::Allow(check)) => format!("`prodguard check --allow {check}`"),
        }
    }
}

/// What an app adds to guard's default rules.
///
/// The default policy checks `DEBUG`, `LOCAL_TEST`, `DATABASE_URL`,
/// `SECRET_KEY`, `ALLOWED_HOSTS` and `SITE_URL` (the `django`
/// [`Profile`]; [`Policy::for_profile`] picks another). A policy can require more
/// variables, allow checks by id (an allowed finding stays in the report,
/// marked allowed), rename variables, or say the app has no database or no
/// secret at all.
///
/// ```
/// use prodguard::{Check, Policy, Variable};
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
#[must_use = "a policy checks nothing until it is validated"]
pub struct Policy {
    profile: Profile,
    /// The app's own name for a [`Variable`], at its index: it replaces
    /// the profile's names.
    renamed: [Option<Cow<'static, str>>; Variable::ALL.len()],
    required: Vec<Cow<'static, str>>,
    allowed: Vec<Check>,
    database: bool,
    secret: bool,
    cookie_key: bool,
    front_end: FrontEnd,
    /// The probe's time bound; `None`: never connect.
    #[cfg(feature = "probe")]
    probe: Option<Duration>,
    /// `None`: the system's resolver.
    #[cfg(feature = "probe")]
    resolver: Option<Arc<dyn Resolve>>,
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
    /// let policy = prodguard::Policy::new();
    /// assert!(policy.validate_env([("DEBUG", "true")]).is_ok());
    /// ```
    pub const fn new() -> Policy {
        Policy::for_profile(Profile::Django)
    }

    /// The default policy of a framework: its names and rules.
    ///
    /// ```
    /// use prodguard::{Policy, Profile};
    ///
    /// let policy = Policy::for_profile(Profile::Rails);
    /// assert!(policy.validate_env([("RAILS_ENV", "development")]).is_ok());
    /// let err = policy.validate_env([("RAILS_ENV", "production")]).unwrap_err();
    /// assert!(err.to_string().contains("SECRET_KEY_BASE is not set"));
    /// ```
    pub const fn for_profile(profile: Profile) -> Policy {
        Policy {
            profile,
            renamed: [const { None }; Variable::ALL.len()],
            required: Vec::new(),
            allowed: Vec::new(),
            database: true,
            secret: true,
            cookie_key: false,
            front_end: FrontEnd::Library,
            #[cfg(feature = "probe")]
            probe: None,
            #[cfg(feature = "probe")]
            resolver: None,
        }
    }

    /// Requires a variable of the app's own: unset (or not UTF-8) is the
    /// finding `required_variable_missing`.
    ///
    /// # Panics
    ///
    /// When `name` is empty or holds a character other than an ASCII
    /// letter, a digit, `_`, `.` or `-`;
    /// [`try_require`](Policy::try_require) returns that as an error.
    ///
    /// ```
    /// let err = prodguard::Policy::new()
    ///     .require("STRIPE_KEY")
    ///     .no_database()
    ///     .no_secret()
    ///     .validate_env([("DEBUG", "false")])
    ///     .unwrap_err();
    /// assert!(err.to_string().contains("STRIPE_KEY"));
    /// ```
    #[track_caller]
    pub fn require(self, name: impl Into<Cow<'static, str>>) -> Policy {
        self.try_require(name).unwrap_or_else(|err| panic!("{err}"))
    }

    /// [`require`](Policy::require), with an invalid name as an error.
    ///
    /// ```
    /// use prodguard::Policy;
    /// assert!(Policy::new().try_require("REDIS_URL").is_ok());
    /// assert!(Policy::new().try_require("").is_err());
    /// ```
    pub fn try_require(
        mut self,
        name: impl Into<Cow<'static, str>>,
    ) -> Result<Policy, VariableNameError> {
        let name = name.into();
        if !is_valid_name(&name) {
            return Err(VariableNameError::Invalid);
        }
        if !self.required.contains(&name) {
            self.required.push(name);
        }
        Ok(self)
    }

    /// Allows a check: its findings are still reported, marked allowed, and
    /// never block start-up.
    ///
    /// ```
    /// use prodguard::{Check, Policy, Severity};
    ///
    /// let env = [
    ///     ("RAILWAY_PROJECT_ID", "p"),
    ///     ("DATABASE_URL", "sqlite:////data/app.db"),
    ///     ("SECRET_KEY", "3f9a1c7e5b2d8046a1e9c3b7d5f2084a6c1e9b3d7f5a2c8e4b0d6f1a3c9e7b52"),
    /// ];
    /// let report = Policy::new().allow(Check::SqliteInProduction).validate_env(env).unwrap();
    /// assert_eq!(report.findings()[0].severity(), Severity::Allowed);
    /// ```
    pub fn allow(mut self, check: Check) -> Policy {
        if !self.allowed.contains(&check) {
            self.allowed.push(check);
        }
        self
    }

    /// Reads `variable` under another name, in checks and in every message;
    /// the name replaces all of the profile's names for it.
    ///
    /// # Panics
    ///
    /// When the name is invalid (empty, or not of `[A-Za-z0-9_.-]`), already
    /// names another of guard's variables, or is a variable hosting
    /// platforms set: one variable never plays two roles, so a secret can
    /// never be read, and printed, as a boolean or an environment name.
    /// [`try_rename`](Policy::try_rename) returns these as errors.
    ///
    /// ```
    /// use prodguard::{Policy, Variable};
    ///
    /// let policy = Policy::new().rename(Variable::SecretKey, "SESSION_SECRET");
    /// assert_eq!(policy.name(Variable::SecretKey), Some("SESSION_SECRET"));
    /// ```
    #[track_caller]
    pub fn rename(self, variable: Variable, name: impl Into<Cow<'static, str>>) -> Policy {
        self.try_rename(variable, name).unwrap_or_else(|err| panic!("{err}"))
    }

    /// [`rename`](Policy::rename), with a refused name as an error.
    ///
    /// ```
    /// use prodguard::{Policy, Variable, VariableNameError};
    ///
    /// let err = Policy::new().try_rename(Variable::SecretKey, "DEBUG").unwrap_err();
    /// assert!(matches!(err, VariableNameError::TakenByVariable { other: "DEBUG", .. }));
    /// let err = Policy::new()
    ///     .try_rename(Variable::SecretKey, "RAILWAY_ENVIRONMENT_NAME")
    ///     .unwrap_err();
    /// assert!(matches!(err, VariableNameError::TakenByPlatform { .. }));
    /// ```
    pub fn try_rename(
        mut self,
        variable: Variable,
        name: impl Into<Cow<'static, str>>,
    ) -> Result<Policy, VariableNameError> {
        let name = name.into();
        if !is_valid_name(&name) {
            return Err(VariableNameError::Invalid);
        }
        if let Some((_, platform)) = PlatformVariable::ALL.iter().find(|(_, n)| *n == name) {
            return Err(VariableNameError::TakenByPlatform { name: platform });
        }
        if let Some(&other) = Variable::ALL
            .iter()
            .find(|&&other| other != variable && self.names(other).any(|n| n == name))
        {
            let role = self.profile.names(other).first().copied();
            return Err(VariableNameError::TakenByVariable {
                name: name.into_owned(),
                other: role.unwrap_or(other.default_name()),
            });
        }
        self.renamed[variable.index()] = Some(name);
        Ok(self)
    }

    /// Says the app has no database: no check reads `DATABASE_URL`.
    ///
    /// ```
    /// let policy = prodguard::Policy::new().no_database();
    /// assert!(!policy.has_database());
    /// ```
    pub fn no_database(mut self) -> Policy {
        self.database = false;
        self
    }

    /// Says the app signs nothing: no check reads `SECRET_KEY`.
    ///
    /// ```
    /// let policy = prodguard::Policy::new().no_secret();
    /// assert!(!policy.has_secret());
    /// ```
    pub fn no_secret(mut self) -> Policy {
        self.secret = false;
        self
    }

    /// Says the app signs cookies with Rust's `cookie::Key`: the secret must
    /// be at least 64 bytes, whatever the profile's own rule.
    ///
    /// ```
    /// let policy = prodguard::Policy::new().cookie_key();
    /// let key = "3f9a1c7e5b2d8046a1e9c3b7d5f2084a6c1e9b3d7f5a2c8e4b0d6f1a3c9e7";
    /// let err = policy.validate_env([("DYNO", "1"), ("SECRET_KEY", key)]).unwrap_err();
    /// assert!(err.to_string().contains("cookie::Key"));
    /// ```
    pub fn cookie_key(mut self) -> Policy {
        self.cookie_key = true;
        self
    }

    /// Words remediation for `front_end` (the library's by default).
    ///
    /// ```
    /// use prodguard::{FrontEnd, Policy};
    /// assert_eq!(Policy::new().worded_for(FrontEnd::Cli).front_end(), FrontEnd::Cli);
    /// ```
    pub fn worded_for(mut self, front_end: FrontEnd) -> Policy {
        self.front_end = front_end;
        self
    }

    /// The front end remediation is worded for.
    ///
    /// ```
    /// assert_eq!(prodguard::Policy::new().front_end(), prodguard::FrontEnd::Library);
    /// ```
    pub fn front_end(&self) -> FrontEnd {
        self.front_end
    }

    /// The framework profile whose names and rules apply.
    ///
    /// ```
    /// assert_eq!(prodguard::Policy::new().profile(), prodguard::Profile::Django);
    /// ```
    pub fn profile(&self) -> Profile {
        self.profile
    }

    /// The name the app uses for `variable` (the first of its profile's
    /// names), or `None` when the profile does not read it.
    ///
    /// ```
    /// use prodguard::{Policy, Profile, Variable};
    /// assert_eq!(Policy::new().name(Variable::Debug), Some("DEBUG"));
    /// assert_eq!(Policy::for_profile(Profile::Rails).name(Variable::Debug), None);
    /// ```
    pub fn name(&self, variable: Variable) -> Option<&str> {
        self.names(variable).next()
    }

    /// Every name `variable` is read under, the first set one winning.
    pub(crate) fn names(&self, variable: Variable) -> impl Iterator<Item = &str> {
        let renamed = self.renamed[variable.index()].as_deref();
        let profile = if renamed.is_some() { &[][..] } else { self.profile.names(variable) };
        renamed.into_iter().chain(profile.iter().copied())
    }

    /// The variables this policy requires, in the order they were added.
    ///
    /// ```
    /// let policy = prodguard::Policy::new().require("REDIS_URL");
    /// assert_eq!(policy.required().len(), 1);
    /// ```
    pub fn required(&self) -> &[Cow<'static, str>] {
        &self.required
    }

    /// Whether the policy allows `check`.
    ///
    /// ```
    /// use prodguard::{Check, Policy};
    /// assert!(Policy::new().allow(Check::DatabaseHostLocal).allows(Check::DatabaseHostLocal));
    /// ```
    pub fn allows(&self, check: Check) -> bool {
        self.allowed.contains(&check)
    }

    /// Whether the app has a database (the default).
    ///
    /// ```
    /// assert!(prodguard::Policy::new().has_database());
    /// ```
    pub fn has_database(&self) -> bool {
        self.database
    }

    /// Whether the app signs with a secret (the default).
    ///
    /// ```
    /// assert!(prodguard::Policy::new().has_secret());
    /// ```
    pub fn has_secret(&self) -> bool {
        self.secret
    }

    /// Probes the database before reporting: resolves each host of
    /// `DATABASE_URL`, connects, and makes the protocol's first exchange
    /// without authenticating (PostgreSQL's SSLRequest, MySQL's greeting),
    /// the whole probe bounded by `timeout`. Without this call guard opens
    /// no connection.
    ///
    /// Its findings (`database_unreachable`, `database_protocol_mismatch`,
    /// `database_tls_unavailable`, `database_tls_not_offered`) join the
    /// report like any other: errors block, allowed checks stay listed.
    ///
    /// ```no_run
    /// use std::time::Duration;
    ///
    /// let report = prodguard::Policy::new().probe(Duration::from_secs(2)).validate();
    /// ```
    #[cfg(feature = "probe")]
    pub fn probe(mut self, timeout: Duration) -> Policy {
        self.probe = Some(timeout);
        self
    }

    /// Resolves the database's host names through `resolver` instead of
    /// the system's (tests, or an app with its own DNS). Addresses written
    /// as IP literals are never passed to it. Used only with
    /// [`probe`](Policy::probe).
    ///
    /// ```
    /// use std::net::SocketAddr;
    /// use std::time::Duration;
    ///
    /// // Every name is this machine: nothing leaves loopback.
    /// let policy = prodguard::Policy::new()
    ///     .probe(Duration::from_millis(300))
    ///     .probe_resolver(|_host: &str, port: u16| Ok(vec![SocketAddr::from(([127, 0, 0, 1], port))]));
    /// assert_eq!(policy.probe_timeout(), Some(Duration::from_millis(300)));
    /// ```
    #[cfg(feature = "probe")]
    pub fn probe_resolver(mut self, resolver: impl Resolve) -> Policy {
        self.resolver = Some(Arc::new(resolver));
        self
    }

    /// The probe's time bound, when the policy probes.
    ///
    /// ```
    /// use std::time::Duration;
    /// use prodguard::Policy;
    ///
    /// assert_eq!(Policy::new().probe_timeout(), None);
    /// assert_eq!(Policy::new().probe(Duration::from_secs(5)).probe_timeout(), Some(Duration::from_secs(5)));
    /// ```
    #[cfg(feature = "probe")]
    pub fn probe_timeout(&self) -> Option<Duration> {
        self.probe
    }

    /// The app's resolver; `None`: the system's.
    #[cfg(feature = "probe")]
    pub(crate) fn resolver(&self) -> Option<&Arc<dyn Resolve>> {
        self.resolver.as_ref()
    }

    /// Whether the secret must fit Rust's `cookie::Key` (64 bytes).
    ///
    /// ```
    /// assert!(prodguard::Policy::new().cookie_key().has_cookie_key());
    /// ```
    pub fn has_cookie_key(&self) -> bool {
        self.cookie_key
    }
}

/// Turns a database host name into addresses for the probe
/// ([`Policy::probe_resolver`]); any `Fn(&str, u16) -> io::Result<Vec<SocketAddr>>`
/// is one. The probe calls it on a thread of its own and stops waiting at
/// its time bound, so a slow resolver cannot hold start-up.
///
/// ```
/// use std::net::SocketAddr;
/// use prodguard::Resolve;
///
/// let loopback = |_host: &str, port: u16| Ok(vec![SocketAddr::from(([127, 0, 0, 1], port))]);
/// assert_eq!(loopback.resolve("db.example.com", 5432).unwrap()[0].port(), 5432);
/// ```
#[cfg(feature = "probe")]
pub trait Resolve: Send + Sync + 'static {
    /// The addresses of `host` (a name, never an IP literal) at `port`.
    fn resolve(&self, host: &str, port: u16) -> std::io::Result<Vec<std::net::SocketAddr>>;
}

#[cfg(feature = "probe")]
impl<F> Resolve for F
where
    F: Fn(&str, u16) -> std::io::Result<Vec<std::net::SocketAddr>> + Send + Sync + 'static,
{
    fn resolve(&self, host: &str, port: u16) -> std::io::Result<Vec<std::net::SocketAddr>> {
        self(host, port)
    }
}

/// An app's resolver shows as no more than that.
#[cfg(feature = "probe")]
impl std::fmt::Debug for dyn Resolve {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the app's resolver")
    }
}

/// Two resolvers are equal when they are the same one.
#[cfg(feature = "probe")]
impl PartialEq for dyn Resolve {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::addr_eq(self, other)
    }
}

#[cfg(feature = "probe")]
impl Eq for dyn Resolve {}

#[cfg(test)]
mod tests {
    use super::*;

    /// The variable `policy` reads under `name`, and the place of the name
    /// among the variable's names.
    fn variable_named(policy: &Policy, name: &str) -> Option<(Variable, usize)> {
        Variable::ALL
            .iter()
            .find_map(|&v| policy.names(v).position(|n| n == name).map(|slot| (v, slot)))
    }

    #[test]
    fn a_name_plays_one_role() {
        let policy = Policy::new().rename(Variable::Debug, "APP_DEBUG");
        // DEBUG is free again once Debug has another name.
        let policy = policy.rename(Variable::LocalTest, "DEBUG");
        assert_eq!(variable_named(&policy, "DEBUG"), Some((Variable::LocalTest, 0)));
        assert_eq!(variable_named(&policy, "LOCAL_TEST"), None);
        assert!(policy.clone().try_rename(Variable::SecretKey, "APP_DEBUG").is_err());
        // Renaming a variable to its own name is no collision.
        assert!(policy.clone().try_rename(Variable::Debug, "APP_DEBUG").is_ok());
        // A required variable may share a role's name.
        assert!(policy.try_require("DEBUG").is_ok());
    }

    #[test]
    fn profiles_read_their_own_names_and_fallbacks_collide_too() {
        let laravel = Policy::for_profile(Profile::Laravel);
        assert_eq!(variable_named(&laravel, "DATABASE_URL"), Some((Variable::DatabaseUrl, 1)));
        assert_eq!(variable_named(&laravel, "SECRET_KEY"), None);
        let err = laravel.clone().try_rename(Variable::SecretKey, "DATABASE_URL").unwrap_err();
        assert!(matches!(err, VariableNameError::TakenByVariable { other: "DB_URL", .. }));
        // A rename replaces the whole list: DATABASE_URL is free again.
        let renamed = laravel.rename(Variable::DatabaseUrl, "PG_URL");
        assert_eq!(renamed.names(Variable::DatabaseUrl).collect::<Vec<_>>(), ["PG_URL"]);
        assert!(renamed.try_rename(Variable::SecretKey, "DATABASE_URL").is_ok());
        let spring = Policy::for_profile(Profile::Spring).rename(Variable::SecretKey, "APP_SECRET");
        assert_eq!(spring.name(Variable::SecretKey), Some("APP_SECRET"));
    }

    #[test]
    fn refused_names() {
        for bad in ["", " X", "A=B", "A\0B", "A B"] {
            assert_eq!(
                Policy::new().try_rename(Variable::SecretKey, bad),
                Err(VariableNameError::Invalid),
                "{bad:?}"
            );
            assert_eq!(Policy::new().try_require(bad), Err(VariableNameError::Invalid));
        }
        let err =
            Policy::new().try_rename(Variable::SecretKey, "RAILWAY_ENVIRONMENT_NAME").unwrap_err();
        assert_eq!(err, VariableNameError::TakenByPlatform { name: "RAILWAY_ENVIRONMENT_NAME" });
    }

    #[test]
    #[should_panic(expected = "already names")]
    fn rename_panics_on_two_roles() {
        let _ = Policy::new().rename(Variable::SecretKey, "DEBUG");
    }
}
