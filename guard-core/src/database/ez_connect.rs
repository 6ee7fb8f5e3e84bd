//! Oracle EZConnect: `[user/password@][[tcp[s]:]//]host[:port][,host[:port]…][/service[:server][/instance]][?params]`
//! (Easy Connect Plus's protocol and host list included),
//! and JDBC thin's `@host:port:SID`, `@//host:port/service`, TNS aliases
//! and `(DESCRIPTION=…)` descriptors.
//!
//! Without a scheme, two signatures (python-oracledb's forms):
//! - `//host:port[/service]`, no credentials: the port's digits tell it
//!   from a path (`//host/share/app.db` is a file);
//! - `user/password@host…`, where the password runs to the last `@` (none
//!   on both sides of a `?`), the user is an Oracle name (`[A-Za-z0-9_$#.]`), and the
//!   target has a port or a service (`host:port/service` alone is no
//!   EZConnect: it is more likely a URL that lost its scheme).

use super::parts::{self, Parts, host_port, parse_port};
use super::{Backend, DatabaseUrl, DatabaseUrlError};
use crate::show;

/// `//host:port[,host:port…][/service]`; `None` for anything else.
pub(super) fn read_without_credentials(
    value: &str,
) -> Option<Result<DatabaseUrl, DatabaseUrlError>> {
    let rest = value.strip_prefix("//")?;
    let host_end = if rest.starts_with('[') {
        rest.find(']')? + 1
    } else {
        rest.find([':', '/', '?']).unwrap_or(rest.len())
    };
    let after_port = rest[host_end..].strip_prefix(':')?;
    let digits = after_port.bytes().take_while(u8::is_ascii_digit).count();
    let ends = after_port[digits..].is_empty() || after_port[digits..].starts_with(['/', '?', ',']);
    if digits == 0 || !ends {
        return None;
    }
    Some(read(value, "", "", value, false))
}

/// The `@` that ends the credentials, the last one; an error when an `@`
/// lies on each side of a `?`: then the `?` may start the target's
/// parameters (`u/pw@h/svc?wallet_password=a@b`) or be the password's
/// (`u/p@ss?w@h/svc`), and guard does not guess.
fn credentials_end(text: &str) -> Option<Result<usize, &'static str>> {
    let at = text.rfind('@')?;
    let ambiguous = text[..at].find('?').is_some_and(|q| text[..q].contains('@'));
    Some(match ambiguous {
        true => Err("an `@` on both sides of a `?` (quote the password, or percent-encode it)"),
        false => Ok(at),
    })
}

/// `user/password@target`; `None` for anything else.
pub(super) fn read_with_credentials(value: &str) -> Option<Result<DatabaseUrl, DatabaseUrlError>> {
    let at = credentials_end(value)?.ok()?;
    let (credentials, target) = (&value[..at], &value[at + 1..]);
    let (user, _) = credentials.split_once('/')?;
    let oracle_name = !user.is_empty()
        && user
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$' | b'#' | b'.'));
    let address = target.trim_start_matches('/');
    let host_end = address.find([':', '/', '?']).unwrap_or(address.len());
    let has_port_or_service = matches!(address.as_bytes().get(host_end), Some(b':' | b'/'));
    if !oracle_name || !has_port_or_service {
        return None;
    }
    Some(read(value, "", credentials, target, false))
}

/// JDBC thin or OCI, after `jdbc:oracle:thin:` (`prefix`, shown as is):
/// `[user/password]@target`.
pub(super) fn read_jdbc(
    value: &str,
    prefix: &str,
    rest: &str,
) -> Result<DatabaseUrl, DatabaseUrlError> {
    let at = credentials_end(rest)
        .unwrap_or(Err("no `@` before the database address"))
        .map_err(|reason| DatabaseUrlError::malformed(value, Backend::Oracle, reason))?;
    let mut url = read(value, prefix, &rest[..at], &rest[at + 1..], true)?;
    url.scheme = Some("oracle".to_owned());
    Ok(url)
}

/// Reads `credentials` (`user/password`, or empty) and `target`.
fn read(
    value: &str,
    prefix: &str,
    credentials: &str,
    target: &str,
    jdbc: bool,
) -> Result<DatabaseUrl, DatabaseUrlError> {
    let fail = |reason| DatabaseUrlError::malformed(value, Backend::Oracle, reason);
    if parts::has_control(value) {
        return Err(fail("a control character"));
    }
    let mut parts = Parts::new(Backend::Oracle);
    parts.push(prefix);
    if !credentials.is_empty() {
        let (user, password) = credentials.split_once('/').unwrap_or((credentials, ""));
        parts.push(&show::user(user));
        if !password.is_empty() {
            parts.push("/***");
        }
    }
    if jdbc || !credentials.is_empty() {
        parts.push("@");
    }
    let address = match target.strip_prefix("//") {
        Some(address) => {
            parts.push("//");
            address
        }
        None => target,
    };
    // Easy Connect Plus may name the protocol: `tcps://host:1522/service`.
    let address = match address.split_once("://") {
        Some((protocol, after))
            if protocol.eq_ignore_ascii_case("tcp") || protocol.eq_ignore_ascii_case("tcps") =>
        {
            parts.push(&protocol.to_ascii_lowercase());
            parts.push("://");
            after
        }
        _ => address,
    };
    if address.starts_with('(') {
        // A TNS descriptor: `(DESCRIPTION=(ADDRESS=…)…)`.
        parts.push(&show::length(address));
        return Ok(parts.finish());
    }
    let (main, query) = match address.split_once('?') {
        Some((main, query)) => (main, Some(query)),
        None => (address, None),
    };
    let list_end = main.find('/').unwrap_or(main.len());
    let rest = if main[..list_end].contains(',') {
        // Easy Connect Plus's host list: `h1:1521,h2:1521/service`.
        let (list, rest) = main.split_at(list_end);
        for (i, entry) in list.split(',').enumerate() {
            if i > 0 {
                parts.push(",");
            }
            parts.push_endpoint(host_port(entry).map_err(fail)?);
        }
        rest
    } else {
        let host_end = if main.starts_with('[') {
            main.find(']').map_or(main.len(), |i| i + 1)
        } else {
            main.find([':', '/']).unwrap_or(main.len())
        };
        let (host, mut rest) = main.split_at(host_end);
        if rest.is_empty() && query.is_none() && !host.starts_with('[') {
            // A TNS alias (`scott/tiger@orcl`, `jdbc:oracle:thin:@orcl`).
            parts.push(&show::name(host));
            parts.database(host);
            return Ok(parts.finish());
        }
        let mut endpoint = host_port(host).map_err(fail)?;
        if let Some(after) = rest.strip_prefix(':') {
            let end = after.find([':', '/']).unwrap_or(after.len());
            endpoint.port = Some(parse_port(&after[..end]).map_err(fail)?);
            rest = &after[end..];
        }
        parts.push_endpoint(endpoint);
        rest
    };
    let service = if let Some(sid) = rest.strip_prefix(':').filter(|_| jdbc) {
        // JDBC thin's old `host:port:SID`.
        parts.push(":");
        parts.push(&show::name(sid));
        sid
    } else if let Some(service) = rest.strip_prefix('/') {
        parts.push("/");
        parts.push(&show::path(service));
        service.split([':', '/']).next().unwrap_or_default()
    } else if rest.is_empty() {
        ""
    } else {
        return Err(fail("text after the port"));
    };
    if !service.is_empty() {
        parts.database(service);
    }
    if let Some(query) = query {
        parts.query(query);
    }
    Ok(parts.finish())
}
