//! What the rules look at, read once per run.

use std::borrow::Cow;

use url::Url;

use crate::catalog::Check;
use crate::database::{Backend, DatabaseUrl, DatabaseUrlError};
use crate::platform::{Detection, GENERIC_PLACE, Platform};
use crate::policy::{Fix, Policy};
use crate::profiles::{Form, Row};
use crate::snapshot::{Snapshot, Value};
use crate::variable::{PlatformVariable, Variable};

/// `DATABASE_URL` as the checks see it.
pub(crate) enum DatabaseState {
    /// The app's policy says it has no database.
    NotChecked,
    Unset,
    NotUtf8,
    Invalid(DatabaseUrlError),
    /// Not of the one form the framework reads (Spring: `jdbc:`).
    NotPrefixed(&'static str),
    /// An embedded database: the prefix it starts with (`jdbc:h2:`).
    Embedded(&'static str),
    Classified(DatabaseUrl),
    /// No URL, but the variables that name a server without one are set.
    Configured,
}

impl DatabaseState {
    pub(crate) fn read(policy: &Policy, snapshot: &Snapshot) -> DatabaseState {
        if !policy.has_database() {
            return DatabaseState::NotChecked;
        }
        let row = policy.profile().row();
        match snapshot.get(Variable::DatabaseUrl) {
            Value::Unset if row.configured(|v| !snapshot.get(v).is_unset()) => {
                DatabaseState::Configured
            }
            Value::Unset => DatabaseState::Unset,
            Value::NotUtf8 => DatabaseState::NotUtf8,
            Value::Set(raw) => match row.form(raw) {
                Form::NotPrefixed(what) => DatabaseState::NotPrefixed(what),
                Form::Embedded(prefix) => DatabaseState::Embedded(prefix),
                Form::Classify => match DatabaseUrl::classify(raw) {
                    Ok(url) => DatabaseState::Classified(url),
                    Err(error) => DatabaseState::Invalid(error),
                },
            },
        }
    }

    pub(crate) fn classified(&self) -> Option<&DatabaseUrl> {
        match self {
            DatabaseState::Classified(url) => Some(url),
            _ => None,
        }
    }
}

/// `SITE_URL` as the checks read it.
pub(crate) enum SiteUrl {
    Parsed(Url),
    /// Why it cannot be parsed; never its text.
    Invalid(&'static str),
}

impl SiteUrl {
    pub(crate) fn read(value: Value<'_>) -> Option<SiteUrl> {
        match value {
            Value::Unset => None,
            Value::NotUtf8 => Some(SiteUrl::Invalid("is not valid UTF-8")),
            Value::Set(raw) => Some(match Url::parse(raw) {
                Ok(url) => SiteUrl::Parsed(url),
                Err(_) => SiteUrl::Invalid("cannot be parsed as a URL"),
            }),
        }
    }

    /// The host as Django reads it from a request: lowercased, an IPv6
    /// address in brackets, one trailing dot removed.
    pub(crate) fn host(&self) -> Option<&str> {
        match self {
            SiteUrl::Parsed(url) => {
                url.host_str().map(|host| host.strip_suffix('.').unwrap_or(host))
            }
            SiteUrl::Invalid(_) => None,
        }
    }
}

/// Everything a check may look at, read once per run.
pub(crate) struct Context<'a> {
    pub(crate) policy: &'a Policy,
    pub(crate) snapshot: &'a Snapshot<'a>,
    pub(crate) detection: Option<&'a Detection>,
    pub(crate) production: bool,
    pub(crate) database: &'a DatabaseState,
    pub(crate) site_url: Option<SiteUrl>,
    /// What the live probe found, when the policy asked for one.
    #[cfg(feature = "probe")]
    pub(crate) probe: Option<&'a crate::probe::ProbeReport>,
}

impl<'a> Context<'a> {
    pub(crate) fn platform(&self) -> Option<Platform> {
        self.detection.map(|d| d.platform)
    }

    /// The framework profile's data.
    pub(crate) fn row(&self) -> &'static Row {
        self.policy.profile().row()
    }

    /// The name the app uses for `variable`: the one it is set under, else
    /// the first.
    pub(crate) fn name(&self, variable: Variable) -> &'a str {
        let (slot, _) = self.snapshot.get_named(variable);
        self.policy.names(variable).nth(slot).unwrap_or(variable.default_name())
    }

