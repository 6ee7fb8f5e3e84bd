//! Classifying `DATABASE_URL`: which backend, where, and a redacted form.
//!
//! The family is decided from the scheme (or the shape of a scheme-less
//! value) before any parse, so a parser's misreading never decides it. The
//! components the checks need (hosts, port, database, TLS mode) are then
//! read from the *redacted* text: nothing derived from a URL can carry its
//! password. The `url` crate parses what is a URL; the forms it rejects or
//! misreads (several hosts, `;` property lists, libpq key/value strings,
//! EZConnect, SQLite paths) are split by hand.

mod network;
mod redact;

use std::fmt;

use url::Url;

use crate::ascii;
use crate::plain_url::{PlainUrl, position};
pub(crate) use network::{is_local_host, is_private_host};

/// A family of database servers, whatever the driver or alias.
///
/// ```
/// use guard_core::{Backend, DatabaseUrl};
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
    /// assert!(guard_core::Backend::ALL.contains(&guard_core::Backend::Sqlite));
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
    /// assert_eq!(guard_core::Backend::Sqlserver.id(), "sqlserver");
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
    /// assert_eq!(guard_core::Backend::Mysql.name(), "MySQL");
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
        let base = ascii::before(scheme, b'+');
        // Lowercased on the stack: no known scheme is longer.
        let mut lower = [0u8; 16];
        let Some(lower) = lower.get_mut(..base.len()) else {
            return Backend::Unknown;
        };
        lower.copy_from_slice(base.as_bytes());
        lower.make_ascii_lowercase();
        match std::str::from_utf8(lower).unwrap_or_default() {
            "postgres" | "postgresql" | "pgsql" | "psql" | "pg" | "postgis" | "timescale"
            | "timescaledb" | "timescalegis" | "redshift" => Backend::Postgresql,
            "mysql" | "mysql2" | "mysqlx" | "mysqlgis" | "mysql-connector" | "mariadb" => {
                Backend::Mysql
            }
            "sqlite" | "sqlite3" | "spatialite" | "file" => Backend::Sqlite,
            "libsql" => Backend::Libsql,
            "mssql" | "mssqlms" | "sqlserver" => Backend::Sqlserver,
            "oracle" | "oraclegis" => Backend::Oracle,
            "cockroach" | "cockroachdb" => Backend::Cockroachdb,
            "mongodb" => Backend::Mongodb,
            _ => Backend::Unknown,
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
/// use guard_core::{DatabaseUrl, Tls};
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

/// One host of a connection string, with its port if given.
///
/// ```
/// let url = guard_core::DatabaseUrl::classify("postgresql://h1:5432,h2:5433/db").unwrap();
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
    /// let url = guard_core::DatabaseUrl::classify("mysql://u:pw@[::1]:3306/db").unwrap();
    /// assert_eq!(url.endpoints()[0].host(), "::1");
    /// ```
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The port, if the string gives one.
    ///
    /// ```
    /// let url = guard_core::DatabaseUrl::classify("mysql://db/app").unwrap();
    /// assert_eq!(url.endpoints()[0].port(), None);
    /// ```
    pub fn port(&self) -> Option<u16> {
        self.port
    }
}

/// Why a `DATABASE_URL` could not be classified.
///
/// The text never holds the value itself (it may hold a password); the
/// redacted value is shown beside it by the finding.
///
/// ```
/// use guard_core::{DatabaseUrl, DatabaseUrlError};
///
/// let err = DatabaseUrl::classify("\"postgres://db/app\"").unwrap_err();
/// assert_eq!(err, DatabaseUrlError::Quoted);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DatabaseUrlError {
    /// The value is empty.
    #[error("is empty")]
    Empty,
    /// The value is wrapped in quotes, which the platform kept literally.
    #[error("is wrapped in quotes (the platform keeps them as part of the value)")]
    Quoted,
    /// The value holds a reference the platform did not resolve.
    #[error("holds the unresolved reference `{reference}`")]
    UnresolvedReference {
        /// The reference as written, e.g. `${{Postgres.DATABASE_URL}}`.
        reference: String,
    },
    /// The value has no scheme and is no path, key/value string or EZConnect.
    #[error("has no scheme (expected e.g. postgresql://user:password@host:5432/database)")]
    NoScheme,
    /// The value has a scheme but cannot be parsed.
    #[error("cannot be parsed: {reason}")]
    Malformed {
        /// What the parser objected to; never the value itself.
        reason: String,
    },
}

