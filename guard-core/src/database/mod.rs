//! Classifying `DATABASE_URL`: which backend, where, and a shown form that
//! holds nothing guard did not understand.
//!
//! A value is read as one of a closed set of forms, each recognised by its
//! own signature, tried in this order (the first whose signature matches
//! reads the value; a value that matches none is invalid):
//!
//! 1. empty, an unresolved reference (`${…}` anywhere), a leading quote;
//! 2. `:memory:` and Windows drive paths (`C:\…`, `c:/…`): SQLite;
//! 3. ADO.NET/ODBC `Key=Value;` strings ([`ado`]), which need a key that
//!    names a server or file, then libpq `key=value` strings
//!    ([`key_value`]), whose keywords name none;
//! 4. a trailing quote;
//! 5. `jdbc:<subprotocol>:…` ([`jdbc`]);
//! 6. go-sql-driver DSNs `user:pass@proto(addr)/db` ([`go_dsn`]);
//! 7. `scheme:` values: SQLite URLs and `file:` URIs ([`sqlite`]), and
//!    `scheme://` URLs ([`url_form`]); a known scheme without `//` is
//!    invalid, an unknown one falls through;
//! 8. a known scheme without its `:` (`postgresql//host/db`) is invalid;
//!    EZConnect without credentials `//host:port/service` ([`ez_connect`]);
//! 9. bare SQLite paths ([`sqlite::is_path`]);
//! 10. EZConnect with credentials `user/pass@host:port/service`.
//!
//! The shown form is rebuilt from the parsed parts, never cut out of the
//! raw text: a part is shown only when it parsed into its role and fits
//! that role's alphabet ([`parts`]), and is shown by its length otherwise.
//! Every reading is linear in the value's length.

mod ado;
mod ez_connect;
mod go_dsn;
mod jdbc;
mod key_value;
mod network;
mod parts;
mod sqlite;
mod url_form;

use std::fmt;

use crate::show;
pub(crate) use network::{is_local_host, is_private_host};

/// A family of database servers, whatever the driver or alias.
///
/// ```
/// use prodguard::{Backend, DatabaseUrl};
///
/// let url = DatabaseUrl::classify("postgresql+asyncpg://u:pw@db:5432/app").unwrap();
/// assert_eq!(url.backend(), Backend::Postgresql);
/// assert_eq!(url.backend().name(), "PostgreSQL");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Backend {
    /// PostgreSQL and its wire-compatible kin (PostGIS, TimescaleDB,
    /// Redshift), including libpq key/value strings.
    Postgresql,
    /// MySQL and MariaDB.
    Mysql,
    /// SQLite, in any form: URLs, `file:` URIs, `:memory:`, bare paths.
    Sqlite,
    /// libSQL (Turso): networked SQLite, a server rather than a file.
    Libsql,
    /// Microsoft SQL Server.
    Sqlserver,
    /// Oracle Database.
    Oracle,
    /// CockroachDB.
    Cockroachdb,
    /// MongoDB (`mongodb://`, `mongodb+srv://`).
    Mongodb,
    /// A scheme no database this library knows.
    Unknown,
}

