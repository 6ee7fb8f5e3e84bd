//! Framework profiles: each framework's names for guard's variables, its
//! environment switch, its secret rule and its ways into SQLite, as one row
//! of data. The checks read the active row; no check has a branch per
//! framework.

use std::fmt::{self, Write as _};
use std::str::FromStr;

use crate::database::DatabaseUrl;
use crate::variable::{PlatformVariable, Variable};

/// A framework whose own variables and rules guard applies.
///
/// Without a profile guard reads the `django` names (`DEBUG`, `LOCAL_TEST`,
/// `DATABASE_URL`, `SECRET_KEY`, `ALLOWED_HOSTS`, `SITE_URL`).
///
/// ```
/// use prodguard::{Policy, Profile};
///
/// let profile: Profile = "laravel".parse().unwrap();
/// let err = Policy::for_profile(profile)
///     .validate_env([("DYNO", "web.1"), ("APP_KEY", "base64:c2hvcnQ=")])
///     .unwrap_err();
/// assert!(err.findings().iter().any(|f| f.id() == "secret_key_weak" && f.variable() == "APP_KEY"));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Profile {
    /// Django: `DEBUG`, `SECRET_KEY`, `DATABASE_URL`, `ALLOWED_HOSTS` (the default).
    #[default]
    Django,
    /// Ruby on Rails: `RAILS_ENV` (or `RACK_ENV`), `SECRET_KEY_BASE`.
    Rails,
    /// Laravel: `APP_ENV`, `APP_DEBUG`, `APP_KEY`, `DB_CONNECTION`.
    Laravel,
    /// Phoenix: `MIX_ENV`, `SECRET_KEY_BASE` (64 bytes), `PHX_HOST`.
    Phoenix,
    /// Node.js (Express, Prisma): `NODE_ENV`, `SESSION_SECRET` if set.
    Node,
    /// Flask (SQLAlchemy): `FLASK_DEBUG`, `SECRET_KEY`.
    Flask,
    /// Spring Boot: `SPRING_PROFILES_ACTIVE`, `SPRING_DATASOURCE_URL`.
    Spring,
}

/// How a profile's secret is judged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SecretRule {
    /// Strong by guard's rule: Django's W009 and the shape rules.
    Strong,
    /// Strong, and at least this many bytes (Plug's cookie store: 64).
    StrongBytes(usize),
    /// Laravel's `parseKey`: `base64:` of exactly 16 or 32 bytes, or a raw
    /// key of exactly 16 or 32 bytes; and the shape rules.
    LaravelKey,
}

/// One profile's data.
pub(crate) struct Row {
    pub(crate) id: &'static str,
    pub(crate) framework: &'static str,
    /// The names each variable is read under, first set first; a variable
    /// missing here is one the framework does not read.
    names: &'static [(Variable, &'static [&'static str])],
    /// The environment switch's development values; empty: the profile has
    /// no switch, and a true debug flag means development.
    pub(crate) development: &'static [&'static str],
    /// The switch holds a comma-separated list (Spring's active profiles).
    switch_is_list: bool,
    /// What the switch says in production.
    pub(crate) production_value: &'static str,
    pub(crate) secret: SecretRule,
    /// An unset secret is an error (`SESSION_SECRET` is optional in Node).
    pub(crate) secret_required: bool,
    /// A command whose output passes the secret rule.
    pub(crate) generator: &'static str,
    /// Variables that select SQLite: when set to this value (`None`: any).
    pub(crate) sqlite_when: &'static [(Variable, Option<&'static str>)],
    /// Those variables select SQLite when unset too: Laravel 11's
    /// `DB_CONNECTION` defaults to `sqlite`.
    sqlite_by_default: bool,
    /// A database URL with a scheme, set under the first of the profile's
    /// names for it, picks the driver whatever `sqlite_when` says:
    /// Laravel's `ConfigurationUrlParser` takes it from the scheme of
    /// `DB_URL`, the one URL its connections read.
    pub(crate) url_picks_driver: bool,
    /// A scheme that names no database, only the app's configured one
    /// (Phoenix's `ecto://`: the Repo's adapter decides), and how to say
    /// which database that is.
    adapter_scheme: Option<(&'static str, &'static str)>,
    /// Variables that, all set, configure a database server without a URL.
    pub(crate) configured_by: &'static [Variable],
    /// The prefix every database URL has (any case), and what it is.
    pub(crate) url_prefix: Option<(&'static str, &'static str)>,
    /// Prefixes (any case) of embedded, in-process databases.
    pub(crate) embedded: &'static [&'static str],
    /// URL schemes the framework's usual driver refuses, the scheme to
    /// use instead, and why.
    pub(crate) unsupported_schemes: &'static [(&'static str, &'static str, &'static str)],
    /// A database URL as this framework writes it.
    pub(crate) url_example: &'static str,
    /// The same, as a Railway reference to a PostgreSQL service.
    pub(crate) railway_url: &'static str,
}

const GENERIC_URL: &str = "postgresql://user:password@host:5432/database";
const RAILWAY_URL: &str = "${{Postgres.DATABASE_URL}}";
pub(crate) const OPENSSL: &str =
    "`openssl rand -hex 32` (64 characters; `openssl rand -base64 32` gives only 44)";

use Variable as V;