/// A classified `DATABASE_URL`: its backend family, a redacted form, and
/// what the checks need (hosts, socket, database name, TLS).
///
/// Every field is read from the redacted text, so `Debug` and `Display`
/// are safe to print.
///
/// ```
/// use guard_core::{Backend, DatabaseUrl};
///
/// let url = DatabaseUrl::classify("postgresql://postgres:hunter2@postgres.railway.internal:5432/railway").unwrap();
/// assert_eq!(url.backend(), Backend::Postgresql);
/// assert_eq!(url.redacted(), "postgresql://postgres:***@postgres.railway.internal:5432/railway");
/// assert_eq!(url.database(), Some("railway"));
/// assert!(!format!("{url:?}").contains("hunter2"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatabaseUrl {
    backend: Backend,
    scheme: Option<String>,
    redacted: String,
    endpoints: Vec<Endpoint>,
    socket: bool,
    database: Option<String>,
    tls: Tls,
}

impl fmt::Display for DatabaseUrl {
    /// Writes the redacted form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted)
    }
}

/// The shape of a value, decided before any parse.
enum Shape {
    /// `scheme://authority...`
    Url,
    /// `scheme:rest` without `//` (`sqlite:app.db`, `file:app.db`).
    Opaque,
    /// libpq `key=value ...`.
    KeyValue,
    /// Oracle `user/password@host:port/service`, or JDBC thin's `@...`.
    EzConnect,
    /// A file path: SQLite.
    Path,
    /// go-sql-driver/mysql's DSN: `user:password@tcp(host:3306)/db`.
    GoDsn,
}

impl DatabaseUrl {
    /// Classifies a connection string.
    ///
    /// Surrounding whitespace is ignored. Every SQLite form counts as SQLite;
    /// an unknown scheme gives [`Backend::Unknown`]; a value with no scheme
    /// that is no path, libpq key/value string or EZConnect is an error.
    ///
    /// ```
    /// use guard_core::{Backend, DatabaseUrl};
    ///
    /// for sqlite in ["sqlite::memory:", "db.sqlite3", "./data/app.db", "C:\\data\\app.db", "file:app.db?mode=ro"] {
    ///     assert_eq!(DatabaseUrl::classify(sqlite).unwrap().backend(), Backend::Sqlite, "{sqlite}");
    /// }
    /// assert_eq!(DatabaseUrl::classify("redis://cache:6379").unwrap().backend(), Backend::Unknown);
    /// assert!(DatabaseUrl::classify("${{Postgres.DATABASE_URL}}").is_err());
    /// ```
    pub fn classify(raw: &str) -> Result<DatabaseUrl, DatabaseUrlError> {
        let value = ascii::trim(raw);
        match DatabaseUrl::read_plain(value) {
            Some(url) => Ok(url),
            None => DatabaseUrl::read_any(value),
        }
    }