impl Backend {
    /// Every backend family.
    ///
    /// ```
    /// assert!(prodguard::Backend::ALL.contains(&prodguard::Backend::Sqlite));
    /// ```
    pub const ALL: &'static [Backend] = &[
        Backend::Postgresql,
        Backend::Mysql,
        Backend::Sqlite,
        Backend::Libsql,
        Backend::Sqlserver,
        Backend::Oracle,
        Backend::Cockroachdb,
        Backend::Mongodb,
        Backend::Unknown,
    ];

    /// The stable lowercase id used in JSON (`postgresql`, `sqlite`, ...).
    ///
    /// ```
    /// assert_eq!(prodguard::Backend::Sqlserver.id(), "sqlserver");
    /// ```
    pub const fn id(self) -> &'static str {
        match self {
            Backend::Postgresql => "postgresql",
            Backend::Mysql => "mysql",
            Backend::Sqlite => "sqlite",
            Backend::Libsql => "libsql",
            Backend::Sqlserver => "sqlserver",
            Backend::Oracle => "oracle",
            Backend::Cockroachdb => "cockroachdb",
            Backend::Mongodb => "mongodb",
            Backend::Unknown => "unknown",
        }
    }

    /// The family's name as written in the start-up line (`PostgreSQL`).
    ///
    /// ```
    /// assert_eq!(prodguard::Backend::Mysql.name(), "MySQL");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Backend::Postgresql => "PostgreSQL",
            Backend::Mysql => "MySQL",
            Backend::Sqlite => "SQLite",
            Backend::Libsql => "libSQL",
            Backend::Sqlserver => "SQL Server",
            Backend::Oracle => "Oracle",
            Backend::Cockroachdb => "CockroachDB",
            Backend::Mongodb => "MongoDB",
            Backend::Unknown => "unknown",
        }
    }

    /// The family of a scheme, ignoring case and any `+driver` suffix.
    fn from_scheme(scheme: &str) -> Backend {
        let base = scheme.split('+').next().unwrap_or_default();
        let is = |names: &[&str]| names.iter().any(|n| n.eq_ignore_ascii_case(base));
        if is(&[
            "postgres",
            "postgresql",
            "pgsql",
            "psql",
            "pg",
            "postgis",
            "timescale",
            "timescaledb",
            "timescalegis",
            "redshift",
            // Prisma Accelerate: `prisma://` and `prisma+postgres://`.
            "prisma",
            // Doctrine DBAL's driver schemes, here and below.
            "pdo-pgsql",
        ]) {
            Backend::Postgresql
        } else if is(&[
            "mysql",
            "mysql2",
            "mysqlx",
            "mysqlgis",
            "mysql-connector",
            "mariadb",
            // Rails 7.1's MySQL adapter.
            "trilogy",
            "pdo-mysql",
            "mysqli",
        ]) {
            Backend::Mysql
        } else if is(&["sqlite", "sqlite3", "spatialite", "file", "pdo-sqlite"]) {
            Backend::Sqlite
        } else if is(&["libsql"]) {
            Backend::Libsql
        } else if is(&["mssql", "mssqlms", "sqlserver", "sqlsrv", "pdo-sqlsrv"]) {
            Backend::Sqlserver
        } else if is(&["oracle", "oraclegis", "oracle-enhanced", "oci8", "pdo-oci"]) {
            Backend::Oracle
        } else if is(&["cockroach", "cockroachdb"]) {
            Backend::Cockroachdb
        } else if is(&["mongodb"]) {
            Backend::Mongodb
        } else {
            Backend::Unknown
        }
    }
}

impl fmt::Display for Backend {
    /// Writes the family's name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Whether the connection string asks for TLS.
///
/// ```
/// use prodguard::{DatabaseUrl, Tls};
///
/// let url = DatabaseUrl::classify("postgres://db.example.com/app?sslmode=disable").unwrap();
/// assert_eq!(url.tls(), Tls::Disabled);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Tls {
    /// The string says nothing (or prefers TLS): the driver's default.
    Default,
    /// TLS is required (`sslmode=require`, `ssl=true`, ...).
    Required,
    /// TLS is turned off (`sslmode=disable`/`allow`, `ssl=false`, `useSSL=false`, ...).
    Disabled,
}

/// One host of a connection string, with its port if given. The host is
/// a parsed name (lowercased) or IP address, never raw text.
///
/// ```
/// let url = prodguard::DatabaseUrl::classify("postgresql://h1:5432,h2:5433/db").unwrap();
/// assert_eq!(url.endpoints()[1].host(), "h2");
/// assert_eq!(url.endpoints()[1].port(), Some(5433));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    host: String,
    port: Option<u16>,
}

impl Endpoint {
    /// The host name or address, without brackets.
    ///
    /// ```
    /// let url = prodguard::DatabaseUrl::classify("mysql://u:pw@[::1]:3306/db").unwrap();
    /// assert_eq!(url.endpoints()[0].host(), "::1");
    /// ```
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The port, if the string gives one.
    ///
    /// ```
    /// let url = prodguard::DatabaseUrl::classify("mysql://db/app").unwrap();
    /// assert_eq!(url.endpoints()[0].port(), None);
    /// ```
    pub fn port(&self) -> Option<u16> {
        self.port
    }
}