// One row a profile: a table, kept as written.
#[rustfmt::skip]
const ROWS: [Row; 7] = [
    Row {
        id: "django", framework: "Django",
        names: &[(V::Debug, &["DEBUG"]), (V::LocalTest, &["LOCAL_TEST"]), (V::DatabaseUrl, &["DATABASE_URL"]),
            (V::SecretKey, &["SECRET_KEY"]), (V::AllowedHosts, &["ALLOWED_HOSTS"]), (V::SiteUrl, &["SITE_URL"])],
        development: &[], switch_is_list: false, production_value: "",
        secret: SecretRule::Strong, secret_required: true,
        generator: "`python -c 'import secrets; print(secrets.token_urlsafe(50))'` (67 characters)",
        sqlite_when: &[], configured_by: &[], url_prefix: None, embedded: &[], unsupported_schemes: &[],
        sqlite_by_default: false, url_picks_driver: false, adapter_scheme: None, url_example: GENERIC_URL, railway_url: RAILWAY_URL,
    },
    Row {
        id: "rails", framework: "Ruby on Rails",
        names: &[(V::Environment, &["RAILS_ENV", "RACK_ENV"]), (V::DatabaseUrl, &["DATABASE_URL"]),
            (V::SecretKey, &["SECRET_KEY_BASE"])],
        development: &["development", "test"], switch_is_list: false, production_value: "production",
        secret: SecretRule::Strong, secret_required: true, generator: "`bin/rails secret`",
        sqlite_when: &[], configured_by: &[], url_prefix: None, embedded: &[], unsupported_schemes: &[],
        sqlite_by_default: false, url_picks_driver: false, adapter_scheme: None, url_example: GENERIC_URL, railway_url: RAILWAY_URL,
    },
    Row {
        id: "laravel", framework: "Laravel",
        names: &[(V::Environment, &["APP_ENV"]), (V::Debug, &["APP_DEBUG"]), (V::SecretKey, &["APP_KEY"]),
            (V::SiteUrl, &["APP_URL"]), (V::DatabaseUrl, &["DB_URL", "DATABASE_URL"]),
            (V::DatabaseConnection, &["DB_CONNECTION"]), (V::DatabaseHost, &["DB_HOST"]),
            (V::DatabaseName, &["DB_DATABASE"])],
        development: &["local", "development", "testing"], switch_is_list: false, production_value: "production",
        secret: SecretRule::LaravelKey, secret_required: true, generator: "`php artisan key:generate --show`",
        sqlite_when: &[(V::DatabaseConnection, Some("sqlite"))], configured_by: &[V::DatabaseHost, V::DatabaseName],
        url_prefix: None, embedded: &[], unsupported_schemes: &[],
        sqlite_by_default: true, url_picks_driver: true, adapter_scheme: None, url_example: GENERIC_URL, railway_url: RAILWAY_URL,
    },
    Row {
        id: "phoenix", framework: "Phoenix",
        names: &[(V::Environment, &["MIX_ENV"]), (V::SecretKey, &["SECRET_KEY_BASE"]),
            (V::DatabaseUrl, &["DATABASE_URL"]), (V::DatabasePath, &["DATABASE_PATH"]),
            (V::AllowedHosts, &["PHX_HOST"])],
        development: &["dev", "test"], switch_is_list: false, production_value: "prod",
        secret: SecretRule::StrongBytes(64), secret_required: true, generator: "`mix phx.gen.secret` (64 characters)",
        sqlite_when: &[(V::DatabasePath, None)], configured_by: &[], url_prefix: None, embedded: &[],
        unsupported_schemes: &[], sqlite_by_default: false, url_picks_driver: false,
        adapter_scheme: Some(("ecto", "the Repo's database")), url_example: GENERIC_URL, railway_url: RAILWAY_URL,
    },
    Row {
        id: "node", framework: "Node.js",
        names: &[(V::Environment, &["NODE_ENV"]), (V::SecretKey, &["SESSION_SECRET"]),
            (V::DatabaseUrl, &["DATABASE_URL"])],
        development: &["development", "test"], switch_is_list: false, production_value: "production",
        secret: SecretRule::Strong, secret_required: false, generator: OPENSSL,
        sqlite_when: &[], configured_by: &[], url_prefix: None, embedded: &[], unsupported_schemes: &[],
        sqlite_by_default: false, url_picks_driver: false, adapter_scheme: None, url_example: GENERIC_URL, railway_url: RAILWAY_URL,
    },
    Row {
        id: "flask", framework: "Flask",
        names: &[(V::Debug, &["FLASK_DEBUG"]), (V::SecretKey, &["SECRET_KEY"]), (V::DatabaseUrl, &["DATABASE_URL"])],
        development: &[], switch_is_list: false, production_value: "",
        secret: SecretRule::Strong, secret_required: true, generator: OPENSSL,
        sqlite_when: &[], configured_by: &[], url_prefix: None, embedded: &[],
        unsupported_schemes: &[("postgres", "postgresql", "SQLAlchemy 1.4 and later refuse it (Heroku's default) with NoSuchModuleError")],
        sqlite_by_default: false, url_picks_driver: false, adapter_scheme: None, url_example: GENERIC_URL, railway_url: RAILWAY_URL,
    },
    Row {
        id: "spring", framework: "Spring Boot",
        names: &[(V::Environment, &["SPRING_PROFILES_ACTIVE"]), (V::DatabaseUrl, &["SPRING_DATASOURCE_URL"])],
        development: &["dev", "development", "local", "test"], switch_is_list: true, production_value: "prod",
        secret: SecretRule::Strong, secret_required: true, generator: OPENSSL,
        sqlite_when: &[], configured_by: &[],
        url_prefix: Some(("jdbc:", "a JDBC URL: Spring's DataSource reads only jdbc: URLs")),
        embedded: &["jdbc:h2:", "jdbc:hsqldb:", "jdbc:derby:"], unsupported_schemes: &[],
        sqlite_by_default: false, url_picks_driver: false, adapter_scheme: None, url_example: "jdbc:postgresql://host:5432/database",
        railway_url: "jdbc:postgresql://${{Postgres.PGHOST}}:${{Postgres.PGPORT}}/${{Postgres.PGDATABASE}} (and SPRING_DATASOURCE_USERNAME, SPRING_DATASOURCE_PASSWORD)",
    },
];

/// What a profile makes of a database URL before guard classifies it.
pub(crate) enum Form {
    Classify,
    /// Not of the one form the framework reads: what that form is.
    NotPrefixed(&'static str),
    /// An embedded database: the prefix it starts with.
    Embedded(&'static str),
}

impl Row {
    /// What the framework makes of the database URL `raw`.
    pub(crate) fn form(&self, raw: &str) -> Form {
        let starts =
            |prefix: &str| raw.get(..prefix.len()).is_some_and(|s| s.eq_ignore_ascii_case(prefix));
        match self.url_prefix {
            Some((prefix, what)) if !starts(prefix) => Form::NotPrefixed(what),
            _ => match self.embedded.iter().find(|prefix| starts(prefix)) {
                Some(prefix) => Form::Embedded(prefix),
                None => Form::Classify,
            },
        }
    }

    /// Whether the variables that configure a server without a URL are
    /// all set (`DB_HOST` and `DB_DATABASE`).
    pub(crate) fn configured(&self, is_set: impl Fn(Variable) -> bool) -> bool {
        !self.configured_by.is_empty() && self.configured_by.iter().all(|&v| is_set(v))
    }

    /// How to name the database of a URL whose scheme names only the app's
    /// configured one (`ecto://host/db` under Phoenix), when it names a
    /// host (Ecto refuses a URL without one) and a database name with no
    /// `/` (Ecto refuses a path) and no `.` (`ecto://h/app.db` is a file to
    /// ecto_sqlite3); `None` for any other.
    pub(crate) fn adapter_database(&self, url: &DatabaseUrl) -> Option<&'static str> {
        let (scheme, words) = self.adapter_scheme?;
        let server = !url.endpoints().is_empty()
            && url.database().is_some_and(|name| !name.contains(['/', '.']));
        (url.scheme() == Some(scheme) && server).then_some(words)
    }

    /// The variable that selects SQLite without a URL, given each
    /// variable's value.
    pub(crate) fn sqlite_signal<'v>(
        &self,
        value: impl Fn(Variable) -> Option<&'v str>,
    ) -> Option<Variable> {
        let selects = |&&(variable, wanted): &&(Variable, Option<&str>)| match value(variable) {
            Some(set) => wanted.is_none_or(|w| set.eq_ignore_ascii_case(w)),
            None => self.sqlite_by_default,
        };
        self.sqlite_when.iter().find(selects).map(|&(variable, _)| variable)
    }
}