    /// The start-up line: the database the app uses, or why none.
    pub(crate) fn startup_line(&self) -> String {
        let local = |what: &str, var: &str, check: Check| match self.production {
            true => format!("⚠️  Using {what} database from {var} ({check} allowed)"),
            false => format!("⚠️  Using {what} for LOCAL TESTING ONLY"),
        };
        if let Some(variable) = self.sqlite_signal() {
            return local("SQLite", self.name(variable), Check::SqliteInProduction);
        }
        let var = self.name(Variable::DatabaseUrl);
        match self.database {
            DatabaseState::NotChecked => {
                "✅ No database (the app's policy says it has none)".to_owned()
            }
            DatabaseState::Embedded(_) => {
                local("an embedded", var, Check::EmbeddedDatabaseInProduction)
            }
            DatabaseState::Configured => {
                format!("✅ Using the database server in {}", self.name(Variable::DatabaseHost))
            }
            DatabaseState::Classified(url) => match url.backend() {
                Backend::Sqlite => local("SQLite", var, Check::SqliteInProduction),
                Backend::Unknown => match self.row().adapter_database(url) {
                    Some(database) => format!("✅ Using {database} from {var}"),
                    None => format!("⚠️  Using an unknown database from {var}"),
                },
                backend => format!("✅ Using {} database from {var}", backend.name()),
            },
            _ if self.production => format!("⚠️  No usable {var}"),
            _ => format!("⚠️  No usable {var}: development mode, production checks skipped"),
        }
    }

    /// The variable that selects SQLite without a URL (`DB_CONNECTION=sqlite`,
    /// `DATABASE_PATH`), when one does.
    pub(crate) fn sqlite_signal(&self) -> Option<Variable> {
        if !self.policy.has_database() || self.url_picks_driver() {
            return None;
        }
        self.row().sqlite_signal(|variable| self.value(variable).as_str())
    }

    /// Whether the database URL decides the driver over the variables that
    /// select SQLite: under Laravel, a URL with a scheme (not `jdbc:`, which
    /// Laravel refuses) set under the profile's first name, `DB_URL`.
    fn url_picks_driver(&self) -> bool {
        let (slot, raw) = self.snapshot.get_named(Variable::DatabaseUrl);
        // A JDBC URL's scheme is its subprotocol; Laravel reads `jdbc`.
        let jdbc = raw
            .as_str()
            .is_some_and(|raw| raw.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("jdbc:")));
        self.row().url_picks_driver
            && slot == 0
            && !jdbc
            && self.database.classified().is_some_and(|url| url.scheme().is_some())
    }

    pub(crate) fn value(&self, variable: Variable) -> Value<'a> {
        self.snapshot.get(variable)
    }

    pub(crate) fn platform_value(&self, variable: PlatformVariable) -> Option<&'a str> {
        self.snapshot.platform(variable).as_str()
    }

    /// Where to set `variable` on the detected platform.
    pub(crate) fn place(&self, variable: &str) -> String {
        self.platform().map_or_else(|| GENERIC_PLACE.to_owned(), |p| p.where_to_set(variable))
    }

    /// A policy change, worded for the front end in use.
    pub(crate) fn fix(&self, fix: Fix) -> String {
        fix.words(self.policy.front_end())
    }

    pub(crate) fn on_railway(&self) -> bool {
        self.platform() == Some(Platform::Railway)
    }

    /// A finding's variable, message and remediation.
    pub(crate) fn hit(&self, variable: Variable, message: String, remediation: String) -> Hit {
        Hit {
            variable: Cow::Owned(self.name(variable).to_owned()),
            message,
            remediation,
            at_most_warning: false,
        }
    }
}

/// What a rule reports: the catalog adds the check and its severity.
pub(crate) struct Hit {
    pub(crate) variable: Cow<'static, str>,
    pub(crate) message: String,
    pub(crate) remediation: String,
    /// A warning even where the check is an error: one failing host of
    /// several while another answers.
    pub(crate) at_most_warning: bool,
}
