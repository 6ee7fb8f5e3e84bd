//! go-sql-driver/mysql DSNs: `[user[:password]@]proto(addr)/dbname[?params]`.
//!
//! Read as `dsn.go` reads them: the last `/` starts the database name (and
//! its query); before it, the last `@` ends the userinfo, whose first `:`
//! starts the password. So the password runs to the last `@` before
//! `proto(`, and may hold `@`, `:` and `/`.
//!
//! The signature: what lies between that `@` (or the start) and that `/`
//! is `proto(addr)`, a protocol word and an address without parentheses.
//! The driver also takes `user:pw@/db` and `user:pw@tcp/db` (its default
//! address), but `@/` alone is too weak a signature: a SQLite URL
//! (`sqlite:data@/app`) or a password pasted alone holds it too. A protocol
//! other than `tcp` and `unix` is a dial function the app registered
//! (`cloudsql(project:region:instance)`): its address is the app's own,
//! shown by its length.

use super::parts::{Parts, host_port};
use super::{Backend, DatabaseUrl, DatabaseUrlError, Endpoint, sqlite};
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
    // `sqlite:data@tcp(x)/app` and `backup(2024)/app.db` are SQLite files
    // of a DSN's shape (no MySQL database name holds a `.`), and no DSN
    // holds `://`: `postgres://u@db/app?password=x@tcp()/y` is a URL.
    let sqlite_scheme =
        super::split_scheme(value).is_some_and(|(s, _)| Backend::from_scheme(s) == Backend::Sqlite);
    let file = sqlite::ends_like_sqlite(after.split('?').next().unwrap_or_default());
    if sqlite_scheme || file || value.contains("://") {
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
    match (protocol.as_str(), target) {
        // No path: the driver's default socket.
        ("unix", "") => parts.set_socket(),
        ("unix", socket) => {
            parts.push(&show::path(socket));
            parts.set_socket();
        }
        // go-sql-driver's default address: localhost:3306.
        ("tcp", "") => parts.add_endpoint(Endpoint { host: "127.0.0.1".into(), port: Some(3306) }),
        ("tcp", address) => match host_port(address) {
            Ok(endpoint) => parts.push_endpoint(endpoint),
            Err(reason) => {
                return Some(Err(DatabaseUrlError::malformed(value, Backend::Mysql, reason)));
            }
        },
        (_, address) => parts.push(&show::length(address)),
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