impl Profile {
    /// Every profile, `django` first.
    ///
    /// ```
    /// assert_eq!(prodguard::Profile::ALL.len(), 7);
    /// ```
    pub const ALL: &'static [Profile] = &[
        Profile::Django,
        Profile::Rails,
        Profile::Laravel,
        Profile::Phoenix,
        Profile::Node,
        Profile::Flask,
        Profile::Spring,
    ];

    pub(crate) const fn row(self) -> &'static Row {
        &ROWS[self as usize]
    }

    /// The profile's stable id: `django`, `rails`, `laravel`, `phoenix`,
    /// `node`, `flask`, `spring`.
    ///
    /// ```
    /// assert_eq!(prodguard::Profile::Phoenix.id(), "phoenix");
    /// ```
    pub const fn id(self) -> &'static str {
        self.row().id
    }

    /// The names the framework reads `variable` under, the first set one
    /// winning; empty when it does not read it.
    ///
    /// ```
    /// use prodguard::{Profile, Variable};
    /// assert_eq!(Profile::Rails.names(Variable::Environment), ["RAILS_ENV", "RACK_ENV"]);
    /// assert!(Profile::Spring.names(Variable::SecretKey).is_empty());
    /// ```
    pub const fn names(self, variable: Variable) -> &'static [&'static str] {
        let names = self.row().names;
        let mut i = 0;
        while i < names.len() {
            if names[i].0 as usize == variable as usize {
                return names[i].1;
            }
            i += 1;
        }
        &[]
    }

    /// The variable the framework reads under `name`, if any; a variable
    /// it does not read goes by its [default name](Variable::default_name),
    /// so that a rename can give it one.
    ///
    /// ```
    /// use prodguard::{Profile, Variable};
    /// assert_eq!(Profile::Laravel.variable_named("APP_KEY"), Some(Variable::SecretKey));
    /// assert_eq!(Profile::Laravel.variable_named("SECRET_KEY"), None);
    /// assert_eq!(Profile::Spring.variable_named("SECRET_KEY"), Some(Variable::SecretKey));
    /// ```
    pub fn variable_named(self, name: &str) -> Option<Variable> {
        Variable::ALL.iter().copied().find(|&v| match self.names(v) {
            [] => v.default_name() == name,
            names => names.contains(&name),
        })
    }

    /// What the profile checks, for `prodguard explain --profile NAME`: its
    /// variables, environment switch, secret rule and database rules.
    ///
    /// ```
    /// let text = prodguard::Profile::Laravel.describe();
    /// assert!(text.contains("APP_KEY"));
    /// assert!(text.contains("php artisan key:generate --show"));
    /// ```
    pub fn describe(self) -> String {
        let row = self.row();
        let names = |v: Variable| self.names(v).join(", else ");
        let mut text = format!("{} — {}\n\nVariables:\n", row.id, row.framework);
        for &(variable, _) in row.names {
            let _ = writeln!(text, "  {:<28} {}", names(variable), role(variable));
        }
        let production = if row.development.is_empty() {
            format!("{} is not true", names(V::Debug))
        } else {
            let list =
                if row.switch_is_list { " (a list: development if any item is)" } else { "" };
            format!(
                "{} is none of {}{list}; unset counts as production",
                names(V::Environment),
                row.development.join(", ")
            )
        };
        let _ = writeln!(
            text,
            "\nProduction: a hosting platform is detected, or {production}. In production a true debug flag, \
or on a platform a development value of the switch, is debug_in_production."
        );
        let secret = names(V::SecretKey);
        let _ = match (secret.is_empty(), row.secret_required) {
            (true, _) => {
                writeln!(text, "\nSecret: none (name one with a rename to have it checked).")
            }
            (false, required) => writeln!(
                text,
                "\nSecret: {secret} {}; it must be {}. Generate one with {}.",
                if required { "must be set" } else { "is optional" },
                rule_text(row.secret),
                row.generator
            ),
        };
        let _ = write!(
            text,
            "\nDatabase: {}, read as guard reads every connection string; SQLite in any form is sqlite_in_production",
            names(V::DatabaseUrl)
        );
        for &(variable, value) in row.sqlite_when {
            let _ = match (value, row.sqlite_by_default) {
                (Some(value), true) => {
                    write!(text, "; so is {}={value}, or unset (its default)", names(variable))
                }
                (Some(value), false) => write!(text, "; so is {}={value}", names(variable)),
                (None, _) => write!(text, "; so is any {}", names(variable)),
            };
        }
        if !row.configured_by.is_empty() {
            let all: Vec<_> = row.configured_by.iter().map(|&v| names(v)).collect();
            let _ =
                write!(text, "; without a URL, {} all set configure a server", all.join(" and "));
        }
        if let Some((prefix, what)) = row.url_prefix {
            let _ = write!(text, "; it must start with {prefix} ({what})");
        }
        if !row.embedded.is_empty() {
            let _ =
                write!(text, "; {} are embedded_database_in_production", row.embedded.join(", "));
        }
        for (scheme, _, why) in row.unsupported_schemes {
            let _ = write!(text, "; {scheme}:// is database_scheme_unsupported ({why})");
        }
        text.push('.');
        text
    }

    /// Whether the switch (or, without one, the debug flag) says
    /// development. Unset counts as production.
    pub(crate) fn is_development(self, switch: Option<&str>, debug_true: bool) -> bool {
        let row = self.row();
        if row.development.is_empty() {
            return debug_true;
        }
        let development = |value: &str| row.development.contains(&value.trim());
        match switch {
            Some(list) if row.switch_is_list => list.split(',').any(development),
            Some(value) => development(value),
            None => false,
        }
    }

    /// Why a process with no platform is production, why it is not, and
    /// how local development says so: `DEBUG is not true`, `DEBUG is
    /// true`, `DEBUG=true`.
    pub(crate) fn switch_texts(self, name: &str) -> [String; 3] {
        let row = self.row();
        match row.development.first() {
            None => {
                [format!("{name} is not true"), format!("{name} is true"), format!("{name}=true")]
            }
            Some(first) => {
                let values = row.development.join(", ");
                [
                    format!("{name} is none of {values}"),
                    format!("{name} is one of {values}"),
                    format!("{name}={first}"),
                ]
            }
        }
    }
}