    /// The common case in one pass: a server's URL with a lowercase
    /// scheme and every part plain (`postgresql://user:password@host:5432/db
    /// ?sslmode=require`, no secret parameter), read exactly as
    /// [`read_any`](DatabaseUrl::read_any) reads it (the tests hold it to
    /// that), without its shape detection, redaction scan or parse. `None`
    /// sends anything else there.
    fn read_plain(value: &str) -> Option<DatabaseUrl> {
        // Only the first `:` can start the `://` of a scheme this reads:
        // the check below takes none with a `:` in it.
        let separator = ascii::find(value.as_bytes(), b':')?;
        if !value[separator..].starts_with("://") {
            return None;
        }
        let scheme = &value[..separator];
        let mut bytes = scheme.bytes();
        // Two letters at least: `c://data/app.db` is a Windows drive path.
        let lowercase = scheme.len() >= 2
            && bytes.next().is_some_and(|b| b.is_ascii_lowercase())
            && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'+');
        if !lowercase {
            return None;
        }
        let backend = Backend::from_scheme(scheme);
        // SQLite, Oracle and unknown schemes have forms of their own.
        if !matches!(
            backend,
            Backend::Postgresql
                | Backend::Mysql
                | Backend::Libsql
                | Backend::Sqlserver
                | Backend::Cockroachdb
                | Backend::Mongodb
        ) {
            return None;
        }
        let plain = PlainUrl::read(scheme, &value[separator + 3..])?;
        if plain.query_pairs().any(|(key, _)| redact::is_secret_key(key)) {
            return None;
        }
        // The password is all of the userinfo after its first `:`.
        let password = ascii::split_once(plain.userinfo, b':')
            .map(|(_, password)| password)
            .filter(|password| !password.is_empty())
            .map(|password| {
                let start = password.as_ptr() as usize - value.as_ptr() as usize;
                start..start + password.len()
            });
        let mut url = DatabaseUrl {
            backend,
            scheme: Some(scheme.to_owned()),
            redacted: redact::mask(value, password),
            endpoints: Vec::new(),
            socket: false,
            database: None,
            tls: Tls::Default,
        };
        url.read_plain_parts(&plain);
        Some(url)
    }

    /// Classifies any connection string: decides its shape, redacts it,
    /// then reads the redacted text.
    fn read_any(value: &str) -> Result<DatabaseUrl, DatabaseUrlError> {
        if value.is_empty() {
            return Err(DatabaseUrlError::Empty);
        }
        if is_quoted(value) {
            return Err(DatabaseUrlError::Quoted);
        }
        let body = body_start(value);
        let redacted = redact::redact(value, body);
        if let Some(raw_reference) = unresolved_reference(value) {
            // Shown from the redacted text: a `${` inside a password would
            // otherwise carry the rest of the password into the message.
            let reference = match unresolved_reference(&redacted) {
                Some(reference) => reference.to_owned(),
                None if raw_reference.starts_with("${{") => "${{***}}".to_owned(),
                None => "${***}".to_owned(),
            };
            return Err(DatabaseUrlError::UnresolvedReference { reference });
        }
        let oracle_driver = value.as_bytes()[..body]
            .windows("oracle:".len())
            .any(|w| w.eq_ignore_ascii_case(b"oracle:"));
        let (shape, backend, scheme) =
            shape_of(&value[body..], oracle_driver).ok_or(DatabaseUrlError::NoScheme)?;
        // The redacted text keeps the prefix and everything up to the
        // password, so `body` is still the start of the connection part.
        let text = &redacted[body..];
        let mut url = DatabaseUrl {
            backend,
            scheme,
            // Moved in below, once `text` is read.
            redacted: String::new(),
            endpoints: Vec::new(),
            socket: false,
            database: None,
            tls: Tls::Default,
        };
        match shape {
            Shape::Url if backend == Backend::Sqlite => url.read_sqlite(text),
            Shape::Url => url.read_url(text)?,
            Shape::Opaque => {
                if backend == Backend::Sqlite {
                    url.read_sqlite(text);
                }
            }
            Shape::KeyValue => url.read_key_value(text),
            Shape::EzConnect => url.read_ez_connect(text),
            Shape::Path => url.database = Some(text.to_owned()),
            Shape::GoDsn => url.read_go_dsn(text),
        }
        url.redacted = redacted;
        Ok(url)
    }

    /// Redacts a connection string without classifying it: passwords and
    /// secret parameters become `***`, whatever the string's shape.
    ///
    /// ```
    /// let shown = guard_core::DatabaseUrl::redact("postgres://u:p@ss/w0rd@db/app");
    /// assert_eq!(shown, "postgres://u:***@db/app");
    /// ```
    pub fn redact(raw: &str) -> String {
        let value = raw.trim();
        let inner = value.trim_matches(['"', '\'']);
        redact::redact(inner, body_start(inner))
    }

    /// The backend family.
    ///
    /// ```
    /// let url = guard_core::DatabaseUrl::classify("mongodb+srv://u:pw@cluster0.example.net/shop").unwrap();
    /// assert_eq!(url.backend(), guard_core::Backend::Mongodb);
    /// ```
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The scheme as written, lowercased, after any `jdbc:` prefix
    /// (`postgresql+asyncpg`); `None` for scheme-less forms.
    ///
    /// ```
    /// let url = guard_core::DatabaseUrl::classify("JDBC:MySQL://db/app").unwrap();
    /// assert_eq!(url.scheme(), Some("mysql"));
    /// ```
    pub fn scheme(&self) -> Option<&str> {
        self.scheme.as_deref()
    }

    /// The connection string with every password and secret parameter
    /// replaced by `***`.
    ///
    /// ```
    /// let url = guard_core::DatabaseUrl::classify("host=db password=s3cret dbname=app").unwrap();
    /// assert_eq!(url.redacted(), "host=db password=*** dbname=app");
    /// ```
    pub fn shown(&self) -> &str {
        &self.redacted
    }

    /// Old name of [`shown`](DatabaseUrl::shown).
    pub fn redacted(&self) -> &str {
        &self.redacted
    }

    /// The hosts, in order; empty for SQLite and for a unix socket.
    ///
    /// ```
    /// let url = guard_core::DatabaseUrl::classify("postgres://db.internal:6543/app").unwrap();
    /// assert_eq!(url.endpoints()[0].host(), "db.internal");
    /// ```
    pub fn endpoints(&self) -> &[Endpoint] {
        &self.endpoints
    }

    /// Whether the connection goes through a unix socket.
    ///
    /// ```
    /// let url = guard_core::DatabaseUrl::classify("host=/var/run/postgresql dbname=app").unwrap();
    /// assert!(url.is_unix_socket());
    /// ```
    pub fn is_unix_socket(&self) -> bool {
        self.socket
    }

    /// The database name (for SQLite, the file path).
    ///
    /// ```
    /// let url = guard_core::DatabaseUrl::classify("sqlite:///data/app.db").unwrap();
    /// assert_eq!(url.database(), Some("/data/app.db"));
    /// ```
    pub fn database(&self) -> Option<&str> {
        self.database.as_deref()
    }

    /// Whether the string turns TLS on or off.
    ///
    /// ```
    /// let url = guard_core::DatabaseUrl::classify("mysql://db/app?ssl-mode=REQUIRED").unwrap();
    /// assert_eq!(url.tls(), guard_core::Tls::Required);
    /// ```
    pub fn tls(&self) -> Tls {
        self.tls
    }

    fn read_sqlite(&mut self, text: &str) {
        let after_scheme = text.split_once(':').map_or(text, |(_, rest)| rest);
        let path = if let Some(rest) = after_scheme.strip_prefix("//") {
            // `sqlite:///abs` is `/abs`; `sqlite://rel` is `rel`.
            rest
        } else {
            after_scheme
        };
        let path = path.split('?').next().unwrap_or(path);
        self.database = (!path.is_empty()).then(|| path.to_owned());
    }

    fn read_url(&mut self, text: &str) -> Result<(), DatabaseUrlError> {
        let (scheme_part, rest) = match scheme_separator(text) {
            Some(n) => (&text[..n], &text[n + 3..]),
            None => (text, ""),
        };
        // SQLAlchemy writes drivers with `_` (`oracle+cx_oracle`), which no
        // URL scheme may hold: parse with the family's part alone.
        let scheme_part = if scheme_part.contains('_') {
            scheme_part.split('+').next().unwrap_or(scheme_part)
        } else {
            scheme_part
        };
        let authority_end = position(rest, |b| matches!(b, b'/' | b'?' | b'#' | b';'));
        let authority = &rest[..authority_end];
        let (userinfo, hosts) = match authority.rfind('@') {
            Some(at) => (&authority[..=at], &authority[at + 1..]),
            None => ("", authority),
        };
        let tail = &rest[authority_end..];

        if hosts.contains(',') || tail.starts_with(';') {
            // Several hosts, or a JDBC property list: forms the `url` crate
            // rejects. Split the hosts by hand, then let `url` check the rest
            // of the string with the first host in their place.
            for host in hosts.split(',') {
                self.endpoints.push(parse_host_port(host)?);
            }
            let (path_and_query, properties) = match tail.strip_prefix(';') {
                Some(properties) => ("", properties),
                None => (tail, ""),
            };
            let first = hosts.split(',').next().unwrap_or_default();
            let probe = format!("{scheme_part}://{userinfo}{first}{path_and_query}");
            let parsed = Url::parse(&probe).map_err(malformed)?;
            self.read_path_and_query(&parsed);
            for (key, value) in properties.split(';').filter_map(|p| p.split_once('=')) {
                self.read_parameter(key.trim(), value.trim());
            }
        } else if let Some(plain) = PlainUrl::read(scheme_part, rest) {
            // The common case: read as `url` would, without its parse.
            self.read_plain_parts(&plain);
        } else {
            // `url` rejects a userinfo before an empty host, which libpq
            // reads as the default socket (`postgresql://user@/db`).
            let probe = if hosts.is_empty() {
                format!("{scheme_part}://{tail}")
            } else {
                format!("{scheme_part}://{rest}")
            };
            let parsed = Url::parse(&probe).map_err(malformed)?;
            if let Some(host) = parsed.host_str().filter(|h| !h.is_empty()) {
                let host = host.trim_start_matches('[').trim_end_matches(']');
                if host.starts_with('/') || host.to_ascii_lowercase().starts_with("%2f") {
                    self.socket = true;
                } else {
                    self.endpoints.push(Endpoint { host: host.to_owned(), port: parsed.port() });
                }
            } else if matches!(self.backend, Backend::Postgresql | Backend::Cockroachdb) {
                // libpq: an empty host means the default unix socket.
                self.socket = true;
            }
            self.read_path_and_query(&parsed);
        }
        Ok(())
    }

    /// The host, database and parameters of a plain URL.
    fn read_plain_parts(&mut self, plain: &PlainUrl<'_>) {
        self.endpoints.push(Endpoint { host: plain.host.to_owned(), port: plain.port });
        self.read_database_name(plain.path);
        for (key, value) in plain.query_pairs() {
            self.read_parameter(key, value);
        }
    }

    fn read_path_and_query(&mut self, parsed: &Url) {
        self.read_database_name(parsed.path());
        for (key, value) in parsed.query_pairs() {
            self.read_parameter(&key, &value);
        }
    }

    /// The database is the first segment of the path.
    fn read_database_name(&mut self, path: &str) {
        let database = path.trim_start_matches('/');
        if !database.is_empty() {
            self.database = Some(ascii::before(database, b'/').to_owned());
        }
    }

    /// Reads one parameter the checks care about: TLS mode, a socket host,
    /// a database name given as a property.
    fn read_parameter(&mut self, key: &str, value: &str) {
        // Compared ignoring ASCII case, without lowercased copies.
        let is = |text: &str, names: &[&str]| names.iter().any(|n| n.eq_ignore_ascii_case(text));
        if is(key, &["sslmode", "ssl-mode", "ssl_mode", "tlsmode"]) {
            if is(value, &["disable", "disabled", "allow"]) {
                self.tls = Tls::Disabled;
            } else if is(
                value,
                &[
                    "require",
                    "required",
                    "verify-ca",
                    "verify-full",
                    "verify_ca",
                    "verify_identity",
                ],
            ) {
                self.tls = Tls::Required;
            }
        } else if is(key, &["ssl", "usessl", "tls", "encrypt", "requiressl", "sslenabled"]) {
            if is(value, &["false", "0", "no", "off", "disable", "disabled"]) {
                self.tls = Tls::Disabled;
            } else if is(
                value,
                &["true", "1", "yes", "on", "require", "required", "strict", "mandatory"],
            ) {
                self.tls = Tls::Required;
            }
        } else if is(key, &["host", "socket", "unix_socket"]) && value.starts_with('/') {
            self.socket = true;
        } else if key.eq_ignore_ascii_case("host") && !value.is_empty() {
            for host in value.split(',') {
                if let Ok(endpoint) = parse_host_port(host) {
                    self.endpoints.push(endpoint);
                }
            }
        } else if is(key, &["database", "databasename", "dbname"]) {
            self.database = Some(value.to_owned());
        }
    }

    fn read_key_value(&mut self, text: &str) {
        let mut port = None;
        for (key, value) in key_value_pairs(text) {
            match key.to_ascii_lowercase().as_str() {
                "host" | "hostaddr" => {
                    for host in value.split(',').filter(|h| !h.is_empty()) {
                        if host.starts_with('/') || host.starts_with('@') {
                            self.socket = true;
                        } else {
                            self.endpoints.push(Endpoint { host: host.to_owned(), port: None });
                        }
                    }
                }
                "port" => port = value.split(',').next().and_then(|p| p.parse().ok()),
                _ => self.read_parameter(&key, &value),
            }
        }
        for endpoint in &mut self.endpoints {
            endpoint.port = port;
        }
        if self.endpoints.is_empty() {
            // libpq without a host connects over the default unix socket.
            self.socket = true;
        }
    }

    fn read_go_dsn(&mut self, text: &str) {
        let address = text.rsplit_once('@').map_or(text, |(_, address)| address);
        let Some((protocol, rest)) = address.split_once('(') else {
            return;
        };
        let Some((target, after)) = rest.split_once(')') else {
            return;
        };
        if protocol.eq_ignore_ascii_case("unix") {
            self.socket = true;
        } else if let Ok(endpoint) = parse_host_port(target) {
            self.endpoints.push(endpoint);
        }
        let (path, query) = after.split_once('?').unwrap_or((after, ""));
        let database = path.trim_start_matches('/');
        self.database = (!database.is_empty()).then(|| database.to_owned());
        for (key, value) in query.split('&').filter_map(|p| p.split_once('=')) {
            self.read_parameter(key, value);
        }
    }

    fn read_ez_connect(&mut self, text: &str) {
        let Some((_, target)) = text.rsplit_once('@') else {
            return;
        };
        let target = target.trim_start_matches('/');
        if target.starts_with('(') {
            // A TNS descriptor: no single host to read.
            return;
        }
        let (address, service) = match target.split_once('/') {
            Some((address, service)) => (address, Some(service)),
            None => (target, None),
        };
        let mut parts = address.splitn(3, ':');
        let host = parts.next().unwrap_or_default();
        let port = parts.next().and_then(|p| p.parse().ok());
        let sid = parts.next();
        if !host.is_empty() {
            self.endpoints.push(Endpoint { host: host.to_owned(), port });
        }
        self.database = service.or(sid).map(str::to_owned);
    }
}

