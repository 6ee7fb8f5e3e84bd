//! go-sql-driver/mysql DSNs: `[user[:password]@]proto(addr)/dbname[?params]`.
//!
//! Read as `dsn.go` reads them: the last `/` starts the database name (and
//! its query); before it, the last `@` ends the userinfo, whose first `:`
//! starts the password. So the password runs to the last `@` before
//! `proto(`, and may hold `@`, `:` and `/`.
//!
//! The signature: what lies between that `@` (or the start) and that `/`
//! is `proto(addr)`, a protocol word and an address without parentheses.

use super::parts::{Parts, host_port};
use super::{Backend, DatabaseUrl, DatabaseUrlError};
use crate::show;

/// `None` when the value is no go-sql-driver DSN.
pub(super) fn read(value: &str) -> Option<Result<DatabaseUrl, DatabaseUrlError>> {
    let slash = value.rfind('/')?;
    let (left, after) = (&value[..slash], &value[slash + 1..]);
    let (userinfo, address) = match left.rfind('@') {
        Some(at) => (Some(&left[..at]), &left[at + 1..]),
        None => (None, left),
    };
    let (protocol, target) = address.strip_suffix(')')?.split_once('(')?;
    let is_protocol = !protocol.is_empty() && protocol.bytes().all(|b| b.is_ascii_alphanumeric());
    if !is_protocol || target.contains(['(', ')']) {
        return None;
    }
    if value.bytes().any(|b| b.is_ascii_control()) {
        return Some(Err(DatabaseUrlError::malformed(
            value,
            Backend::Mysql,
            "a control character",
        )));
    }

    let mut parts = Parts::new(Backend::Mysql);
    if let Some(userinfo) = userinfo {
        let (user, password) = match userinfo.split_once(':') {
            Some((user, password)) => (user, Some(password)),
            None => (userinfo, None),
        };
        if !user.is_empty() {
            parts.push(&show::user(user));
        }
        if password.is_some_and(|p| !p.is_empty()) {
            parts.push(":***");
        }
        parts.push("@");
    }
    let protocol = protocol.to_ascii_lowercase();
    parts.push(&show::name(&protocol));
    parts.push("(");
    if protocol == "unix" {
        parts.push(&show::path(target));
        parts.set_socket();
    } else if target.is_empty() {
        // go-sql-driver's default address: localhost:3306.
    } else {
        match host_port(target) {
            Ok(endpoint) => parts.push_endpoint(endpoint),
            Err(reason) => {
                return Some(Err(DatabaseUrlError::malformed(value, Backend::Mysql, reason)));
            }
        }
    }
    parts.push(")/");
    let (database, query) = match after.split_once('?') {
        Some((database, query)) => (database, Some(query)),
        None => (after, None),
    };
    if !database.is_empty() {
        parts.push(&show::path(database));
        parts.database(database);
    }
    if let Some(query) = query {
        parts.query(query);
    }
    Some(Ok(parts.finish()))
}