fn role(variable: Variable) -> &'static str {
    match variable {
        V::Debug => "debug flag",
        V::LocalTest => "SQLite for local tests (true = SQLite)",
        V::DatabaseUrl => "database URL",
        V::SecretKey => "secret that signs sessions",
        V::AllowedHosts => "the host names the app answers to",
        V::SiteUrl => "the app's public address (https in production)",
        V::Environment => "environment switch",
        V::DatabaseConnection => "database driver",
        V::DatabaseHost => "database host, without a URL",
        V::DatabaseName => "database name, without a URL",
        V::DatabasePath => "SQLite database file",
    }
}

/// Guard's strong rule, in words.
const STRONG: &str = "at least 50 characters and 5 distinct ones, no `django-insecure-` prefix, no \
placeholder (changeme, TODO, ...), no repeated sequence, no character making up more than a third of \
it, no control or invisible character, and not the database password or URL";

fn rule_text(rule: SecretRule) -> String {
    match rule {
        SecretRule::Strong => STRONG.to_owned(),
        SecretRule::StrongBytes(bytes) => format!("at least {bytes} bytes (Plug's cookie store refuses less), and {STRONG}"),
        SecretRule::LaravelKey => "`base64:` and exactly 16 or 32 bytes once decoded, or exactly 16 or 32 characters \
(Laravel's parseKey); no placeholder, repeated sequence, dominant or invisible character, nor the database password"
            .to_owned(),
    }
}

impl fmt::Display for Profile {
    /// Writes the id.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// An id that names no profile; its text lists the valid ids.
///
/// ```
/// let err = "symfony".parse::<prodguard::Profile>().unwrap_err();
/// assert!(err.to_string().contains("laravel"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown profile `{}`; expected one of: {}", crate::show::word(.id), valid_ids())]
pub struct UnknownProfile {
    id: String,
}

fn valid_ids() -> String {
    Profile::ALL.iter().map(|p| p.id()).collect::<Vec<_>>().join(", ")
}

impl FromStr for Profile {
    type Err = UnknownProfile;

    /// Parses a profile id; surrounding whitespace and letter case are
    /// forgiven.
    fn from_str(id: &str) -> Result<Profile, UnknownProfile> {
        let normalised = id.trim().to_ascii_lowercase();
        Profile::ALL
            .iter()
            .copied()
            .find(|p| p.id() == normalised)
            .ok_or_else(|| UnknownProfile { id: id.to_owned() })
    }
}

/// The profile named by an id written as a Rust identifier, for
/// `#[production_safe(profile(ID))]`; an unknown id is a compile error that
/// lists the valid ones. Not public API.
#[doc(hidden)]
#[macro_export]
macro_rules! __profile {
    (django) => {
        $crate::Profile::Django
    };
    (rails) => {
        $crate::Profile::Rails
    };
    (laravel) => {
        $crate::Profile::Laravel
    };
    (phoenix) => {
        $crate::Profile::Phoenix
    };
    (node) => {
        $crate::Profile::Node
    };
    (flask) => {
        $crate::Profile::Flask
    };
    (spring) => {
        $crate::Profile::Spring
    };
    ($other:ident) => {
        ::core::compile_error!(::core::concat!(
            "unknown profile `",
            ::core::stringify!($other),
            "`; expected one of: django, rails, laravel, phoenix, node, flask, spring"
        ))
    };
}

// ---- Renames in the attribute ---------------------------------------------

/// The variable named by any profile's name for it written as a Rust
/// identifier, for `#[production_safe(rename(NAME = "..."))]`; an unknown
/// name is a compile error that lists the valid ones. Whether the active
/// profile reads the variable under that name is [`assert_renames`]'s
/// to check.
#[doc(hidden)]
#[macro_export]
macro_rules! __variable {
    (DEBUG) => {
        $crate::Variable::Debug
    };
    (APP_DEBUG) => {
        $crate::Variable::Debug
    };
    (FLASK_DEBUG) => {
        $crate::Variable::Debug
    };
    (LOCAL_TEST) => {
        $crate::Variable::LocalTest
    };
    (DATABASE_URL) => {
        $crate::Variable::DatabaseUrl
    };
    (DB_URL) => {
        $crate::Variable::DatabaseUrl
    };
    (SPRING_DATASOURCE_URL) => {
        $crate::Variable::DatabaseUrl
    };
    (SECRET_KEY) => {
        $crate::Variable::SecretKey
    };
    (SECRET_KEY_BASE) => {
        $crate::Variable::SecretKey
    };
    (APP_KEY) => {
        $crate::Variable::SecretKey
    };
    (SESSION_SECRET) => {
        $crate::Variable::SecretKey
    };
    (ALLOWED_HOSTS) => {
        $crate::Variable::AllowedHosts
    };
    (PHX_HOST) => {
        $crate::Variable::AllowedHosts
    };
    (SITE_URL) => {
        $crate::Variable::SiteUrl
    };
    (APP_URL) => {
        $crate::Variable::SiteUrl
    };
    (RAILS_ENV) => {
        $crate::Variable::Environment
    };
    (RACK_ENV) => {
        $crate::Variable::Environment
    };
    (APP_ENV) => {
        $crate::Variable::Environment
    };
    (MIX_ENV) => {
        $crate::Variable::Environment
    };
    (NODE_ENV) => {
        $crate::Variable::Environment
    };
    (SPRING_PROFILES_ACTIVE) => {
        $crate::Variable::Environment
    };
    (DB_CONNECTION) => {
        $crate::Variable::DatabaseConnection
    };
    (DB_HOST) => {
        $crate::Variable::DatabaseHost
    };
    (DB_DATABASE) => {
        $crate::Variable::DatabaseName
    };
    (DATABASE_PATH) => {
        $crate::Variable::DatabasePath
    };
    ($other:ident) => {
        ::core::compile_error!(::core::concat!(
            "unknown variable `",
            ::core::stringify!($other),
            "`; expected one of: ",
            "DEBUG, APP_DEBUG, FLASK_DEBUG, LOCAL_TEST, DATABASE_URL, DB_URL, \
SPRING_DATASOURCE_URL, SECRET_KEY, SECRET_KEY_BASE, APP_KEY, SESSION_SECRET, \
ALLOWED_HOSTS, PHX_HOST, SITE_URL, APP_URL, RAILS_ENV, RACK_ENV, APP_ENV, \
MIX_ENV, NODE_ENV, SPRING_PROFILES_ACTIVE, DB_CONNECTION, DB_HOST, DB_DATABASE, \
DATABASE_PATH"
        ))
    };
}

/// Refuses, while compiling, renames that would put two of guard's
/// variables, or one of them and a platform's, on one name, or that name
/// a variable as `profile` does not: the same rules as [`Policy::rename`](crate::Policy::rename)
/// and the CLI's `--rename`, evaluated in a `const`. Each rename is
/// `(variable, name as written, new name)`.
pub const fn assert_renames(profile: Profile, renames: &[(Variable, &str, &str)]) {
    let mut r = 0;
    while r < renames.len() {
        let (variable, written, _) = renames[r];
        if !reads_as(profile, variable, written) {
            panic!(
                "a renamed variable is not one of the profile's: write the profile's own name for it"
            );
        }
        r += 1;
    }
    let mut i = 0;
    while i < Variable::ALL.len() {
        let mut j = i + 1;
        while j < Variable::ALL.len() {
            if shares_a_name(profile, Variable::ALL[i], Variable::ALL[j], renames) {
                panic!("two of guard's variables would have one name: one variable plays one role");
            }
            j += 1;
        }
        let mut k = 0;
        while k < PlatformVariable::ALL.len() {
            if is_named(profile, Variable::ALL[i], PlatformVariable::ALL[k].1, renames) {
                panic!("a variable is renamed to a variable hosting platforms set");
            }
            k += 1;
        }
        i += 1;
    }
}

/// Whether `profile` reads `variable` as `written` (a variable it does not
/// read goes by its default name), as [`Profile::variable_named`] says.
const fn reads_as(profile: Profile, variable: Variable, written: &str) -> bool {
    let names = profile.names(variable);
    if names.is_empty() {
        return same(variable.default_name(), written);
    }
    let mut i = 0;
    while i < names.len() {
        if same(names[i], written) {
            return true;
        }
        i += 1;
    }
    false
}

/// The name `renames` gives `variable` (the last one wins), if any.
const fn renamed<'a>(variable: Variable, renames: &[(Variable, &str, &'a str)]) -> Option<&'a str> {
    let mut name = None;
    let mut i = 0;
    while i < renames.len() {
        if renames[i].0 as usize == variable as usize {
            name = Some(renames[i].2);
        }
        i += 1;
    }
    name
}

