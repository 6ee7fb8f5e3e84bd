//! The check catalog: every check guard runs, named once, with its
//! severities and texts. The rule that runs a check is the function of the
//! same name in `checks/rules.rs`.

use std::fmt;
use std::str::FromStr;

/// How much a finding matters.
///
/// ```
/// use prodguard::Severity;
/// assert_eq!(Severity::Error.id(), "error");
/// assert!(Severity::Error < Severity::Warning);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Severity {
    /// Blocks start-up.
    Error,
    /// Reported; never blocks.
    Warning,
    /// Would block or warn, but the app's policy allows the check.
    Allowed,
}

impl Severity {
    /// The lowercase id used in JSON: `error`, `warning`, `allowed`.
    ///
    /// ```
    /// assert_eq!(prodguard::Severity::Allowed.id(), "allowed");
    /// ```
    pub const fn id(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Allowed => "allowed",
        }
    }

    /// The marker that starts a finding's line in a report.
    ///
    /// ```
    /// assert_eq!(prodguard::Severity::Error.marker(), "❌");
    /// ```
    pub const fn marker(self) -> &'static str {
        match self {
            Severity::Error => "❌",
            Severity::Warning => "⚠️ ",
            Severity::Allowed => "☑️ ",
        }
    }
}

impl fmt::Display for Severity {
    /// Writes the id.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A check guard runs, named by its stable snake_case id.
///
/// ```
/// use prodguard::Check;
///
/// let check: Check = "sqlite_in_production".parse().unwrap();
/// assert_eq!(check, Check::SqliteInProduction);
/// assert_eq!(check.id(), "sqlite_in_production");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Check {
    /// `debug_in_production`: a platform is detected and `DEBUG` is true.
    DebugInProduction,
    /// `invalid_boolean`: `DEBUG` or `LOCAL_TEST` is no boolean.
    InvalidBoolean,
    /// `local_test_in_production`: `LOCAL_TEST` is true in production.
    LocalTestInProduction,
    /// `database_url_missing`: `DATABASE_URL` is unset.
    DatabaseUrlMissing,
    /// `database_url_invalid`: `DATABASE_URL` cannot be used as written.
    DatabaseUrlInvalid,
    /// `sqlite_in_production`: `DATABASE_URL` is SQLite in production.
    SqliteInProduction,
    /// `embedded_database_in_production`: H2, HSQLDB or Derby in production.
    EmbeddedDatabaseInProduction,
    /// `unknown_database_backend`: the scheme is no database guard knows.
    UnknownDatabaseBackend,
    /// `database_scheme_unsupported`: the framework's driver refuses the scheme.
    DatabaseSchemeUnsupported,
    /// `secret_key_missing`: `SECRET_KEY` is unset.
    SecretKeyMissing,
    /// `secret_key_weak`: `SECRET_KEY` is guessable.
    SecretKeyWeak,
    /// `site_url_insecure`: `SITE_URL` is not https.
    SiteUrlInsecure,
    /// `site_url_host_not_allowed`: `SITE_URL`'s host is not in `ALLOWED_HOSTS`.
    SiteUrlHostNotAllowed,
    /// `required_variable_missing`: a variable the app requires is unset.
    RequiredVariableMissing,
    /// `allowed_hosts_wildcard`: `ALLOWED_HOSTS` contains `*`.
    AllowedHostsWildcard,
    /// `public_domain_not_allowed`: `ALLOWED_HOSTS` lacks Railway's public domain.
    PublicDomainNotAllowed,
    /// `database_host_local`: the database host is this machine, on a platform.
    DatabaseHostLocal,
    /// `database_tls_disabled`: TLS is off to a host outside the private network.
    DatabaseTlsDisabled,
    /// `database_unreachable`: the probe reached no database host (an error),
    /// or not this one while another answers (a warning).
    DatabaseUnreachable,
    /// `database_protocol_mismatch`: a host answered the probe, but not in
    /// the URL's protocol.
    DatabaseProtocolMismatch,
    /// `database_tls_unavailable`: the URL requires TLS and a host offers none.
    DatabaseTlsUnavailable,
    /// `database_tls_not_offered`: a host off the private network offers no TLS.
    DatabaseTlsNotOffered,
}

use Severity::{Error, Warning};