/// Why a `DATABASE_URL` could not be classified.
///
/// Its text is fixed: it never holds any part of the value.
///
/// ```
/// use prodguard::{DatabaseUrl, DatabaseUrlProblem};
///
/// let err = DatabaseUrl::classify("${{Postgres.DATABASE_URL}}").unwrap_err();
/// assert_eq!(err.problem(), &DatabaseUrlProblem::UnresolvedReference { railway: true });
/// assert_eq!(err.problem().to_string(), "holds an unresolved reference `${{…}}`");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DatabaseUrlProblem {
    /// The value is empty.
    #[error("is empty")]
    Empty,
    /// The value is wrapped in quotes, which the platform kept literally.
    #[error("is wrapped in quotes (the platform keeps them as part of the value)")]
    Quoted,
    /// The value holds a reference the platform did not resolve.
    #[error("holds an unresolved reference `{}`", reference_shape(*.railway))]
    UnresolvedReference {
        /// Railway's `${{…}}` rather than shell-style `${…}`.
        railway: bool,
    },
    /// The value matches no form guard reads (URL, key/value string, JDBC,
    /// DSN, EZConnect, SQLite path).
    #[error(
        "matches no connection-string form guard knows (expected e.g. \
         postgresql://user:password@host:5432/database)"
    )]
    NoForm,
    /// The value has a recognisable form but cannot be read as it.
    #[error("cannot be parsed: {reason}")]
    Malformed {
        /// What is wrong, in fixed words: never text from the value.
        reason: &'static str,
    },
}

fn reference_shape(railway: bool) -> &'static str {
    if railway { "${{…}}" } else { "${…}" }
}

/// A `DATABASE_URL` that could not be classified: the problem, the family
/// when it is still clear, and what may be printed of the value.
///
/// `Display` writes the problem's fixed text only; [`shown`](Self::shown)
/// is the value rebuilt or, for most problems, its length.
///
/// ```
/// use prodguard::{Backend, DatabaseUrl, DatabaseUrlProblem};
///
/// let err = DatabaseUrl::classify("postgres://user:passw#ord!@localhost/db").unwrap_err();
/// assert!(matches!(err.problem(), DatabaseUrlProblem::Malformed { .. }));
/// assert_eq!(err.backend(), Some(Backend::Postgresql));
/// assert_eq!(err.shown(), "(39 characters, not shown)");
/// assert!(!format!("{err} {err:?}").contains("passw"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{problem}")]
pub struct DatabaseUrlError {
    problem: DatabaseUrlProblem,
    backend: Option<Backend>,
    shown: String,
}

impl DatabaseUrlError {
    /// What is wrong with the value.
    ///
    /// ```
    /// let err = prodguard::DatabaseUrl::classify("  ").unwrap_err();
    /// assert_eq!(err.problem(), &prodguard::DatabaseUrlProblem::Empty);
    /// ```
    pub fn problem(&self) -> &DatabaseUrlProblem {
        &self.problem
    }

    /// The backend family, when the value still says it clearly (`mysql://`
    /// with no host is MySQL, and invalid).
    ///
    /// ```
    /// let err = prodguard::DatabaseUrl::classify("mysql://").unwrap_err();
    /// assert_eq!(err.backend(), Some(prodguard::Backend::Mysql));
    /// ```
    pub fn backend(&self) -> Option<Backend> {
        self.backend
    }

    /// What may be printed of the value: the shape of an unresolved
    /// reference, the rebuilt form inside quotes, or the length.
    ///
    /// ```
    /// let err = prodguard::DatabaseUrl::classify("Sup3rPastedPw0rd").unwrap_err();
    /// assert_eq!(err.shown(), "(16 characters, not shown)");
    /// ```
    pub fn shown(&self) -> &str {
        &self.shown
    }

    fn new(problem: DatabaseUrlProblem, value: &str) -> DatabaseUrlError {
        DatabaseUrlError { problem, backend: None, shown: show::not_shown(value) }
    }

    /// A value of a known form (and, unless unknown, family) that cannot
    /// be read as that form.
    fn malformed(value: &str, backend: Backend, reason: &'static str) -> DatabaseUrlError {
        DatabaseUrlError {
            backend: (backend != Backend::Unknown).then_some(backend),
            ..DatabaseUrlError::new(DatabaseUrlProblem::Malformed { reason }, value)
        }
    }
}

/// A classified `DATABASE_URL`: its backend family, the shown form, and
/// what the checks need (hosts, socket, database name, TLS).
///
/// Every field holds only parts that parsed into their role and fit its
/// alphabet, so `Debug` is as safe to print as `Display`.
///
/// ```
/// use prodguard::{Backend, DatabaseUrl};
///
/// let url = DatabaseUrl::classify("postgresql://postgres:hunter2@postgres.railway.internal:5432/railway").unwrap();
/// assert_eq!(url.backend(), Backend::Postgresql);
/// assert_eq!(url.shown(), "postgresql://postgres:***@postgres.railway.internal:5432/railway");
/// assert_eq!(url.database(), Some("railway"));
/// assert!(!format!("{url:?}").contains("hunter2"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatabaseUrl {
    backend: Backend,
    scheme: Option<String>,
    shown: String,
    endpoints: Vec<Endpoint>,
    socket: bool,
    database: Option<String>,
    tls: Tls,
}