/// Whether `variable` is read under `name`.
const fn is_named(
    profile: Profile,
    variable: Variable,
    name: &str,
    renames: &[(Variable, &str, &str)],
) -> bool {
    if let Some(renamed) = renamed(variable, renames) {
        return same(renamed, name);
    }
    let names = profile.names(variable);
    let mut i = 0;
    while i < names.len() {
        if same(names[i], name) {
            return true;
        }
        i += 1;
    }
    false
}

/// Whether `a` and `b` are read under a common name.
const fn shares_a_name(
    profile: Profile,
    a: Variable,
    b: Variable,
    renames: &[(Variable, &str, &str)],
) -> bool {
    if let Some(name) = renamed(a, renames) {
        return is_named(profile, b, name, renames);
    }
    let names = profile.names(a);
    let mut i = 0;
    while i < names.len() {
        if is_named(profile, b, names[i], renames) {
            return true;
        }
        i += 1;
    }
    false
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

// ---- Secrets -------------------------------------------------------------

const MIN_LENGTH: usize = 50;
const MIN_DISTINCT: usize = 5;
/// The bytes Rust's `cookie::Key` needs.
pub(crate) const COOKIE_KEY_BYTES: usize = 64;

/// Values that make a secret a placeholder wherever they appear in it,
/// ignoring case.
const PLACEHOLDERS: [&str; 20] = [
    "changeme",
    "change-me",
    "change_me",
    "change me",
    "changethis",
    "change-this",
    "change_this",
    "your-secret",
    "your_secret",
    "yoursecret",
    "secret-key-here",
    "placeholder",
    "replace-me",
    "replace_me",
    "replaceme",
    "insecure",
    "not-a-secret",
    "example",
    "dummy",
    "todo",
];

/// Why `secret` is weak under `rule`, or `None` when it is strong; said by
/// length and shape only, never by value. `database` is the raw database
/// URL, which the secret must not be nor hold; `cookie_key` asks for the
/// 64 bytes of Rust's `cookie::Key`.
pub(crate) fn weakness(
    rule: SecretRule,
    secret: &str,
    database: Option<&str>,
    cookie_key: bool,
) -> Option<String> {
    let chars: Vec<char> = secret.chars().collect();
    let length = chars.len();
    let bytes = secret.len();
    if secret.starts_with("django-insecure-") {
        return Some(format!(
            "starts with Django's `django-insecure-` development prefix ({length} characters)"
        ));
    }
    let lower = secret.to_lowercase();
    if PLACEHOLDERS.iter().any(|p| lower.contains(p)) {
        return Some(format!("is a placeholder value ({length} characters)"));
    }
    if chars.iter().any(|&c| crate::show::is_invisible(c)) {
        return Some(format!("holds control or invisible characters ({length} characters)"));
    }
    match rule {
        SecretRule::LaravelKey => {
            if let Some(problem) = laravel_key(secret) {
                return Some(problem);
            }
        }
        SecretRule::StrongBytes(min) if bytes < min => {
            return Some(format!("is too short ({bytes} bytes; at least {min})"));
        }
        SecretRule::Strong | SecretRule::StrongBytes(_) if length < MIN_LENGTH => {
            return Some(format!("is too short ({length} characters; at least {MIN_LENGTH})"));
        }
        SecretRule::Strong | SecretRule::StrongBytes(_) => {}
    }
    let mut distinct = chars.clone();
    distinct.sort_unstable();
    // Counted on the sorted characters: one pass, whatever their number.
    let most = distinct.chunk_by(|a, b| a == b).map(<[char]>::len).max();
    distinct.dedup();
    if distinct.len() < MIN_DISTINCT {
        return Some(format!(
            "has only {} distinct characters ({length} characters; at least {MIN_DISTINCT} distinct)",
            distinct.len()
        ));
    }
    let period = smallest_period(&chars);
    if period * 2 <= length {
        return Some(format!("repeats a sequence of {period} characters ({length} characters)"));
    }
    if most.is_some_and(|most| most * 3 > length) {
        return Some(format!("is more than a third one character ({length} characters)"));
    }
    if database.is_some_and(|url| {
        url.contains(secret)
            || percent_encoding::percent_decode_str(url).decode_utf8_lossy().contains(secret)
    }) {
        return Some(format!(
            "is the database password or appears in the database URL ({length} characters)"
        ));
    }
    if cookie_key && bytes < COOKIE_KEY_BYTES {
        return Some(format!(
            "is too short for Rust's cookie::Key ({bytes} bytes; at least {COOKIE_KEY_BYTES})"
        ));
    }
    None
}

/// The length of the shortest `p` such that `chars[i] == chars[i - p]`
/// for every `i ≥ p` (Knuth–Morris–Pratt's failure function: linear).
fn smallest_period(chars: &[char]) -> usize {
    let mut border = vec![0; chars.len()];
    let mut k = 0;
    for i in 1..chars.len() {
        while k > 0 && chars[i] != chars[k] {
            k = border[k - 1];
        }
        if chars[i] == chars[k] {
            k += 1;
        }
        border[i] = k;
    }
    chars.len() - border.last().copied().unwrap_or(0)
}

/// Laravel's `Encrypter::supported`, through `parseKey`: what is wrong
/// with the key, if anything.
fn laravel_key(key: &str) -> Option<String> {
    const NEEDS: &str =
        "Laravel's encrypter needs exactly 32 bytes (AES-256-CBC) or 16 (AES-128-CBC)";
    match key.strip_prefix("base64:") {
        Some(encoded) => match base64_decoded_len(encoded) {
            None => Some(format!(
                "is `base64:` followed by text that is not valid base64 ({} characters)",
                encoded.chars().count()
            )),
            Some(16 | 32) => None,
            Some(n) => Some(format!("decodes to {n} bytes; {NEEDS}")),
        },
        None => match key.len() {
            16 | 32 => None,
            n => Some(format!("is {n} bytes without a `base64:` prefix; {NEEDS}")),
        },
    }
}

/// How many bytes strict standard base64 (padded or not) decodes to;
/// `None` when it is not base64. Hand-written: one length is all guard
/// needs of base64, not worth a dependency's build time.
fn base64_decoded_len(text: &str) -> Option<usize> {
    let data = text.trim_end_matches('=');
    let padding = text.len() - data.len();
    let alphabet = |b: u8| b.is_ascii_alphanumeric() || b == b'+' || b == b'/';
    let padded_well = padding == 0 || text.len() % 4 == 0;
    if padding > 2 || !padded_well || data.len() % 4 == 1 || !data.bytes().all(alphabet) {
        return None;
    }
    Some(data.len() * 3 / 4)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEX: &str = "3f9a1c7e5b2d8046a1e9c3b7d5f2084a6c1e9b3d7f5a2c8e4b0d6f1a3c9e7b52";

    fn strong(secret: &str) -> Option<String> {
        weakness(SecretRule::Strong, secret, None, false)
    }

    #[test]
    fn ids_round_trip_and_rows_sit_at_their_profile() {
        for &profile in Profile::ALL {
            assert_eq!(profile.id().parse::<Profile>(), Ok(profile));
            assert_eq!(ROWS[profile as usize].id, profile.id());
            assert!(!profile.describe().is_empty());
        }
        assert_eq!(" Rails ".parse::<Profile>(), Ok(Profile::Rails));
        assert!("symfony".parse::<Profile>().unwrap_err().to_string().contains(&valid_ids()));
        assert_eq!(ROWS.len(), Profile::ALL.len());
    }

    #[test]
    fn a_name_plays_one_role_in_every_profile_and_is_no_platform_s() {
        for &profile in Profile::ALL {
            let mut all: Vec<&str> =
                Variable::ALL.iter().flat_map(|&v| profile.names(v).iter().copied()).collect();
            let count = all.len();
            for name in &all {
                assert!(
                    PlatformVariable::ALL.iter().all(|(_, platform)| platform != name),
                    "{name}"
                );
                assert!(crate::variable::is_valid_name(name), "{name}");
            }
            all.sort_unstable();
            all.dedup();
            assert_eq!(all.len(), count, "{profile}: a name read for two variables");
        }
    }

    #[test]
    fn the_default_names_are_django_s_or_the_first_profile_s() {
        for &variable in Variable::ALL {
            let first = Profile::ALL.iter().find_map(|p| p.names(variable).first()).unwrap();
            assert_eq!(variable.default_name(), *first, "{variable:?}");
        }
    }

    #[test]
    fn the_attribute_macro_names_every_profile_and_lists_every_id() {
        let named = [
            crate::__profile!(django),
            crate::__profile!(rails),
            crate::__profile!(laravel),
            crate::__profile!(phoenix),
            crate::__profile!(node),
            crate::__profile!(flask),
            crate::__profile!(spring),
        ];
        assert_eq!(named, Profile::ALL);
        assert!(include_str!("profiles.rs").contains(&valid_ids()));
    }

    #[test]
    fn switches() {
        let cases: &[(Profile, Option<&str>, bool, bool)] = &[
            (Profile::Django, None, true, true),
            (Profile::Django, None, false, false),
            (Profile::Rails, Some("development"), false, true),
            (Profile::Rails, Some("staging"), false, false),
            (Profile::Rails, None, true, false),
            (Profile::Laravel, Some("local"), false, true),
            (Profile::Laravel, Some("production"), true, false),
            (Profile::Phoenix, Some("dev"), false, true),
            (Profile::Phoenix, Some("prod"), false, false),
            (Profile::Node, Some("test"), false, true),
            (Profile::Spring, Some("prod, dev"), false, true),
            (Profile::Spring, Some("prod,cloud"), false, false),
            (Profile::Spring, Some("devx"), false, false),
            (Profile::Flask, None, true, true),
        ];
        for &(profile, switch, debug, development) in cases {
            assert_eq!(profile.is_development(switch, debug), development, "{profile} {switch:?}");
        }
    }

    #[test]
    fn weak_and_strong_keys() {
        let weak = [
            "django-insecure-3f9a1c7e5b2d8046a1e9c3b7d5f2084a6c1e9b3d7f5a2c8e4b0d6f",
            "short",
            &"secret".repeat(10),
            &"12345".repeat(12),
            &"abcdefgh".repeat(7),
            &"abcdefghi".repeat(6),
            &"ab".repeat(40),
            &format!("{}abcd", "x".repeat(62)),
            &format!("abcde{}", "\u{200b}".repeat(45)),
            &format!("{HEX}\0"),
            &format!("\u{feff}{HEX}"),
            &format!("{HEX}CHANGEME"),
            &format!("{HEX}Change Me"),
            &format!("todo{HEX}"),
            &format!("ü{HEX}Ünicode-Placeholder"),
        ];
        for key in weak {
            assert!(strong(key).is_some(), "{key:?}");
        }
        for key in [HEX, &format!("ü{HEX}Ünicode")] {
            assert_eq!(strong(key), None, "{key}");
        }
    }

    #[test]
    fn the_new_rules_catch_what_w009_lets_through() {
        let cases = [
            ("secret".repeat(10), "repeats a sequence of 6"),
            ("12345".repeat(12), "repeats a sequence of 5"),
            (format!("{}abcd", "x".repeat(62)), "more than a third"),
            (format!("abcde{}", "\u{200b}".repeat(45)), "invisible"),
        ];
        for (key, why) in cases {
            assert!(strong(&key).unwrap().contains(why), "{key:?}: {:?}", strong(&key));
        }
    }

    /// A key of many distinct characters (an env file holds up to 1 MiB)
    /// is judged in time linear in its length: twice the length takes at
    /// most three times as long.
    #[test]
    fn a_key_of_distinct_characters_is_judged_in_linear_time() {
        use std::time::{Duration, Instant};
        let key = |chars: u32| -> String {
            (0..chars).map(|i| char::from_u32(0x10000 + i).unwrap()).collect()
        };
        let time = |key: &str| {
            (0..5)
                .map(|_| {
                    let start = Instant::now();
                    std::hint::black_box(strong(std::hint::black_box(key)));
                    start.elapsed()
                })
                .min()
                .unwrap_or(Duration::ZERO)
        };
        let (small, large) = (key(16 * 1024), key(32 * 1024));
        let (small, large) = (time(&small), time(&large));
        // The slack absorbs other tests running beside this one; the
        // quadratic count took seconds here.
        assert!(large <= small * 3 + Duration::from_millis(50), "{small:?} then {large:?}");
    }

    #[test]
    fn a_key_equal_to_the_database_password_or_url_is_weak() {
        let password = "Zq7vN2pK9xR4tW8mZq7vN2pK9xR4tW8mA1b2C3d4E5f6G7h8I9j0Kk";
        let url = format!("postgresql://postgres:{password}@db.internal:5432/app");
        for key in [password, &url] {
            let why = weakness(SecretRule::Strong, key, Some(&url), false).unwrap();
            assert!(why.contains("database password") && !why.contains(password), "{why}");
        }
        let encoded =
            "postgresql://u:Zq7vN2pK9xR4tW8mZq7v%2FN2pK9xR4tW8mA1b2C3d4E5f6G7h8I9j0Kk@db/app";
        let key = "Zq7vN2pK9xR4tW8mZq7v/N2pK9xR4tW8mA1b2C3d4E5f6G7h8I9j0Kk";
        assert!(weakness(SecretRule::Strong, key, Some(encoded), false).is_some());
        assert_eq!(weakness(SecretRule::Strong, HEX, Some(&url), false), None);
    }

    #[test]
    fn every_placeholder_is_found_anywhere_in_any_case() {
        for placeholder in PLACEHOLDERS {
            for text in
                [format!("{placeholder}{HEX}"), format!("{HEX}{}{HEX}", placeholder.to_uppercase())]
            {
                assert!(strong(&text).unwrap().contains("placeholder"), "{text}");
            }
        }
    }

    #[test]
    fn plug_needs_64_bytes() {
        let rule = SecretRule::StrongBytes(64);
        assert!(weakness(rule, &HEX[..63], None, false).unwrap().contains("63 bytes"));
        assert_eq!(weakness(rule, HEX, None, false), None);
    }

    #[test]
    fn cookie_key_needs_64_bytes_under_any_rule() {
        let key63 = &format!("{HEX}{HEX}")[..63];
        let key64 = &format!("{HEX}{HEX}")[..64];
        assert_eq!(strong(key63), None);
        assert!(weakness(SecretRule::Strong, key63, None, true).unwrap().contains("cookie::Key"));
        for rule in [SecretRule::Strong, SecretRule::StrongBytes(64)] {
            assert!(weakness(rule, key63, None, true).is_some());
            assert_eq!(weakness(rule, key64, None, true), None);
        }
        let laravel = "base64:CzBVep/E6Q4zWH2ix+wRNluApcrvFDleg6jN8hc8YYY=";
        assert!(weakness(SecretRule::LaravelKey, laravel, None, false).is_none());
        assert!(
            weakness(SecretRule::LaravelKey, laravel, None, true).is_some(),
            "51 bytes of text"
        );
    }

    #[test]
    fn laravel_keys_decode_to_16_or_32_bytes() {
        let cases = [
            ("CzBVep/E6Q4zWH2ix+wR", Some("15 bytes")),
            ("CzBVep/E6Q4zWH2ix+wRNg==", None),
            ("CzBVep/E6Q4zWH2ix+wRNls=", Some("17 bytes")),
            ("CzBVep/E6Q4zWH2ix+wRNluApcrvFDleg6jN8hc8YQ==", Some("31 bytes")),
            ("CzBVep/E6Q4zWH2ix+wRNluApcrvFDleg6jN8hc8YYY=", None),
            ("CzBVep/E6Q4zWH2ix+wRNluApcrvFDleg6jN8hc8YYar", Some("33 bytes")),
            ("CzBVep/E6Q4zWH2ix+wRNluApcrvFDleg6jN8hc8YYY", None),
            ("CzBVep/E6Q4zWH2ix+wR!luApcrvFDleg6jN8hc8YYY=", Some("not valid base64")),
            ("CzBVep/E6Q4zWH2ix+wRNluApcrvFDleg6jN8hc8YYY===", Some("not valid base64")),
            ("CzBVep-E6Q4zWH2ix_wRNluApcrvFDleg6jN8hc8YYY=", Some("not valid base64")),
            ("CzBVe", Some("not valid base64")),
        ];
        for (encoded, problem) in cases {
            let why = weakness(SecretRule::LaravelKey, &format!("base64:{encoded}"), None, false);
            match problem {
                None => assert_eq!(why, None, "{encoded}"),
                Some(problem) => {
                    let why = why.unwrap_or_default();
                    assert!(why.contains(problem) && !why.contains(encoded), "{encoded}: {why}");
                }
            }
        }
        for (raw, ok) in [
            ("k3Jd9sLq2Zx8Vb1N", true),
            ("k3Jd9sLq2Zx8Vb1", false),
            ("k3Jd9sLq2Zx8Vb1Nm4Tp7Wr0Yc5Ge6Ha", true),
            ("k3Jd9sLq2Zx8Vb1Nm4Tp7Wr0Yc5Ge6H", false),
            ("k3Jd9sLq2Zx8Vb1Nm4Tp7Wr0Yc5Ge6HaX", false),
            ("aaaaaaaaaaaaaaaa", false),
        ] {
            assert_eq!(weakness(SecretRule::LaravelKey, raw, None, false).is_none(), ok, "{raw}");
        }
    }

    #[test]
    fn the_text_never_holds_the_key() {
        for key in ["short-S3CRET", &"S3CRET".repeat(10), "base64:S3CRET!!"] {
            for rule in [SecretRule::Strong, SecretRule::StrongBytes(64), SecretRule::LaravelKey] {
                assert!(!weakness(rule, key, None, true).unwrap().contains("S3CRET"));
            }
        }
    }

    #[test]
    fn the_variable_macro_names_every_variable_under_every_profile_s_names() {
        let mut listed = Vec::new();
        for &profile in Profile::ALL {
            for &variable in Variable::ALL {
                for name in profile.names(variable) {
                    listed.push(*name);
                    assert_eq!(profile.variable_named(name), Some(variable));
                }
            }
        }
        let named = [
            crate::__variable!(DEBUG),
            crate::__variable!(APP_DEBUG),
            crate::__variable!(FLASK_DEBUG),
            crate::__variable!(LOCAL_TEST),
            crate::__variable!(DATABASE_URL),
            crate::__variable!(DB_URL),
            crate::__variable!(SPRING_DATASOURCE_URL),
            crate::__variable!(SECRET_KEY),
            crate::__variable!(SECRET_KEY_BASE),
            crate::__variable!(APP_KEY),
            crate::__variable!(SESSION_SECRET),
            crate::__variable!(ALLOWED_HOSTS),
            crate::__variable!(PHX_HOST),
            crate::__variable!(SITE_URL),
            crate::__variable!(APP_URL),
            crate::__variable!(RAILS_ENV),
            crate::__variable!(RACK_ENV),
            crate::__variable!(APP_ENV),
            crate::__variable!(MIX_ENV),
            crate::__variable!(NODE_ENV),
            crate::__variable!(SPRING_PROFILES_ACTIVE),
            crate::__variable!(DB_CONNECTION),
            crate::__variable!(DB_HOST),
            crate::__variable!(DB_DATABASE),
            crate::__variable!(DATABASE_PATH),
        ];
        let order = "DEBUG, APP_DEBUG, FLASK_DEBUG, LOCAL_TEST, DATABASE_URL, DB_URL, \
SPRING_DATASOURCE_URL, SECRET_KEY, SECRET_KEY_BASE, APP_KEY, SESSION_SECRET, ALLOWED_HOSTS, \
PHX_HOST, SITE_URL, APP_URL, RAILS_ENV, RACK_ENV, APP_ENV, MIX_ENV, NODE_ENV, \
SPRING_PROFILES_ACTIVE, DB_CONNECTION, DB_HOST, DB_DATABASE, DATABASE_PATH";
        let order: Vec<&str> = order.split(", ").collect();
        for (name, variable) in order.iter().zip(named) {
            assert!(
                Profile::ALL.iter().any(|p| p.variable_named(name) == Some(variable)),
                "{name}"
            );
        }
        listed.sort_unstable();
        listed.dedup();
        assert_eq!(order.len(), listed.len(), "every profile's name, once");
        assert_eq!(named.len(), listed.len(), "an arm a name");
        // The fallback arm's list is this file's text: it must be the same.
        let source = include_str!("profiles.rs").split("#[cfg(test)]").next().unwrap();
        let source = source.replace("\\\n", "");
        assert!(source.contains(&order.join(", ")), "the compile_error! list is stale");
    }

    #[test]
    fn renames_are_refused_as_policy_rename_refuses_them() {
        use Profile::{Django, Laravel, Spring};
        // Each compiles as a `const`: a refusal is a compile error there.
        assert_renames(Django, &[(Variable::SecretKey, "SECRET_KEY", "SESSION_SECRET")]);
        assert_renames(
            Django,
            &[(Variable::Debug, "DEBUG", "X"), (Variable::LocalTest, "LOCAL_TEST", "DEBUG")],
        );
        assert_renames(Laravel, &[(Variable::SecretKey, "APP_KEY", "MY_KEY")]);
        assert_renames(
            Laravel,
            &[
                (Variable::DatabaseUrl, "DATABASE_URL", "PG"),
                (Variable::SecretKey, "APP_KEY", "DB_URL"),
            ],
        );
        assert_renames(Spring, &[(Variable::SecretKey, "SECRET_KEY", "APP_SECRET")]);
        type Renames = &'static [(Variable, &'static str, &'static str)];
        let refused: &[(Profile, Renames)] = &[
            (Django, &[(Variable::SecretKey, "SECRET_KEY", "DEBUG")]),
            (Django, &[(Variable::SecretKey, "SECRET_KEY", "RAILWAY_ENVIRONMENT_NAME")]),
            (Django, &[(Variable::Debug, "DEBUG", "X"), (Variable::SiteUrl, "SITE_URL", "X")]),
            (Laravel, &[(Variable::SecretKey, "SECRET_KEY", "MY_KEY")]),
            (Laravel, &[(Variable::SecretKey, "APP_KEY", "DATABASE_URL")]),
        ];
        for (profile, renames) in refused {
            assert!(std::panic::catch_unwind(|| assert_renames(*profile, renames)).is_err());
        }
    }
}