fn malformed(error: url::ParseError) -> DatabaseUrlError {
    DatabaseUrlError::Malformed { reason: error.to_string() }
}

/// `host`, `host:port` or `[v6]:port`.
fn parse_host_port(text: &str) -> Result<Endpoint, DatabaseUrlError> {
    let text = text.trim();
    let (host, port) = if let Some(rest) = text.strip_prefix('[') {
        let (host, after) = rest.split_once(']').ok_or_else(|| DatabaseUrlError::Malformed {
            reason: "unclosed `[` in an IPv6 host".to_owned(),
        })?;
        (host, after.strip_prefix(':'))
    } else {
        match text.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (text, None),
        }
    };
    let port = match port {
        None | Some("") => None,
        Some(port) => Some(port.parse::<u16>().map_err(|_| DatabaseUrlError::Malformed {
            reason: "invalid port number".to_owned(),
        })?),
    };
    if host.is_empty() {
        return Err(DatabaseUrlError::Malformed { reason: "empty host".to_owned() });
    }
    Ok(Endpoint { host: host.to_owned(), port })
}

/// libpq `key=value` pairs; values may be single-quoted with `\` escapes.
fn key_value_pairs(text: &str) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let key: String =
            std::iter::from_fn(|| chars.next_if(|c| *c != '=' && !c.is_whitespace())).collect();
        if key.is_empty() {
            break;
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.next_if_eq(&'=').is_none() {
            break;
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let mut value = String::new();
        if chars.next_if_eq(&'\'').is_some() {
            while let Some(c) = chars.next() {
                match c {
                    '\\' => value.extend(chars.next()),
                    '\'' => break,
                    c => value.push(c),
                }
            }
        } else {
            value.extend(std::iter::from_fn(|| chars.next_if(|c| !c.is_whitespace())));
        }
        pairs.push((key, value));
    }
    pairs
}

