//! `scheme://…` URLs, for every server family and unknown schemes.
//!
//! The `url` crate reads the userinfo, path, query and fragment. What it
//! cannot take is split off by hand first, by these rules:
//! - The authority ends at the first `/`, `?` or `#`; for SQL Server also
//!   at `;`, which starts its `;key=value` properties; for MySQL, only
//!   outside Connector/J's parentheses. The userinfo ends at the
//!   authority's last `@` (the URL standard's rule).
//! - The host list is split at `,` and each host parsed alone
//!   (`h1:5432,h2:5433`, MongoDB replica sets). SQL Server's
//!   `host\instance[:port]` is split at `\`. Connector/J's
//!   `address=(host=h)(port=3306)` and `(host=h,port=3306)` hosts are read
//!   as key/value groups. A PostgreSQL host that starts with `%2F` is a
//!   socket directory.
//! - The `url` crate then parses the URL with a placeholder host in place
//!   of the list, so no host is left to its looser host rules.
//! - A raw `/`, `?` or `#` in a password ends the authority early, and the
//!   rest of the password would be read as a path or query. So an `@` after
//!   the host is accepted only in the value of an allow-listed parameter
//!   that may hold one (a user, as Azure's `user=u@srv`, or an
//!   application's name, `application_name=me@x`) or a braced `{…}`
//!   value; anywhere else it makes the value invalid. And when an `@`
//!   follows a `host:port` with no userinfo, only allow-listed parameter
//!   names are shown, no value, and the path by its length: they may be
//!   the end of a `user:password` (`postgres://u:?p4ss&application_name=@host/db`).
//! - An empty host is valid for PostgreSQL and CockroachDB (the default
//!   socket, or `?host=`), Oracle (a TNS name in the path), SQL Server with
//!   a `serverName` property or SQLAlchemy's `odbc_connect`, MySQL with a
//!   `unix_socket` (or `socket`) path, and unknown schemes; for any other
//!   family it is invalid.

use url::Url;

use super::parts::{self, Parts, host_port, parse_host, parse_port, percent_decode};
use super::{Backend, DatabaseUrl, DatabaseUrlError, Endpoint, starts_with_ignore_case};
use crate::show;

/// Reads `rest`, the text after `scheme://`; `value` is the whole value
/// (for the length shown in errors), `prefix` the text written before the
/// scheme (`jdbc:`).
pub(super) fn read(
    value: &str,
    prefix: &str,
    scheme: &str,
    backend: Backend,
    rest: &str,
) -> Result<DatabaseUrl, DatabaseUrlError> {
    let fail = |reason| DatabaseUrlError::malformed(value, backend, reason);
    if parts::has_control(rest) {
        return Err(fail("a control character"));
    }
    let connector_j = backend == Backend::Mysql;
    let sqlserver = backend == Backend::Sqlserver;
    let (end, last_at) = scan_authority(rest, connector_j, sqlserver);
    let (authority, tail) = rest.split_at(end);
    let (userinfo, hosts) = match last_at {
        Some(at) => (Some(&authority[..at]), &authority[at + 1..]),
        None => (None, authority),
    };
    let (path_and_query, properties) = match tail.strip_prefix(';') {
        Some(properties) if sqlserver => ("", Some(properties)),
        _ => (tail, None),
    };
    let probe = match userinfo {
        Some(userinfo) => format!("guard://{userinfo}@h{path_and_query}"),
        None => format!("guard://h{path_and_query}"),
    };
    let url = Url::parse(&probe).map_err(|_| fail("not a valid URL"))?;

    let mut parts = Parts::new(backend);
    if userinfo.is_none() && authority.contains(':') && has_bare_at(tail, sqlserver) {
        // `postgres://u:/p4ss?w=x@host/db` reads as host `u` and a query:
        // what follows may be the rest of a password.
        parts.may_hold_a_password();
    }
    parts.scheme(prefix, scheme);
    parts.push("://");
    let user = url.username();
    let password = url.password().is_some_and(|p| !p.is_empty());
    if !user.is_empty() {
        parts.push(&show::user(user));
    }
    if password {
        parts.push(":***");
    }
    if !user.is_empty() || password {
        parts.push("@");
    }

    if hosts.is_empty() {
        // Decided below, once the parameters are read.
    } else if connector_j {
        connector_j_hosts(hosts, &mut parts).map_err(fail)?;
    } else if sqlserver {
        sqlserver_host(hosts, &mut parts).map_err(fail)?;
    } else if matches!(backend, Backend::Postgresql | Backend::Cockroachdb)
        && starts_with_ignore_case(hosts, "%2f")
    {
        // libpq: a percent-encoded socket directory.
        let directory = percent_decode(hosts).unwrap_or_default();
        if show::fits_path(&directory) {
            parts.push(&directory.replace('/', "%2F"));
        } else {
            parts.push(&show::length(hosts));
        }
        parts.set_socket();
    } else {
        for (i, host) in hosts.split(',').enumerate() {
            if i > 0 {
                parts.push(",");
            }
            parts.push_endpoint(host_port(host).map_err(fail)?);
        }
    }

    let path = url.path();
    if let Some(segments) = path.strip_prefix('/') {
        if show::fits_path(path) && parts.shows_paths() {
            parts.push(path);
            // The database is the first segment; for a scheme guard does
            // not know (Ecto's), the whole path.
            let database = match parts.backend() {
                Backend::Unknown => segments,
                _ => segments.split('/').next().unwrap_or_default(),
            };
            if !database.is_empty() {
                parts.database(database);
            }
        } else {
            parts.push("/");
            parts.push(&show::length(segments));
        }
    }
    let mut allowed_at = url.query().map_or(0, |query| parts.query(query));
    if let Some(properties) = properties {
        allowed_at += sqlserver_properties(properties, &mut parts).map_err(fail)?;
    }
    if let Some(fragment) = url.fragment() {
        parts.push("#");
        parts.push(&show::length(fragment));
    }
    if tail.matches('@').count() > allowed_at {
        return Err(fail(
            "an `@` after the host (percent-encode `@`, `/`, `?` and `#` in a password)",
        ));
    }

    if hosts.is_empty() {
        let odbc_connect =
            || url.query().is_some_and(|q| q.to_ascii_lowercase().contains("odbc_connect="));
        match parts.backend() {
            Backend::Postgresql | Backend::Cockroachdb if !parts.has_hosts() => parts.set_socket(),
            Backend::Postgresql | Backend::Cockroachdb | Backend::Oracle | Backend::Unknown => {}
            Backend::Sqlserver if parts.has_hosts() || odbc_connect() => {}
            // SQLAlchemy's Cloud SQL form: `mysql+pymysql://u:pw@/db?unix_socket=/cloudsql/…`.
            Backend::Mysql if parts.has_hosts() => {}
            _ => return Err(fail("no host")),
        }
    }
    Ok(parts.finish())
}

