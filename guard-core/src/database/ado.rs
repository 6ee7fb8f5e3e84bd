//! ADO.NET and ODBC `Key=Value;` strings: SQL Server
//! (`Server=tcp:db.example.com,1433;Database=app;User ID=u;Password=p;`),
//! or SQLite for Microsoft.Data.Sqlite's `Data Source=app.db`.
//!
//! Read as SqlClient reads them: pairs end at `;`; keys are
//! case-insensitive, trimmed, with `==` for a literal `=`; a value may be
//! quoted with `"` or `'` (a doubled quote is a literal one) or, in ODBC
//! style, braced `{…}` (`}}` is a literal `}`); an unquoted value runs to
//! the next `;` and is trimmed.
//!
//! The signature: every key is a SqlClient keyword or synonym
//! (`DbConnectionStringKeywords`, `DbConnectionStringSynonyms`), an ODBC
//! driver keyword, or a Microsoft.Data.Sqlite keyword, and one of them
//! names the server or file. It is SQLite when a Microsoft.Data.Sqlite
//! keyword that SqlClient lacks is given (`Filename`, `Mode`, `Cache`, …),
//! or a `Driver` that names SQLite (`Driver={SQLite3 ODBC Driver}`),
//! or when `Data Source` is a file (`:memory:`, a SQLite ending, a path, a
//! `file:` URI) and no server-only keyword (`Server`, `Address`, …) is;
//! SQL Server otherwise.
//! Anything else is not this form.

use super::parts::{self, Parts};
use super::url_form::braced_value;
use super::{Backend, DatabaseUrl, DatabaseUrlError, Endpoint, sqlite, starts_with_ignore_case};
use crate::show;

const KEYWORDS: &[&str] = &[
    // SqlClient, with synonyms.
    "application intent",
    "applicationintent",
    "application name",
    "app",
    "asynchronous processing",
    "async",
    "attachdbfilename",
    "extended properties",
    "initial file name",
    "attestation protocol",
    "authentication",
    "column encryption setting",
    "command timeout",
    "connect retry count",
    "connectretrycount",
    "connect retry interval",
    "connectretryinterval",
    "connect timeout",
    "connection timeout",
    "timeout",
    "context connection",
    "current language",
    "language",
    "data source",
    "addr",
    "address",
    "network address",
    "server",
    "enclave attestation url",
    "encrypt",
    "enlist",
    "failover partner",
    "failover partner spn",
    "host name in certificate",
    "hostnameincertificate",
    "server certificate",
    "servercertificate",
    "initial catalog",
    "database",
    "integrated security",
    "trusted_connection",
    "ip address preference",
    "ipaddresspreference",
    "load balance timeout",
    "connection lifetime",
    "max pool size",
    "min pool size",
    "multiple active result sets",
    "multipleactiveresultsets",
    "multi subnet failover",
    "multisubnetfailover",
    "network library",
    "net",
    "network",
    "packet size",
    "password",
    "pwd",
    "persist security info",
    "persistsecurityinfo",
    "pool blocking period",
    "poolblockingperiod",
    "pooling",
    "replication",
    "server spn",
    "serverspn",
    "transaction binding",
    "trust server certificate",
    "trustservercertificate",
    "type system version",
    "user id",
    "uid",
    "user",
    "user instance",
    "workstation id",
    "wsid",
    // ODBC drivers for SQL Server.
    "driver",
    "dsn",
    "mars_connection",
    "failover_partner",
    "logintimeout",
    "clientcertificate",
    "clientkey",
    "columnencryption",
    "keystoreauthentication",
    "keystoreprincipalid",
    "keystoresecret",
    // Microsoft.Data.Sqlite.
    "datasource",
    "filename",
    "mode",
    "cache",
    "foreign keys",
    "recursive triggers",
    "default timeout",
    "vfs",
];

/// Keywords that name a SQL Server and nothing else.
const SERVER_ONLY: &[&str] = &["server", "address", "addr", "network address"];

/// Microsoft.Data.Sqlite's keywords that SqlClient does not have: with
/// one of them, `Data Source` names a file (`Data Source=InMemorySample;
/// Mode=Memory;Cache=Shared` is a named in-memory database).
const SQLITE_ONLY: &[&str] =
    &["filename", "mode", "cache", "foreign keys", "recursive triggers", "default timeout", "vfs"];