fn is_quoted(value: &str) -> bool {
    let quote = |c: char| matches!(c, '"' | '\'' | '`' | '“' | '”' | '‘' | '’');
    value.starts_with(quote) || value.ends_with(quote)
}

/// `${{Service.VAR}}` (Railway) or `${VAR}` (shell-style), left unresolved.
fn unresolved_reference(value: &str) -> Option<&str> {
    // Most values hold no `$` at all: one `memchr` tells.
    if !value.as_bytes().contains(&b'$') {
        return None;
    }
    let start =
        value.match_indices('$').map(|(n, _)| n).find(|&n| value[n + 1..].starts_with('{'))?;
    let rest = &value[start..];
    let end = if rest.starts_with("${{") {
        rest.find("}}").map(|n| n + 2)
    } else {
        rest.find('}').map(|n| n + 1)
    };
    Some(&rest[..end.unwrap_or(rest.len())])
}

/// Where the connection part starts: after `jdbc:`, and after Oracle thin's
/// `oracle:thin:` / `oracle:oci:` (where the EZConnect part begins).
fn body_start(value: &str) -> usize {
    let mut start = 0;
    if starts_with_ignore_case(value, "jdbc:") {
        start = 5;
    }
    for driver in ["oracle:thin:", "oracle:oci:"] {
        if starts_with_ignore_case(&value[start..], driver) {
            return start + driver.len();
        }
    }
    start
}

