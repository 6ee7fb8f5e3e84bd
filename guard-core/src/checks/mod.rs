//! The check catalog: every check guard runs, in one place.
//!
//! Each entry gives a check its stable id, its severity in and outside
//! production, a one-line summary, a long description and the function
//! that runs it (in [`rules`](self)). A new check is one entry here and one
//! function there.
//!
//! The lowercase constants (`checks::sqlite_in_production`, ...) name each
//! check by its id, so code (and `#[production_safe(allow(...))]`) can write
//! ids exactly as the CLI does, and the compiler rejects an unknown one.

#![allow(non_upper_case_globals)]

mod allowed_hosts;
mod rules;

use std::fmt::{self, Write as _};
use std::str::FromStr;

use crate::finding::{Finding, Severity};
use crate::platform::Platform;

pub(crate) use rules::{Context, DatabaseState};

/// What a check function reports: the caller adds check id and severity.
pub(crate) struct Hit {
    pub(crate) variable: std::borrow::Cow<'static, str>,
    pub(crate) message: String,
    pub(crate) remediation: String,
}

type Rule = fn(&Context<'_>, &mut Vec<Hit>);

struct Entry {
    id: &'static str,
    production: Severity,
    outside: Option<Severity>,
    summary: &'static str,
    description: &'static str,
    rule: Rule,
}

macro_rules! catalog {
    ($(
        $(#[$doc:meta])*
        $variant:ident / $id:ident {
            production: $production:ident,
            outside: $outside:expr,
            summary: $summary:literal,
            description: $description:literal,
        }
    )*) => {
        /// A check guard runs, named by its stable snake_case id.
        ///
        /// ```
        /// use guard_core::Check;
        ///
        /// let check: Check = "sqlite_in_production".parse().unwrap();
        /// assert_eq!(check, Check::SqliteInProduction);
        /// assert_eq!(check.id(), "sqlite_in_production");
        /// ```
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Check {
            $( $(#[$doc])* $variant, )*
        }

        impl Check {
            /// Every check, in catalog order (the order of a report).
            ///
            /// ```
            /// assert_eq!(guard_core::Check::ALL.len(), 16);
            /// ```
            pub const ALL: &'static [Check] = &[$(Check::$variant),*];

            fn entry(self) -> &'static Entry {
                match self {
                    $(Check::$variant => &Entry {
                        id: stringify!($id),
                        production: Severity::$production,
                        outside: $outside,
                        summary: $summary,
                        description: $description,
                        rule: rules::$id,
                    },)*
                }
            }
        }

        $(
            #[doc = concat!("`", stringify!($id), "`: ", $summary)]
            ///
            /// The check's id as a constant, for `Policy::allow` and the
            /// macro's `allow(...)`.
            pub const $id: Check = Check::$variant;
        )*
    };
}

catalog! {
    /// A platform is detected and `DEBUG` is true.
    DebugInProduction / debug_in_production {
        production: Error,
        outside: None,
        summary: "DEBUG is true on a hosting platform",
        description: "A hosting platform was detected from the variables it injects, and DEBUG is true. \
Debug mode shows stack traces and settings to visitors and, in the incident guard exists for, \
came with LOCAL_TEST and so with SQLite. On a platform the process is production whatever DEBUG says; \
set DEBUG=false (or delete it). Local runs that borrow a platform's variables (`railway run`, \
`vercel dev`, `netlify dev`) count as production too.",
    }
    /// `DEBUG` or `LOCAL_TEST` is no boolean (or not UTF-8).
    InvalidBoolean / invalid_boolean {
        production: Error,
        outside: Some(Severity::Warning),
        summary: "DEBUG or LOCAL_TEST is not a boolean",
        description: "DEBUG and LOCAL_TEST accept true/false, 1/0, yes/no, on/off in any case, \
with surrounding whitespace ignored. Anything else is a typo whose meaning differs between \
frameworks, so guard does not guess: an invalid DEBUG is treated as not true (production), and \
the value is reported so it can be corrected.",
    }
    /// `LOCAL_TEST` is true in production.
    LocalTestInProduction / local_test_in_production {
        production: Error,
        outside: None,
        summary: "LOCAL_TEST is true in production",
        description: "LOCAL_TEST=true switches an app to SQLite for local tests. Left set in a \
platform's variables, it ran a web shop on SQLite in production: the single-writer lock failed \
under concurrent users, every session load failed, and the logs hit the platform's rate limit. \
Delete LOCAL_TEST (or set it to false) in production.",
    }
    /// `DATABASE_URL` is unset.
    DatabaseUrlMissing / database_url_missing {
        production: Error,
        outside: None,
        summary: "DATABASE_URL is not set",
        description: "A production app needs a database server; without DATABASE_URL many \
frameworks fall back to a local SQLite file, which loses data on every deploy and fails under \
concurrent writers. On Railway, add a PostgreSQL service and reference its URL with \
DATABASE_URL=${{Postgres.DATABASE_URL}}. An app with no database says so in its policy \
(Policy::no_database, #[production_safe(no_database)]).",
    }
    /// `DATABASE_URL` cannot be used as written.
    DatabaseUrlInvalid / database_url_invalid {
        production: Error,
        outside: Some(Severity::Warning),
        summary: "DATABASE_URL cannot be parsed",
        description: "DATABASE_URL is wrapped in quotes (platforms keep them as part of the \
value), holds a reference the platform did not resolve (${{Postgres.DATABASE_URL}} when no \
service is named Postgres, or shell syntax like ${VAR}), has no scheme, cannot be parsed, or is \
not UTF-8. The driver would fail on it at the first query instead of at start-up.",
    }
    /// `DATABASE_URL` is SQLite in production.
    SqliteInProduction / sqlite_in_production {
        production: Error,
        outside: None,
        summary: "DATABASE_URL is SQLite in production",
        description: "SQLite is a file with a single-writer lock. In production it fails under \
concurrent users, and on most platforms the file is lost on every deploy. Every form counts: \
sqlite: URLs, file: URIs, :memory:, bare paths such as db.sqlite3. libsql:// (Turso) is a server \
and is not refused. To run SQLite on a persistent volume deliberately (one replica, one writer), \
allow this check.",
    }
    /// The scheme of `DATABASE_URL` is no database guard knows.
    UnknownDatabaseBackend / unknown_database_backend {
        production: Error,
        outside: Some(Severity::Warning),
        summary: "DATABASE_URL names no known database",
        description: "The scheme of DATABASE_URL is none of PostgreSQL (and kin), MySQL/MariaDB, \
SQLite, libSQL, SQL Server, Oracle, CockroachDB or MongoDB. Usually another service's URL was \
pasted (redis://, https://). If it really is a database guard does not know, allow this check.",
    }
    /// `SECRET_KEY` is unset.
    SecretKeyMissing / secret_key_missing {
        production: Error,
        outside: None,
        summary: "SECRET_KEY is not set",
        description: "Sessions kept off the database live in signed cookies, so everything rests \
on SECRET_KEY: without it sessions cannot be signed (or are signed with a default anyone can \
read in the source). Generate one with `openssl rand -hex 32` (64 characters). An app that signs \
nothing says so in its policy (Policy::no_secret, #[production_safe(no_secret)]).",
    }
    /// `SECRET_KEY` is guessable.
    SecretKeyWeak / secret_key_weak {
        production: Error,
        outside: None,
        summary: "SECRET_KEY is weak",
        description: "SECRET_KEY is shorter than 50 characters, has fewer than 5 distinct \
characters, is a known placeholder (changeme, your-secret-key, ...), starts with Django's \
django-insecure- development prefix, or is not UTF-8. Anyone who guesses it can forge sessions. \
`openssl rand -hex 32` gives 64 characters and passes; `openssl rand -base64 32` gives 44 and \
does not. Changing the key signs every user out.",
    }
    /// `SITE_URL` is not https.
    SiteUrlInsecure / site_url_insecure {
        production: Error,
        outside: None,
        summary: "SITE_URL is not https",
        description: "SITE_URL is used to build links, redirects and cookie settings. An http:// \
(or unparsable) value sends users and session cookies over plain HTTP. Set it to the app's \
public https:// address.",
    }
    /// `SITE_URL`'s host is not in `ALLOWED_HOSTS`.
    SiteUrlHostNotAllowed / site_url_host_not_allowed {
        production: Error,
        outside: Some(Severity::Warning),
        summary: "SITE_URL's host is not in ALLOWED_HOSTS",
        description: "Both SITE_URL and ALLOWED_HOSTS are set, and the host of SITE_URL does not \
match ALLOWED_HOSTS (matched as Django does: `*` matches any host, `.example.com` the domain and \
its subdomains, case-insensitive). Requests to the app's own address would be refused.",
    }
    /// A variable the app requires is unset.
    RequiredVariableMissing / required_variable_missing {
        production: Error,
        outside: Some(Severity::Warning),
        summary: "a variable the app requires is not set",
        description: "The app's policy requires this variable (Policy::require, \
#[production_safe(require(\"NAME\"))], guard check --require NAME), and it is unset, empty, \
whitespace or not UTF-8.",
    }
    /// `ALLOWED_HOSTS` contains `*`.
    AllowedHostsWildcard / allowed_hosts_wildcard {
        production: Warning,
        outside: None,
        summary: "ALLOWED_HOSTS contains *",
        description: "With `*` in ALLOWED_HOSTS the app answers to any Host header, which opens \
it to host-header attacks (poisoned password-reset links, cache poisoning). List the app's own \
domains instead.",
    }
    /// `ALLOWED_HOSTS` lacks Railway's public domain.
    PublicDomainNotAllowed / public_domain_not_allowed {
        production: Warning,
        outside: Some(Severity::Warning),
        summary: "ALLOWED_HOSTS lacks RAILWAY_PUBLIC_DOMAIN",
        description: "Railway gives the service a public domain (RAILWAY_PUBLIC_DOMAIN), \
ALLOWED_HOSTS is set, and it does not match that domain: requests to it would be refused with \
400 Bad Request. Add the domain (or reference it: ALLOWED_HOSTS=${{RAILWAY_PUBLIC_DOMAIN}}).",
    }
    /// The database host is this machine, on a platform.
    DatabaseHostLocal / database_host_local {
        production: Warning,
        outside: None,
        summary: "DATABASE_URL points at localhost on a platform",
        description: "On a hosting platform, localhost and loopback addresses are the app's own \
container, where no database runs: the URL was copied from a development machine. A unix socket \
is not reported. Reference the database service's URL instead.",
    }
    /// TLS is off to a host outside the private network.
    DatabaseTlsDisabled / database_tls_disabled {
        production: Warning,
        outside: None,
        summary: "DATABASE_URL turns TLS off to a public host",
        description: "DATABASE_URL turns TLS off (sslmode=disable or allow, ssl=false, \
useSSL=false, tls=false, encrypt=false, ...) while the host is outside the private network \
(private: unix sockets, loopback, RFC 1918, 100.64.0.0/10, IPv6 unique-local and link-local, \
single-label names, *.railway.internal, *.internal, *.local, *.svc, *.cluster.local, *.flycast). \
Passwords and data then cross the internet in clear text.",
    }
}

impl Check {
    /// The stable snake_case id, as the CLI and JSON write it.
    ///
    /// ```
    /// assert_eq!(guard_core::Check::DatabaseTlsDisabled.id(), "database_tls_disabled");
    /// ```
    pub fn id(self) -> &'static str {
        self.entry().id
    }

    /// The check with this id, if any.
    ///
    /// ```
    /// use guard_core::Check;
    /// assert_eq!(Check::from_id("debug_in_production"), Some(Check::DebugInProduction));
    /// assert_eq!(Check::from_id("debug"), None);
    /// ```
    pub fn from_id(id: &str) -> Option<Check> {
        Check::ALL.iter().copied().find(|check| check.id() == id)
    }

    /// A one-line summary.
    ///
    /// ```
    /// assert_eq!(guard_core::Check::SqliteInProduction.summary(), "DATABASE_URL is SQLite in production");
    /// ```
    pub fn summary(self) -> &'static str {
        self.entry().summary
    }

    /// What the check catches and why it matters.
    ///
    /// ```
    /// assert!(guard_core::Check::SecretKeyWeak.description().contains("openssl rand -hex 32"));
    /// ```
    pub fn description(self) -> &'static str {
        self.entry().description
    }

    /// The severity of its findings in production.
    ///
    /// ```
    /// use guard_core::{Check, Severity};
    /// assert_eq!(Check::DatabaseHostLocal.severity_in_production(), Severity::Warning);
    /// ```
    pub fn severity_in_production(self) -> Severity {
        self.entry().production
    }

    /// The severity of its findings outside production, or `None` where the
    /// check does not run there.
    ///
    /// ```
    /// use guard_core::{Check, Severity};
    /// assert_eq!(Check::InvalidBoolean.severity_outside_production(), Some(Severity::Warning));
    /// assert_eq!(Check::SqliteInProduction.severity_outside_production(), None);
    /// ```
    pub fn severity_outside_production(self) -> Option<Severity> {
        self.entry().outside
    }

    /// The long explanation `guard explain ID` prints: what the check
    /// catches, why, where to fix it on each platform, and how to allow it.
    ///
    /// ```
    /// let text = guard_core::Check::SqliteInProduction.explain();
    /// assert!(text.contains("Railway"));
    /// assert!(text.contains("--allow sqlite_in_production"));
    /// ```
    pub fn explain(self) -> String {
        let entry = self.entry();
        let mut text = String::new();
        let outside = entry.outside.map_or("not run", Severity::id);
        // Writing to a String cannot fail.
        let _ = writeln!(text, "{} — {}", entry.id, entry.summary);
        let _ = writeln!(
            text,
            "in production: {}; outside production: {}",
            entry.production.id(),
            outside
        );
        let _ = writeln!(text);
        let _ = writeln!(text, "{}", entry.description);
        let _ = writeln!(text);
        let _ = writeln!(text, "Where to change variables:");
        for platform in Platform::ALL {
            let _ = writeln!(
                text,
                "  {:<18} {}",
                platform.name(),
                platform.where_to_set("VARIABLE")
            );
        }
        let _ = writeln!(
            text,
            "  {:<18} {}",
            "elsewhere",
            crate::platform::GENERIC_PLACE
        );
        let _ = writeln!(text);
        let _ = writeln!(
            text,
            "To allow it (still reported, marked allowed, never blocks):"
        );
        let _ = writeln!(text, "  code:   Policy::new().allow(Check::{self:?})");
        let _ = writeln!(
            text,
            "  macro:  #[guard_core::production_safe(allow({}))]",
            entry.id
        );
        let _ = write!(text, "  CLI:    guard check --allow {}", entry.id);
        text
    }

    pub(crate) fn rule(self) -> Rule {
        self.entry().rule
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
/// let err = "sqlite".parse::<guard_core::Check>().unwrap_err();
/// assert!(err.to_string().contains("sqlite_in_production"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown check id `{id}`; expected one of: {}", valid_ids())]
pub struct UnknownCheck {
    id: String,
}

fn valid_ids() -> String {
    Check::ALL
        .iter()
        .map(|c| c.id())
        .collect::<Vec<_>>()
        .join(", ")
}

impl FromStr for Check {
    type Err = UnknownCheck;

    /// Parses a check id; surrounding whitespace and letter case are ignored.
    fn from_str(id: &str) -> Result<Check, UnknownCheck> {
        let normalised = id.trim().to_ascii_lowercase().replace('-', "_");
        Check::from_id(&normalised).ok_or_else(|| UnknownCheck { id: id.to_owned() })
    }
}

/// Runs every check that applies and returns its findings, errors first.
pub(crate) fn run(context: &Context<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut hits = Vec::new();
    for &check in Check::ALL {
        let severity = if context.production {
            Some(check.severity_in_production())
        } else {
            check.severity_outside_production()
        };
        let Some(severity) = severity else {
            continue;
        };
        (check.rule())(context, &mut hits);
        if hits.is_empty() {
            continue;
        }
        let severity = if context.policy.allows(check) {
            Severity::Allowed
        } else {
            severity
        };
        // Kept in order as they come: errors, then warnings, then allowed
        // checks, each in catalog order.
        let at = findings.partition_point(|f: &Finding| f.severity <= severity);
        let batch = hits.drain(..).map(|hit| Finding {
            check,
            severity,
            variable: hit.variable,
            message: hit.message,
            remediation: hit.remediation,
        });
        findings.splice(at..at, batch);
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_are_unique_snake_case() {
        for &check in Check::ALL {
            assert_eq!(Check::from_id(check.id()), Some(check));
            assert_eq!(check.id().parse::<Check>(), Ok(check));
            assert!(
                check
                    .id()
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '_'),
                "{check}"
            );
            assert!(!check.summary().is_empty() && !check.description().is_empty());
        }
        assert_eq!(
            " SQLITE-IN-PRODUCTION ".parse::<Check>(),
            Ok(Check::SqliteInProduction)
        );
    }

    #[test]
    fn catalog_matches_the_design_table() {
        use Severity::{Error, Warning};
        let table: &[(&str, Severity, Option<Severity>)] = &[
            ("debug_in_production", Error, None),
            ("invalid_boolean", Error, Some(Warning)),
            ("local_test_in_production", Error, None),
            ("database_url_missing", Error, None),
            ("database_url_invalid", Error, Some(Warning)),
            ("sqlite_in_production", Error, None),
            ("unknown_database_backend", Error, Some(Warning)),
            ("secret_key_missing", Error, None),
            ("secret_key_weak", Error, None),
            ("site_url_insecure", Error, None),
            ("site_url_host_not_allowed", Error, Some(Warning)),
            ("required_variable_missing", Error, Some(Warning)),
            ("allowed_hosts_wildcard", Warning, None),
            ("public_domain_not_allowed", Warning, Some(Warning)),
            ("database_host_local", Warning, None),
            ("database_tls_disabled", Warning, None),
        ];
        assert_eq!(table.len(), Check::ALL.len());
        for (id, production, outside) in table {
            let check = Check::from_id(id).unwrap_or_else(|| panic!("no check {id}"));
            assert_eq!(check.severity_in_production(), *production, "{id}");
            assert_eq!(check.severity_outside_production(), *outside, "{id}");
        }
    }

    #[test]
    fn id_constants_name_their_checks() {
        assert_eq!(sqlite_in_production, Check::SqliteInProduction);
        assert_eq!(database_host_local.id(), "database_host_local");
    }
}