impl fmt::Display for DatabaseUrl {
    /// Writes the shown form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.shown)
    }
}

const QUOTES: [char; 7] = ['"', '\'', '`', '“', '”', '‘', '’'];

impl DatabaseUrl {
    /// Classifies a connection string.
    ///
    /// Surrounding whitespace is ignored. Every SQLite form counts as SQLite;
    /// an unknown scheme gives [`Backend::Unknown`]; a value that matches no
    /// known form is an error.
    ///
    /// ```
    /// use prodguard::{Backend, DatabaseUrl};
    ///
    /// for sqlite in ["sqlite::memory:", "db.sqlite3", "./data/app.db", "C:\\data\\app.db", "file:app.db?mode=ro"] {
    ///     assert_eq!(DatabaseUrl::classify(sqlite).unwrap().backend(), Backend::Sqlite, "{sqlite}");
    /// }
    /// assert_eq!(DatabaseUrl::classify("redis://cache:6379").unwrap().backend(), Backend::Unknown);
    /// assert!(DatabaseUrl::classify("${{Postgres.DATABASE_URL}}").is_err());
    /// assert!(DatabaseUrl::classify("localhost:5432/app").is_err());
    /// ```
    pub fn classify(raw: &str) -> Result<DatabaseUrl, DatabaseUrlError> {
        let value = raw.trim();
        if value.is_empty() {
            return Err(DatabaseUrlError::new(DatabaseUrlProblem::Empty, value));
        }
        if value.contains("${") {
            return Err(DatabaseUrlError {
                problem: DatabaseUrlProblem::UnresolvedReference { railway: value.contains("${{") },
                backend: family_hint(value),
                shown: reference_shape(value.contains("${{")).to_owned(),
            });
        }
        if value.starts_with(QUOTES) {
            return Err(quoted(value));
        }
        if value == ":memory:" || sqlite::is_drive_path(value) {
            return Ok(sqlite::read_path(value));
        }
        if let Some(read) = ado::read(value) {
            return read;
        }
        if let Some(read) = key_value::read(value) {
            return read;
        }
        if value.ends_with(QUOTES) {
            return Err(quoted(value));
        }
        if starts_with_ignore_case(value, "jdbc:") {
            return jdbc::read(value);
        }
        if let Some(read) = go_dsn::read(value) {
            return read;
        }
        if let Some((scheme, rest)) = split_scheme(value) {
            let backend = match Backend::from_scheme(scheme) {
                // SQLAlchemy's libSQL dialect: a host after `//` is a libSQL
                // server (`sqlite+libsql://db.turso.io`); anything else
                // (`///app.db`, `//`, `//~/app.db`) a local file.
                Backend::Sqlite
                    if scheme.eq_ignore_ascii_case("sqlite+libsql")
                        && rest.strip_prefix("//").is_some_and(|r| {
                            r.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '[')
                        }) =>
                {
                    Backend::Libsql
                }
                backend => backend,
            };
            if backend == Backend::Sqlite {
                return sqlite::read_url(value, "", scheme, rest);
            }
            if let Some(rest) = rest.strip_prefix("//") {
                return url_form::read(value, "", scheme, backend, rest);
            }
            if backend != Backend::Unknown {
                return Err(DatabaseUrlError::malformed(
                    value,
                    backend,
                    "no `//` after the scheme",
                ));
            }
        }
        if let Some(backend) = scheme_without_colon(value) {
            // `postgresql//host/db`: a scheme that lost its `:`.
            return Err(DatabaseUrlError::malformed(value, backend, "no `:` after the scheme"));
        }
        if let Some(read) = ez_connect::read_without_credentials(value) {
            return read;
        }
        if sqlite::is_path(value) {
            return Ok(sqlite::read_path(value));
        }
        if let Some(read) = ez_connect::read_with_credentials(value) {
            return read;
        }
        Err(DatabaseUrlError::new(DatabaseUrlProblem::NoForm, value))
    }

    /// The backend family.
    ///
    /// ```
    /// let url = prodguard::DatabaseUrl::classify("mongodb+srv://u:pw@cluster0.example.net/shop").unwrap();
    /// assert_eq!(url.backend(), prodguard::Backend::Mongodb);
    /// ```
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The scheme, lowercased, after any `jdbc:` prefix
    /// (`postgresql+asyncpg`); `None` for scheme-less forms and for a
    /// scheme that is not 1 to 32 characters of `[a-z0-9+._-]`.
    ///
    /// ```
    /// let url = prodguard::DatabaseUrl::classify("JDBC:MySQL://db/app").unwrap();
    /// assert_eq!(url.scheme(), Some("mysql"));
    /// ```
    pub fn scheme(&self) -> Option<&str> {
        self.scheme.as_deref()
    }

    /// The connection string rebuilt from its parsed parts, in its own
    /// syntax: passwords and the values of parameters not known to be safe
    /// are `***`, and any part that does not fit its role's alphabet is
    /// shown by its length.
    ///
    /// ```
    /// let url = prodguard::DatabaseUrl::classify("host=db password='a b' dbname=app").unwrap();
    /// assert_eq!(url.shown(), "host=db password=*** dbname=app");
    /// ```
    pub fn shown(&self) -> &str {
        &self.shown
    }

    /// The hosts, in order; empty for SQLite and for a unix socket.
    ///
    /// ```
    /// let url = prodguard::DatabaseUrl::classify("postgres://db.internal:6543/app").unwrap();
    /// assert_eq!(url.endpoints()[0].host(), "db.internal");
    /// ```
    pub fn endpoints(&self) -> &[Endpoint] {
        &self.endpoints
    }

    /// Whether the connection goes through a unix socket.
    ///
    /// ```
    /// let url = prodguard::DatabaseUrl::classify("host=/var/run/postgresql dbname=app").unwrap();
    /// assert!(url.is_unix_socket());
    /// ```
    pub fn is_unix_socket(&self) -> bool {
        self.socket
    }

    /// The database name (for SQLite, the file path), when it is 1 to 128
    /// characters of `[A-Za-z0-9._~$/-]`.
    ///
    /// ```
    /// let url = prodguard::DatabaseUrl::classify("sqlite:///data/app.db").unwrap();
    /// assert_eq!(url.database(), Some("/data/app.db"));
    /// ```
    pub fn database(&self) -> Option<&str> {
        self.database.as_deref()
    }

    /// Whether the string turns TLS on or off.
    ///
    /// ```
    /// let url = prodguard::DatabaseUrl::classify("mysql://db/app?ssl-mode=REQUIRED").unwrap();
    /// assert_eq!(url.tls(), prodguard::Tls::Required);
    /// ```
    pub fn tls(&self) -> Tls {
        self.tls
    }
}