/// Where the first `://` starts: found from each `:`, which is cheaper on
/// a short string than a substring search.
pub(crate) fn scheme_separator(text: &str) -> Option<usize> {
    text.match_indices(':').map(|(n, _)| n).find(|&n| text[n + 1..].starts_with("//"))
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.len() >= prefix.len()
        && text.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// Decides the shape and family of a value (after any `jdbc:` prefix).
/// `None` for a value with no scheme and no other recognisable shape.
fn shape_of(body: &str, oracle_driver: bool) -> Option<(Shape, Backend, Option<String>)> {
    if body == ":memory:" {
        return Some((Shape::Path, Backend::Sqlite, None));
    }
    if oracle_driver && (body.is_empty() || body.starts_with('@')) {
        // JDBC thin's `jdbc:oracle:thin:@//host:1521/service`.
        return Some((Shape::EzConnect, Backend::Oracle, Some("oracle".to_owned())));
    }
    if is_key_value(body) {
        return Some((Shape::KeyValue, Backend::Postgresql, None));
    }
    if is_drive_path(body) {
        return Some((Shape::Path, Backend::Sqlite, None));
    }
    if is_ez_connect(body) {
        return Some((Shape::EzConnect, Backend::Oracle, None));
    }
    if is_go_dsn(body) {
        return Some((Shape::GoDsn, Backend::Mysql, None));
    }
    if let Some(scheme) = scheme_of(body) {
        let backend = Backend::from_scheme(scheme);
        let lowered = Some(scheme.to_ascii_lowercase());
        let rest = &body[scheme.len() + 1..];
        if backend == Backend::Oracle && !rest.starts_with("//") {
            return Some((Shape::EzConnect, backend, lowered));
        }
        let shape = if rest.starts_with("//") {
            Shape::Url
        } else if backend == Backend::Unknown {
            // `user:password@host/db` or `localhost:5432/db`: what looks
            // like a scheme is a user or a host, and the scheme is missing.
            return None;
        } else {
            Shape::Opaque
        };
        return Some((shape, backend, lowered));
    }
    is_path(body).then_some((Shape::Path, Backend::Sqlite, None))
}

fn scheme_of(body: &str) -> Option<&str> {
    let colon = body.find(':')?;
    let scheme = &body[..colon];
    ascii::is_scheme(scheme).then_some(scheme)
}

fn is_key_value(body: &str) -> bool {
    let key_len = body.bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'_').count();
    key_len > 0
        && body.as_bytes()[0].is_ascii_alphabetic()
        && body[key_len..].trim_start().starts_with('=')
}