impl Check {
    /// Every check, in catalog order (the order of a report).
    ///
    /// ```
    /// assert_eq!(prodguard::Check::ALL.len(), 22);
    /// ```
    pub const ALL: &'static [Check] = &[
        Check::DebugInProduction,
        Check::InvalidBoolean,
        Check::LocalTestInProduction,
        Check::DatabaseUrlMissing,
        Check::DatabaseUrlInvalid,
        Check::SqliteInProduction,
        Check::EmbeddedDatabaseInProduction,
        Check::UnknownDatabaseBackend,
        Check::DatabaseSchemeUnsupported,
        Check::SecretKeyMissing,
        Check::SecretKeyWeak,
        Check::SiteUrlInsecure,
        Check::SiteUrlHostNotAllowed,
        Check::RequiredVariableMissing,
        Check::AllowedHostsWildcard,
        Check::PublicDomainNotAllowed,
        Check::DatabaseHostLocal,
        Check::DatabaseTlsDisabled,
        Check::DatabaseUnreachable,
        Check::DatabaseProtocolMismatch,
        Check::DatabaseTlsUnavailable,
        Check::DatabaseTlsNotOffered,
    ];

    /// The catalog's row for this check: id, severity in production,
    /// severity outside production (`None`: it does not run there),
    /// summary, description.
    // A table: one row a check.
    #[rustfmt::skip]
    const fn entry(self) -> (&'static str, Severity, Option<Severity>, &'static str, &'static str) {
        match self {
            Check::DebugInProduction => ("debug_in_production", Error, None, "DEBUG is true on a hosting platform",
                "A hosting platform was detected from the variables it injects, and DEBUG is true. Debug mode shows stack traces and settings to visitors and, in the incident guard exists for, came with LOCAL_TEST and so with SQLite. On a platform the process is production whatever DEBUG says; set DEBUG=false (or delete it). Local runs that borrow a platform's variables (`railway run`, `vercel dev`, `netlify dev`) count as production too. Under a framework profile the same holds for its debug flag (APP_DEBUG, FLASK_DEBUG) and, on a platform, for a development value of its environment switch (RAILS_ENV=development, NODE_ENV=test, ...)."),
            Check::InvalidBoolean => ("invalid_boolean", Error, Some(Warning), "DEBUG or LOCAL_TEST is not a boolean",
                "DEBUG and LOCAL_TEST accept true/false, 1/0, yes/no, on/off in any case, with surrounding whitespace ignored. Anything else is a typo whose meaning differs between frameworks, so guard does not guess: an invalid DEBUG is treated as not true (production), and the value is reported so it can be corrected (shown only when it is short and plain: a renamed variable may hold a secret)."),
            Check::LocalTestInProduction => ("local_test_in_production", Error, None, "LOCAL_TEST is true in production",
                "LOCAL_TEST=true switches an app to SQLite for local tests. Left set in a platform's variables, it ran a web shop on SQLite in production: the single-writer lock failed under concurrent users, every session load failed, and the logs hit the platform's rate limit. Delete LOCAL_TEST (or set it to false) in production."),
            Check::DatabaseUrlMissing => ("database_url_missing", Error, None, "DATABASE_URL is not set",
                "A production app needs a database server; without DATABASE_URL many frameworks fall back to a local SQLite file, which loses data on every deploy and fails under concurrent writers. On Railway, add a PostgreSQL service and reference its URL with DATABASE_URL=${{Postgres.DATABASE_URL}}. An app with no database says so in its policy."),
            Check::DatabaseUrlInvalid => ("database_url_invalid", Error, Some(Warning), "DATABASE_URL cannot be parsed",
                "DATABASE_URL matches none of the connection-string forms guard reads (URLs, libpq key/value strings, ADO.NET strings, JDBC URLs, go-sql-driver DSNs, Oracle EZConnect, SQLite paths), is wrapped in quotes (platforms keep them as part of the value), holds a reference the platform did not resolve (${{Postgres.DATABASE_URL}} when no service is named Postgres, or shell syntax like ${VAR}), or is not UTF-8. guard never guesses a form: a value it cannot read could be SQLite. The driver would fail on it at the first query instead of at start-up."),
            Check::SqliteInProduction => ("sqlite_in_production", Error, None, "DATABASE_URL is SQLite in production",
                "SQLite is a file with a single-writer lock. In production it fails under concurrent users, and on most platforms the file is lost on every deploy. Every form counts: sqlite: URLs, file: URIs, :memory:, bare paths such as db.sqlite3, ADO.NET `Data Source=app.db`. libsql:// (Turso) is a server and is not refused. To run SQLite on a persistent volume deliberately (one replica, one writer), allow this check."),
            Check::EmbeddedDatabaseInProduction => ("embedded_database_in_production", Error, None, "the database is embedded (H2, HSQLDB, Derby)",
                "The database URL names an embedded database (jdbc:h2:, jdbc:hsqldb:, jdbc:derby:), which runs inside the app's own process, in memory or in the container's files: its data is lost on every deploy or restart and no second replica sees it. Spring Boot falls back to one when it finds H2 on the classpath. Point the URL at a database server."),
            Check::UnknownDatabaseBackend => ("unknown_database_backend", Error, Some(Warning), "DATABASE_URL names no known database",
                "The scheme of DATABASE_URL is none of PostgreSQL (and kin), MySQL/MariaDB, SQLite, libSQL, SQL Server, Oracle, CockroachDB or MongoDB. Usually another service's URL was pasted (redis://, https://). Under the phoenix profile, ecto:// names the Repo's database (Ecto ignores the scheme) and is not reported. If it really is a database guard does not know, allow this check."),
            Check::DatabaseSchemeUnsupported => ("database_scheme_unsupported", Warning, Some(Warning), "the framework's driver refuses the database URL's scheme",
                "The database URL's scheme is one the framework's usual driver refuses: under the flask profile, SQLAlchemy 1.4 and later refuse postgres:// (Heroku's and other platforms' default) with NoSuchModuleError. A warning, not an error: many apps rewrite the scheme before creating the engine (Heroku's documented workaround). Use postgresql://, or allow this check if the app rewrites it."),
            Check::SecretKeyMissing => ("secret_key_missing", Error, None, "SECRET_KEY is not set",
                "Sessions kept off the database live in signed cookies, so everything rests on SECRET_KEY: without it sessions cannot be signed (or are signed with a default anyone can read in the source). Generate one with `openssl rand -hex 32` (64 characters). An app that signs nothing says so in its policy."),
            Check::SecretKeyWeak => ("secret_key_weak", Error, None, "SECRET_KEY is weak",
                "SECRET_KEY is shorter than 50 characters, has fewer than 5 distinct characters, is a known placeholder (changeme, change me, TODO, your-secret-key, ...), starts with Django's django-insecure- development prefix, repeats a shorter sequence, is more than a third one character, holds control or invisible characters (NUL, zero-width spaces), is the database password or URL, or is not UTF-8. A framework profile applies its own rule on top (Phoenix: at least 64 bytes; Laravel: APP_KEY of exactly 16 or 32 bytes), and so does a cookie::Key policy (64 bytes). Anyone who guesses it can forge sessions. `openssl rand -hex 32` gives 64 characters and passes; `openssl rand -base64 32` gives 44 and does not. Changing the key signs every user out."),
            Check::SiteUrlInsecure => ("site_url_insecure", Error, None, "SITE_URL is not https",
                "SITE_URL is used to build links, redirects and cookie settings. An http:// (or unparsable) value sends users and session cookies over plain HTTP. Set it to the app's public https:// address."),
            Check::SiteUrlHostNotAllowed => ("site_url_host_not_allowed", Error, Some(Warning), "SITE_URL's host is not in ALLOWED_HOSTS",
                "Both SITE_URL and ALLOWED_HOSTS are set, and the host of SITE_URL does not match ALLOWED_HOSTS (matched as Django does: `*` matches any host, `.example.com` the domain and its subdomains, case-insensitive). Requests to the app's own address would be refused."),
            Check::RequiredVariableMissing => ("required_variable_missing", Error, Some(Warning), "a variable the app requires is not set",
                "The app's policy requires this variable, and it is unset, empty, whitespace or not UTF-8."),
            Check::AllowedHostsWildcard => ("allowed_hosts_wildcard", Warning, None, "ALLOWED_HOSTS contains *",
                "With `*` in ALLOWED_HOSTS the app answers to any Host header, which opens it to host-header attacks (poisoned password-reset links, cache poisoning). List the app's own domains instead."),
            Check::PublicDomainNotAllowed => ("public_domain_not_allowed", Warning, Some(Warning), "ALLOWED_HOSTS lacks RAILWAY_PUBLIC_DOMAIN",
                "Railway gives the service a public domain (RAILWAY_PUBLIC_DOMAIN), ALLOWED_HOSTS is set, and it does not match that domain: requests to it would be refused with 400 Bad Request. Add the domain (or reference it: ALLOWED_HOSTS=${{RAILWAY_PUBLIC_DOMAIN}})."),
            Check::DatabaseHostLocal => ("database_host_local", Warning, None, "DATABASE_URL points at localhost on a platform",
                "On a hosting platform, localhost and loopback addresses are the app's own container, where no database runs: the URL was copied from a development machine. A unix socket is not reported. Reference the database service's URL instead."),
            Check::DatabaseTlsDisabled => ("database_tls_disabled", Warning, None, "DATABASE_URL turns TLS off to a public host",
                "DATABASE_URL turns TLS off (sslmode=disable or allow, ssl=false, useSSL=false, tls=false, encrypt=false, ...) while the host is outside the private network (private: unix sockets, loopback, RFC 1918, 100.64.0.0/10, IPv6 unique-local and link-local, single-label names, *.railway.internal, *.internal, *.local, *.svc, *.cluster.local, *.flycast). Passwords and data then cross the internet in clear text."),
            Check::DatabaseUnreachable => ("database_unreachable", Error, Some(Warning), "the database did not answer the probe",
                "Run only when asked (`prodguard check --probe`, or the probe in the app's policy): guard resolved each host of DATABASE_URL, connected, and waited for the protocol's first answer, the whole probe bounded in time (5 s by default). A host that does not resolve, refuses the connection, stays silent where its protocol speaks (a MySQL server greets first; PostgreSQL answers SSLRequest), or closes the connection before a byte (as a proxy whose database is down does) did not answer. Usual causes: a typo in the host or port, a stale reference to a removed service, a private host probed from outside the private network, a database that is down. With several hosts this is an error only when no host answers; each host that fails while another answers is a warning naming its host:port. guard never authenticates and never sends a credential."),
            Check::DatabaseProtocolMismatch => ("database_protocol_mismatch", Error, Some(Warning), "the database host speaks another protocol",
                "Run only with the probe: the host answered, but not as the URL's database does. A PostgreSQL URL aimed at a MySQL port receives MySQL's greeting; a server that answers PostgreSQL's SSLRequest with more than its one byte (`S` or `N`) before any TLS handshake breaks the protocol, and a client that read those bytes could be fed data by a man in the middle (CVE-2021-23222). Check the scheme and the port of DATABASE_URL against the database service."),
            Check::DatabaseTlsUnavailable => ("database_tls_unavailable", Error, Some(Warning), "DATABASE_URL requires TLS and the server offers none",
                "Run only with the probe: DATABASE_URL requires TLS (sslmode=require or stricter, ssl=true, encrypt=true, ...) and a host answered that it has none (PostgreSQL's `N` to SSLRequest, a MySQL greeting without the CLIENT_SSL capability). Every connection would fail at the first request. Turn TLS on in the database server, or point DATABASE_URL at a host that offers it."),
            Check::DatabaseTlsNotOffered => ("database_tls_not_offered", Warning, Some(Warning), "a public database host offers no TLS",
                "Run only with the probe: a host outside the private network (see database_tls_disabled for what is private) answered that it offers no TLS, so passwords and data cross the internet in clear text whatever DATABASE_URL asks. Turn TLS on in the database server, or connect over the platform's private network."),
        }
    }

    /// The stable snake_case id, as the CLI and JSON write it.
    ///
    /// ```
    /// assert_eq!(prodguard::Check::DatabaseTlsDisabled.id(), "database_tls_disabled");
    /// ```
    pub const fn id(self) -> &'static str {
        self.entry().0
    }

    /// The check with this exact id, if any.
    ///
    /// ```
    /// use prodguard::Check;
    /// assert_eq!(Check::from_id("debug_in_production"), Some(Check::DebugInProduction));
    /// assert_eq!(Check::from_id("debug"), None);
    /// ```
    pub fn from_id(id: &str) -> Option<Check> {
        Check::ALL.iter().copied().find(|check| check.id() == id)
    }

    /// A one-line summary.
    ///
    /// ```
    /// assert_eq!(prodguard::Check::SqliteInProduction.summary(), "DATABASE_URL is SQLite in production");
    /// ```
    pub const fn summary(self) -> &'static str {
        self.entry().3
    }

    /// What the check catches and why it matters.
    ///
    /// ```
    /// assert!(prodguard::Check::SecretKeyWeak.description().contains("openssl rand -hex 32"));
    /// ```
    pub const fn description(self) -> &'static str {
        self.entry().4
    }

    /// The severity of its findings in production.
    ///
    /// ```
    /// use prodguard::{Check, Severity};
    /// assert_eq!(Check::DatabaseHostLocal.severity_in_production(), Severity::Warning);
    /// ```
    pub const fn severity_in_production(self) -> Severity {
        self.entry().1
    }

    /// The severity of its findings outside production, or `None` where the
    /// check does not run there.
    ///
    /// ```
    /// use prodguard::{Check, Severity};
    /// assert_eq!(Check::InvalidBoolean.severity_outside_production(), Some(Severity::Warning));
    /// assert_eq!(Check::SqliteInProduction.severity_outside_production(), None);
    /// ```
    pub const fn severity_outside_production(self) -> Option<Severity> {
        self.entry().2
    }
}

