//! libpq key/value strings: `host=db port=5432 dbname=app password='a b'`.
//!
//! Read as libpq's `conninfo_parse` reads them: whitespace separates pairs
//! and may surround `=`; a value is a single-quoted string (`\` escapes
//! the next character) or runs to the next whitespace (`\` escapes there
//! too). Keys are libpq's keywords (`PQconninfoOptions` in
//! `fe-connect.c`), compared exactly as libpq does (case-sensitively).
//!
//! The signature: the first key is a libpq keyword followed by `=`. Then
//! every key must be one, or the value is invalid. With no `host` the
//! connection goes through the default unix socket.

use std::net::IpAddr;

use super::parts::{Parts, listed_host};
use super::{Backend, DatabaseUrl, DatabaseUrlError};

/// libpq's connection keywords (PostgreSQL 18), and the old `requiressl`
/// and `tty` it still tolerates.
const KEYWORDS: &[&str] = &[
    "service",
    "user",
    "password",
    "passfile",
    "channel_binding",
    "connect_timeout",
    "dbname",
    "host",
    "hostaddr",
    "port",
    "client_encoding",
    "options",
    "application_name",
    "fallback_application_name",
    "keepalives",
    "keepalives_idle",
    "keepalives_interval",
    "keepalives_count",
    "tcp_user_timeout",
    "sslmode",
    "sslnegotiation",
    "sslcompression",
    "sslcert",
    "sslkey",
    "sslkeylogfile",
    "sslcertmode",
    "sslpassword",
    "sslrootcert",
    "sslcrl",
    "sslcrldir",
    "sslsni",
    "requirepeer",
    "require_auth",
    "min_protocol_version",
    "max_protocol_version",
    "ssl_min_protocol_version",
    "ssl_max_protocol_version",
    "gssencmode",
    "krbsrvname",
    "gsslib",
    "gssdelegation",
    "replication",
    "target_session_attrs",
    "load_balance_hosts",
    "scram_client_key",
    "scram_server_key",
    "oauth_issuer",
    "oauth_client_id",
    "oauth_client_secret",
    "oauth_scope",
    "requiressl",
    "tty",
];

/// `None` when the value does not start with `keyword=`.
pub(super) fn read(value: &str) -> Option<Result<DatabaseUrl, DatabaseUrlError>> {
    let mut reader = Reader { rest: value };
    let first = reader.key()?;
    if !KEYWORDS.contains(&first) || !reader.rest.trim_start_matches(is_space).starts_with('=') {
        return None;
    }
    let fail = |reason| DatabaseUrlError::malformed(value, Backend::Postgresql, reason);
    let mut reader = Reader { rest: value };
    let mut parts = Parts::new(Backend::Postgresql);
    let mut pieces = Vec::new();
    let mut has_host = false;
    while let Some(key) = reader.key() {
        if !KEYWORDS.contains(&key) {
            return Some(Err(DatabaseUrlError::malformed(
                value,
                Backend::Unknown,
                "a key that is not a libpq keyword",
            )));
        }
        let Some(after) = reader.rest.trim_start_matches(is_space).strip_prefix('=') else {
            return Some(Err(fail("a key without `=`")));
        };
        reader.rest = after.trim_start_matches(is_space);
        let Some(value) = reader.value() else {
            return Some(Err(fail("an unterminated quote")));
        };
        if matches!(key, "host" | "hostaddr") {
            // Each host is a name, an address, or a socket directory; each
            // `hostaddr` is an IP address (libpq refuses anything else).
            let understood = |host: &str| match key {
                "hostaddr" => host.is_empty() || host.parse::<IpAddr>().is_ok(),
                _ => host.is_empty() || host.starts_with(['/', '@']) || listed_host(host).is_ok(),
            };
            if !value.split(',').all(understood) {
                return Some(Err(fail("a host that is no host name, address or directory")));
            }
            has_host |= !value.is_empty();
        }
        pieces.extend(parts.parameter(key, &value, true));
    }
    parts.push(&pieces.join(" "));
    if !has_host {
        // libpq with no host connects over the default unix socket.
        parts.set_socket();
    }
    Some(Ok(parts.finish()))
}

/// libpq's `isspace`: space, tab, newline, vertical tab, form feed, CR.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\x0b' | '\x0c' | '\r')
}

struct Reader<'a> {
    rest: &'a str,
}

impl<'a> Reader<'a> {
    /// The next key: up to whitespace or `=`; `None` at the end.
    fn key(&mut self) -> Option<&'a str> {
        let text = self.rest.trim_start_matches(is_space);
        let end = text.find(|c| is_space(c) || c == '=').unwrap_or(text.len());
        self.rest = &text[end..];
        (end > 0).then(|| &text[..end])
    }

    /// The next value, with its quoting and escapes undone; `None` for an
    /// unterminated quote.
    fn value(&mut self) -> Option<String> {
        let mut value = String::new();
        let mut chars = self.rest.char_indices();
        if let Some(quoted) = self.rest.strip_prefix('\'') {
            let mut chars = quoted.char_indices();
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => value.extend(chars.next().map(|(_, c)| c)),
                    '\'' => {
                        self.rest = &quoted[i + 1..];
                        return Some(value);
                    }
                    c => value.push(c),
                }
            }
            return None;
        }
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => value.extend(chars.next().map(|(_, c)| c)),
                c if is_space(c) => {
                    self.rest = &self.rest[i..];
                    return Some(value);
                }
                c => value.push(c),
            }
        }
        self.rest = "";
        Some(value)
    }
}