fn is_drive_path(body: &str) -> bool {
    let bytes = body.as_bytes();
    bytes.len() >= 3
        && bytes[0].is_ascii_alphabetic()
        && bytes[1] == b':'
        && matches!(bytes[2], b'\\' | b'/')
}

/// `user/password@host...` with no scheme.
fn is_ez_connect(body: &str) -> bool {
    let Some(slash) = body.find('/') else {
        return false;
    };
    let user = &body[..slash];
    !user.is_empty()
        && user.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$' | b'#' | b'.'))
        && body[slash..].contains('@')
}

/// go-sql-driver/mysql: `[user[:password]@]tcp(host:port)/db` or `unix(/path)`.
fn is_go_dsn(body: &str) -> bool {
    let address = body.rsplit_once('@').map_or(body, |(_, address)| address);
    ["tcp(", "unix("].iter().any(|protocol| starts_with_ignore_case(address, protocol))
}

fn is_path(body: &str) -> bool {
    const ENDINGS: [&str; 6] = [".db", ".sqlite", ".sqlite3", ".db3", ".s3db", ".sl3"];
    let lower = body.to_ascii_lowercase();
    body.contains(['/', '\\']) || ENDINGS.iter().any(|ending| lower.ends_with(ending))
}

#[cfg(test)]
mod tests;