/// Where the authority ends, and its last `@` (outside parentheses when
/// `parens`: Connector/J's `(password=p@ss)`).
fn scan_authority(rest: &str, parens: bool, semicolon: bool) -> (usize, Option<usize>) {
    let mut depth = 0usize;
    let mut last_at = None;
    for (i, byte) in rest.bytes().enumerate() {
        match byte {
            b'(' if parens => depth += 1,
            b')' if parens => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            b'/' | b'?' | b'#' => return (i, last_at),
            b';' if semicolon => return (i, last_at),
            b'@' => last_at = Some(i),
            _ => {}
        }
    }
    (rest.len(), last_at)
}

/// Whether `tail` holds an `@`; for SQL Server, outside `{…}` values.
fn has_bare_at(tail: &str, braces: bool) -> bool {
    let mut braced = false;
    tail.bytes().any(|byte| {
        match byte {
            b'{' if braces => braced = true,
            b'}' if braces => braced = false,
            _ => {}
        }
        byte == b'@' && !braced
    })
}

/// Connector/J's host list: `host:port`, `address=(host=h)(port=p)(k=v)…`
/// and `(host=h,port=p,k=v)`, separated by commas outside parentheses.
fn connector_j_hosts(hosts: &str, parts: &mut Parts) -> Result<(), &'static str> {
    let mut depth = 0usize;
    let mut start = 0;
    let mut entries = Vec::new();
    for (i, byte) in hosts.bytes().enumerate() {
        match byte {
            b'(' => depth += 1,
            b')' => depth = depth.saturating_sub(1),
            b',' if depth == 0 => {
                entries.push(&hosts[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    entries.push(&hosts[start..]);
    for (i, entry) in entries.into_iter().enumerate() {
        if i > 0 {
            parts.push(",");
        }
        let mut host = None;
        let mut port = None;
        let mut pieces = Vec::new();
        if starts_with_ignore_case(entry, "address=") {
            let mut rest = &entry["address=".len()..];
            if rest.is_empty() {
                return Err("an empty `address=`");
            }
            while !rest.is_empty() {
                let inner = rest.strip_prefix('(').ok_or("text outside `(…)` in `address=`")?;
                let (group, after) = inner.split_once(')').ok_or("an unclosed `(`")?;
                pieces.extend(
                    connector_j_property(group, &mut host, &mut port, parts)?
                        .map(|piece| format!("({piece})")),
                );
                rest = after;
            }
            parts.push("address=");
            parts.push(&pieces.concat());
        } else if let Some(inner) = entry.strip_prefix('(') {
            let group = inner.strip_suffix(')').ok_or("an unclosed `(`")?;
            for property in group.split(',') {
                pieces.extend(connector_j_property(property, &mut host, &mut port, parts)?);
            }
            parts.push(&format!("({})", pieces.join(",")));
        } else {
            parts.push_endpoint(host_port(entry)?);
            continue;
        }
        let host = host.ok_or("a host group without `host=`")?;
        parts.add_endpoint(Endpoint { host, port });
    }
    Ok(())
}

/// One `key=value` of a Connector/J host group, shown; `host` and `port`
/// are parsed into their roles.
fn connector_j_property(
    property: &str,
    host: &mut Option<String>,
    port: &mut Option<u16>,
    parts: &mut Parts,
) -> Result<Option<String>, &'static str> {
    let (name, value) = property.split_once('=').ok_or("a host property without `=`")?;
    let (name, value) = (name.trim(), value.trim());
    Ok(match parts::key(name).as_str() {
        "host" => {
            let parsed = parse_host(value)?;
            // Read as the driver reads it, but after a hidden value it may
            // be that value's tail (`password=Tr0ub,host=…`): not shown.
            let piece = match parts.after_hidden_value() {
                true => "host=***".to_owned(),
                false => format!("host={parsed}"),
            };
            *host = Some(parsed);
            Some(piece)
        }
        "port" => {
            let parsed = parse_port(value)?;
            *port = Some(parsed);
            Some(format!("port={parsed}"))
        }
        _ => parts.parameter(name, value, false),
    })
}

/// SQL Server's `host[\instance][:port]`.
fn sqlserver_host(text: &str, parts: &mut Parts) -> Result<(), &'static str> {
    let Some((host, rest)) = text.split_once('\\') else {
        parts.push_endpoint(host_port(text)?);
        return Ok(());
    };
    let (instance, port) = match rest.split_once(':') {
        Some((instance, "")) => (instance, None),
        Some((instance, port)) => (instance, Some(parse_port(port)?)),
        None => (rest, None),
    };
    let endpoint = Endpoint { host: parse_host(host)?, port: None };
    parts.push(&endpoint.shown());
    parts.push("\\");
    parts.push(&show::name(instance));
    if let Some(port) = port {
        parts.push(&format!(":{port}"));
    }
    parts.add_endpoint(Endpoint { port, ..endpoint });
    Ok(())
}

/// SQL Server's `;key=value;…` properties, where a value in `{…}` may
/// hold `;` and writes `}` as `}}`. Returns how many `@` lie in values
/// that may hold one (braced, or allow-listed).
fn sqlserver_properties(text: &str, parts: &mut Parts) -> Result<usize, &'static str> {
    let mut pieces = Vec::new();
    let mut allowed_at = 0;
    let mut rest = text;
    loop {
        rest = rest.trim_start_matches([';', ' ']);
        if rest.is_empty() {
            break;
        }
        let equals = rest
            .find(['=', ';'])
            .filter(|&i| rest.as_bytes()[i] == b'=')
            .ok_or("a property without `=`")?;
        let name = rest[..equals].trim();
        let after = rest[equals + 1..].trim_start();
        let (value, next, braced) = match after.strip_prefix('{') {
            Some(inner) => {
                let (value, next) = braced_value(inner)?;
                let next = next.trim_start();
                if !next.is_empty() && !next.starts_with(';') {
                    return Err("text after a `{…}` value");
                }
                (value, next, true)
            }
            None => {
                let end = after.find(';').unwrap_or(after.len());
                (after[..end].trim_end().to_owned(), &after[end..], false)
            }
        };
        if braced || parts::may_hold_at(name) {
            allowed_at += value.matches('@').count();
        }
        pieces.extend(match braced {
            true => parts.quoted_parameter(name, &value),
            false => parts.parameter(name, &value, false),
        });
        rest = next;
    }
    for piece in pieces {
        parts.push(";");
        parts.push(&piece);
    }
    Ok(allowed_at)
}

/// The text of a `{…}` value (after its `{`), with `}}` read as `}`, and
/// what follows its closing `}`.
pub(super) fn braced_value(inner: &str) -> Result<(String, &str), &'static str> {
    let mut value = String::new();
    let mut chars = inner.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '}' && chars.next_if(|&(_, c)| c == '}').is_none() {
            return Ok((value, &inner[i + 1..]));
        }
        value.push(c);
    }
    Err("an unclosed `{`")
}