impl fmt::Display for Check {
    /// Writes the id.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// An id that names no check; its text lists the valid ids.
///
/// ```
/// let err = "sqlite".parse::<prodguard::Check>().unwrap_err();
/// assert!(err.to_string().contains("sqlite_in_production"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown check id `{}`; expected one of: {}", crate::show::word(.id), valid_ids())]
pub struct UnknownCheck {
    id: String,
}

/// Every id, comma-separated.
pub(crate) fn valid_ids() -> String {
    Check::ALL.iter().map(|c| c.id()).collect::<Vec<_>>().join(", ")
}

impl FromStr for Check {
    type Err = UnknownCheck;

    /// Parses a check id; surrounding whitespace, letter case and `-` for
    /// `_` are forgiven.
    fn from_str(id: &str) -> Result<Check, UnknownCheck> {
        let normalised = id.trim().to_ascii_lowercase().replace('-', "_");
        Check::from_id(&normalised).ok_or_else(|| UnknownCheck { id: id.to_owned() })
    }
}

/// The check named by an id written as a Rust identifier, for
/// `#[production_safe(allow(ID))]`; an unknown id is a compile error that
/// lists the valid ones. Not public API.
#[doc(hidden)]
#[macro_export]
#[rustfmt::skip]
macro_rules! __check {
    (debug_in_production) => ($crate::Check::DebugInProduction);
    (invalid_boolean) => ($crate::Check::InvalidBoolean);
    (local_test_in_production) => ($crate::Check::LocalTestInProduction);
    (database_url_missing) => ($crate::Check::DatabaseUrlMissing);
    (database_url_invalid) => ($crate::Check::DatabaseUrlInvalid);
    (sqlite_in_production) => ($crate::Check::SqliteInProduction);
    (embedded_database_in_production) => ($crate::Check::EmbeddedDatabaseInProduction);
    (unknown_database_backend) => ($crate::Check::UnknownDatabaseBackend);
    (database_scheme_unsupported) => ($crate::Check::DatabaseSchemeUnsupported);
    (secret_key_missing) => ($crate::Check::SecretKeyMissing);
    (secret_key_weak) => ($crate::Check::SecretKeyWeak);
    (site_url_insecure) => ($crate::Check::SiteUrlInsecure);
    (site_url_host_not_allowed) => ($crate::Check::SiteUrlHostNotAllowed);
    (required_variable_missing) => ($crate::Check::RequiredVariableMissing);
    (allowed_hosts_wildcard) => ($crate::Check::AllowedHostsWildcard);
    (public_domain_not_allowed) => ($crate::Check::PublicDomainNotAllowed);
    (database_host_local) => ($crate::Check::DatabaseHostLocal);
    (database_tls_disabled) => ($crate::Check::DatabaseTlsDisabled);
    (database_unreachable) => ($crate::Check::DatabaseUnreachable);
    (database_protocol_mismatch) => ($crate::Check::DatabaseProtocolMismatch);
    (database_tls_unavailable) => ($crate::Check::DatabaseTlsUnavailable);
    (database_tls_not_offered) => ($crate::Check::DatabaseTlsNotOffered);
    ($other:ident) => {
        ::core::compile_error!(::core::concat!(
            "unknown check id `",
            ::core::stringify!($other),
            "`; expected one of: ",
            "debug_in_production, invalid_boolean, local_test_in_production, database_url_missing, \
database_url_invalid, sqlite_in_production, embedded_database_in_production, \
unknown_database_backend, database_scheme_unsupported, secret_key_missing, secret_key_weak, \
site_url_insecure, site_url_host_not_allowed, required_variable_missing, \
allowed_hosts_wildcard, public_domain_not_allowed, database_host_local, database_tls_disabled, \
database_unreachable, database_protocol_mismatch, database_tls_unavailable, database_tls_not_offered"
        ))
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_are_unique_snake_case() {
        for &check in Check::ALL {
            assert_eq!(Check::from_id(check.id()), Some(check));
            assert_eq!(check.id().parse::<Check>(), Ok(check));
            assert!(check.id().chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{check}");
            assert!(!check.summary().is_empty() && !check.description().is_empty());
        }
        let mut ids: Vec<_> = Check::ALL.iter().map(|c| c.id()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), Check::ALL.len());
        assert_eq!(" SQLITE-IN-PRODUCTION ".parse::<Check>(), Ok(Check::SqliteInProduction));
    }

    #[test]
    fn catalog_matches_the_design_table() {
        let table: &[(&str, Severity, Option<Severity>)] = &[
            ("debug_in_production", Error, None),
            ("invalid_boolean", Error, Some(Warning)),
            ("local_test_in_production", Error, None),
            ("database_url_missing", Error, None),
            ("database_url_invalid", Error, Some(Warning)),
            ("sqlite_in_production", Error, None),
            ("embedded_database_in_production", Error, None),
            ("unknown_database_backend", Error, Some(Warning)),
            ("database_scheme_unsupported", Warning, Some(Warning)),
            ("secret_key_missing", Error, None),
            ("secret_key_weak", Error, None),
            ("site_url_insecure", Error, None),
            ("site_url_host_not_allowed", Error, Some(Warning)),
            ("required_variable_missing", Error, Some(Warning)),
            ("allowed_hosts_wildcard", Warning, None),
            ("public_domain_not_allowed", Warning, Some(Warning)),
            ("database_host_local", Warning, None),
            ("database_tls_disabled", Warning, None),
            ("database_unreachable", Error, Some(Warning)),
            ("database_protocol_mismatch", Error, Some(Warning)),
            ("database_tls_unavailable", Error, Some(Warning)),
            ("database_tls_not_offered", Warning, Some(Warning)),
        ];
        assert_eq!(table.len(), Check::ALL.len());
        for (id, production, outside) in table {
            let check = Check::from_id(id).unwrap_or_else(|| panic!("no check {id}"));
            assert_eq!(check.severity_in_production(), *production, "{id}");
            assert_eq!(check.severity_outside_production(), *outside, "{id}");
        }
    }

    #[test]
    fn the_attribute_macro_names_every_check_and_lists_every_id() {
        let named = [
            __check!(debug_in_production),
            __check!(invalid_boolean),
            __check!(local_test_in_production),
            __check!(database_url_missing),
            __check!(database_url_invalid),
            __check!(sqlite_in_production),
            __check!(embedded_database_in_production),
            __check!(unknown_database_backend),
            __check!(database_scheme_unsupported),
            __check!(secret_key_missing),
            __check!(secret_key_weak),
            __check!(site_url_insecure),
            __check!(site_url_host_not_allowed),
            __check!(required_variable_missing),
            __check!(allowed_hosts_wildcard),
            __check!(public_domain_not_allowed),
            __check!(database_host_local),
            __check!(database_tls_disabled),
            __check!(database_unreachable),
            __check!(database_protocol_mismatch),
            __check!(database_tls_unavailable),
            __check!(database_tls_not_offered),
        ];
        assert_eq!(named, Check::ALL);
        // The fallback arm's list is this file's text: it must be the
        // catalog's, in order.
        let source = include_str!("catalog.rs").replace("\\\n", "");
        assert!(source.contains(&valid_ids()), "the compile_error! list is stale");
    }

    #[test]
    fn the_readme_check_table_is_the_catalog() {
        let readme = include_str!("../../README.md");
        for check in Check::ALL {
            let outside = check.severity_outside_production().map_or("not run", Severity::id);
            let row = format!(
                "| `{}` | {} | {} | {} |",
                check.id(),
                check.severity_in_production().id(),
                outside,
                check.summary()
            );
            assert!(readme.contains(&row), "README.md lacks the row:\n{row}");
        }
    }
}