/// `None` when the value is not an ADO.NET/ODBC string.
pub(super) fn read(value: &str) -> Option<Result<DatabaseUrl, DatabaseUrlError>> {
    let raw = value;
    let pairs = pairs(raw)?;
    let lower: Vec<String> = pairs.iter().map(|(key, _)| key.to_ascii_lowercase()).collect();
    if !lower.iter().all(|key| KEYWORDS.contains(&key.as_str())) {
        return None;
    }
    let has = |names: &[&str]| lower.iter().any(|key| names.contains(&key.as_str()));
    let data_source = lower
        .iter()
        .position(|key| matches!(key.as_str(), "data source" | "datasource"))
        .map(|i| pairs[i].1.as_str());
    let file = |source: &str| {
        source == ":memory:"
            || sqlite::looks_like_a_file(source)
            || sqlite::is_drive_path(source)
            || starts_with_ignore_case(source, "file:")
            // SQL Server's names and instances never hold `/`.
            || source.contains('/')
    };
    // The SQLite ODBC driver (`Driver={SQLite3 ODBC Driver}`).
    let sqlite_driver = lower
        .iter()
        .zip(&pairs)
        .any(|(key, (_, value))| key == "driver" && value.to_ascii_lowercase().contains("sqlite"));
    let backend = if has(SQLITE_ONLY)
        || sqlite_driver
        || (data_source.is_some_and(file) && !has(SERVER_ONLY))
    {
        Backend::Sqlite
    } else if has(SERVER_ONLY) || data_source.is_some() {
        Backend::Sqlserver
    } else {
        return None;
    };

    let mut parts = Parts::new(backend);
    let mut pieces = Vec::new();
    for ((key, value), lower) in pairs.iter().zip(&lower) {
        let names_source = matches!(lower.as_str(), "data source" | "datasource" | "filename");
        if backend == Backend::Sqlite && names_source {
            let shown = if value == ":memory:" {
                value.clone()
            } else {
                parts.database(value);
                show::path(value)
            };
            pieces.push(format!("{key}={shown}"));
        } else if backend == Backend::Sqlserver
            && (names_source || SERVER_ONLY.contains(&lower.as_str()))
        {
            match server(value, &mut parts) {
                Ok(shown) => pieces.push(format!("{key}={shown}")),
                Err(reason) => {
                    return Some(Err(DatabaseUrlError::malformed(raw, backend, reason)));
                }
            }
        } else {
            pieces.extend(parts.parameter(key, value, true));
        }
    }
    let mut shown = pieces.join(";");
    if value.ends_with(';') {
        shown.push(';');
    }
    parts.push(&shown);
    Some(Ok(parts.finish()))
}

/// SqlClient's `[tcp:|np:|lpc:|admin:]host[\instance][,port]`, shown from
/// its parsed parts; the host is also recorded for the checks. A value
/// that is no host (nor a named pipe) is an error.
fn server(value: &str, parts: &mut Parts) -> Result<String, &'static str> {
    let lower = value.to_ascii_lowercase();
    let protocol = ["tcp:", "np:", "lpc:", "admin:"]
        .into_iter()
        .find(|protocol| lower.starts_with(protocol))
        .unwrap_or("");
    let rest = &value[protocol.len()..];
    if protocol == "np:" {
        // A named pipe: `np:\\host\pipe\sql\query`.
        return Ok(format!("np:{}", show::length(rest)));
    }
    let (host_and_instance, port) = match rest.rsplit_once(',') {
        Some((host, port)) => match parts::parse_port(port.trim()) {
            Ok(port) => (host, Some(port)),
            Err(reason) => return Err(reason),
        },
        None => (rest, None),
    };
    let (host, instance) = match host_and_instance.split_once('\\') {
        Some((host, instance)) => (host, Some(instance)),
        None => (host_and_instance, None),
    };
    let local =
        [".", "(local)", "(localdb)"].into_iter().find(|local| local.eq_ignore_ascii_case(host));
    let (host_shown, endpoint_host) = match local {
        Some(local) => (local.to_owned(), "localhost".to_owned()),
        None => match parts::parse_host(host) {
            Ok(host) => (host.clone(), host),
            Err(reason) => return Err(reason),
        },
    };
    parts.add_endpoint(Endpoint { host: endpoint_host, port });
    let mut shown = format!("{protocol}{host_shown}");
    if let Some(instance) = instance {
        shown.push('\\');
        shown.push_str(&show::name(instance));
    }
    if let Some(port) = port {
        shown.push_str(&format!(",{port}"));
    }
    Ok(shown)
}

/// The `Key=Value` pairs, unquoted; `None` on a syntax error.
fn pairs(value: &str) -> Option<Vec<(String, String)>> {
    let mut pairs = Vec::new();
    let mut rest = value;
    loop {
        rest = rest.trim_start_matches(|c: char| c == ';' || c.is_whitespace());
        if rest.is_empty() {
            return Some(pairs);
        }
        // The key runs to the first `=` that is not doubled.
        let mut key = String::new();
        let mut chars = rest.char_indices().peekable();
        let after = loop {
            let (i, c) = chars.next()?;
            match c {
                '=' if chars.next_if(|&(_, c)| c == '=').is_some() => key.push('='),
                '=' => break &rest[i + 1..],
                ';' => return None,
                c => key.push(c),
            }
        };
        let key = key.trim().to_owned();
        if key.is_empty() {
            return None;
        }
        let after = after.trim_start();
        let (value, next) = match after.chars().next() {
            Some(quote @ ('"' | '\'')) => {
                let (value, next) = quoted_value(&after[1..], quote)?;
                (value, end_of_quoted(next)?)
            }
            Some('{') => {
                let (value, next) = braced_value(&after[1..]).ok()?;
                (value, end_of_quoted(next)?)
            }
            _ => {
                let end = after.find(';').unwrap_or(after.len());
                (after[..end].trim_end().to_owned(), &after[end..])
            }
        };
        pairs.push((key, value));
        rest = next;
    }
}

/// A quoted value's text (after its opening quote), with a doubled quote
/// read as one, and what follows its closing quote.
fn quoted_value(inner: &str, quote: char) -> Option<(String, &str)> {
    let mut value = String::new();
    let mut chars = inner.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == quote && chars.next_if(|&(_, c)| c == quote).is_none() {
            return Some((value, &inner[i + 1..]));
        }
        value.push(c);
    }
    None
}

/// After a quoted value: only whitespace before the next `;`.
fn end_of_quoted(next: &str) -> Option<&str> {
    let next = next.trim_start();
    (next.is_empty() || next.starts_with(';')).then_some(next)
}