/// A value with a leading or trailing quote: shown as the unquoted value
/// would be, with that value's family.
fn quoted(value: &str) -> DatabaseUrlError {
    // Quotes and whitespace together, so the inner value neither starts
    // nor ends with a quote and is read once, not quote by quote.
    let inner = value.trim_matches(|c: char| QUOTES.contains(&c) || c.is_whitespace());
    let (backend, shown) = if inner.is_empty() {
        (None, show::not_shown(value))
    } else {
        match DatabaseUrl::classify(inner) {
            Ok(url) => (Some(url.backend), url.shown),
            Err(error) => (error.backend, error.shown),
        }
    };
    DatabaseUrlError {
        problem: DatabaseUrlProblem::Quoted,
        backend: backend.filter(|b| *b != Backend::Unknown),
        shown,
    }
}

/// `scheme:rest`, where the scheme is a letter then letters, digits and
/// `+ . _ -` (SQLAlchemy's drivers hold `_`: `oracle+cx_oracle`).
fn split_scheme(value: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = value.split_once(':')?;
    is_scheme(scheme).then_some((scheme, rest))
}

fn is_scheme(text: &str) -> bool {
    let mut bytes = text.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'.' | b'_' | b'-'))
}

/// The family of a value that starts with a known scheme, for errors.
fn family_hint(value: &str) -> Option<Backend> {
    let body = if starts_with_ignore_case(value, "jdbc:") { &value[5..] } else { value };
    let (scheme, _) = split_scheme(body)?;
    Some(Backend::from_scheme(scheme)).filter(|b| *b != Backend::Unknown)
}

/// The family of `postgresql//…`: a known scheme followed by `//`.
fn scheme_without_colon(value: &str) -> Option<Backend> {
    let (scheme, _) = value.split_once("//")?;
    if !is_scheme(scheme) {
        return None;
    }
    Some(Backend::from_scheme(scheme)).filter(|b| *b != Backend::Unknown)
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.len() >= prefix.len()
        && text.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

#[cfg(test)]
mod tests;
