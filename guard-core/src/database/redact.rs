//! Masking secrets in a connection string, on the raw text.
//!
//! Redaction never depends on a successful parse: a password is found and
//! masked even when it holds a raw `@`, `/`, `#` or `:`, and even when no
//! parser would accept the string. Every rule here errs towards masking too
//! much: an over-redacted URL is a cosmetic flaw, a leaked password is not.

use std::ops::Range;

use crate::ascii;
use crate::plain_url::position;

/// Query and key/value parameters whose value is a secret (any case).
const SECRET_KEYS: &[&str] = &[
    "password",
    "pass",
    "passwd",
    "pwd",
    "sslpassword",
    "secret",
    "client_secret",
    "token",
    "authtoken",
    "auth_token",
    "access_token",
    "api_key",
    "apikey",
];

const MASK: &str = "***";

/// Returns `raw` with every password and secret parameter replaced by `***`.
///
/// `body` is where the connection part starts, after any `jdbc:` or
/// `oracle:thin:` prefix.
pub(crate) fn redact(raw: &str, body: usize) -> String {
    // A secret parameter needs an `=`: most URLs have none, and for them
    // the scan below is skipped (`contains` on bytes is a `memchr`).
    let mut ranges =
        if raw.as_bytes().contains(&b'=') { secret_parameter_values(raw) } else { Vec::new() };
    let password = userinfo_password(raw, body, &ranges);
    if ranges.is_empty() {
        // The common case, a password alone: no list to build.
        return mask(raw, password);
    }
    // The parameter ranges come in order: the password goes in its place.
    if let Some(password) = password {
        let at = ranges.partition_point(|r| r.start < password.start);
        ranges.insert(at, password);
    }
    mask(raw, ranges)
}

pub(crate) fn is_secret_key(key: &str) -> bool {
    SECRET_KEYS.iter().any(|secret| secret.eq_ignore_ascii_case(key))
}

/// What ends a parameter and starts the next key: a query's `?` and `&`, a
/// JDBC property list's `;`, a libpq key/value string's whitespace.
fn is_introducer(byte: u8) -> bool {
    matches!(byte, b'?' | b'&' | b';') || byte.is_ascii_whitespace()
}

/// The value ranges of every `key=value` whose key is secret, wherever it
/// stands: in a query (`?`, `&`), a JDBC property list (`;`) or a libpq
/// key/value string (start or whitespace). The ranges come in order and
/// never overlap.
fn secret_parameter_values(raw: &str) -> Vec<Range<usize>> {
    let bytes = raw.as_bytes();
    let mut ranges = Vec::new();
    let mut key_start = 0;
    let mut introducer = b' ';
    loop {
        // Where to look for the next introducer: after a secret value (it
        // may hold introducers of another kind), else from the key itself.
        let mut from = key_start;
        let key_end = key_start
            + bytes[key_start..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'))
                .count();
        let mut eq = key_end;
        while eq < bytes.len() && bytes[eq] == b' ' {
            eq += 1;
        }
        if key_end > key_start
            && eq < bytes.len()
            && bytes[eq] == b'='
            && is_secret_key(&raw[key_start..key_end])
        {
            let mut value_start = eq + 1;
            while value_start < bytes.len()
                && bytes[value_start] == b' '
                && introducer.is_ascii_whitespace()
            {
                value_start += 1;
            }
            let value_end = value_end(bytes, value_start, introducer);
            if value_end > value_start {
                ranges.push(value_start..value_end);
            }
            from = value_end;
        }
        let Some(n) = bytes[from..].iter().position(|&b| is_introducer(b)) else {
            return ranges;
        };
        introducer = bytes[from + n];
        key_start = from + n + 1;
        // Whitespace around `;` in ADO.NET-style strings.
        while key_start < bytes.len() && bytes[key_start] == b' ' {
            key_start += 1;
        }
    }
}

/// Where a secret value ends: a quoted value at its closing quote, a query
/// value at `&`, a property at `;`, a key/value word at whitespace (libpq
/// reads a `;` as part of the word; a first ADO.NET property then masks
/// too much, never too little).
fn value_end(bytes: &[u8], start: usize, introducer: u8) -> usize {
    let stops = |b: u8| match introducer {
        b'?' | b'&' => b == b'&',
        b';' => b == b';',
        _ => b.is_ascii_whitespace(),
    };
    let plain = bytes[start..].iter().position(|&b| stops(b)).map_or(bytes.len(), |n| start + n);
    // A quoted value ends at its closing quote, but never before a plain
    // one would: a driver that gives the quote no meaning (libpq and `"`,
    // any URL query) reads on to the plain end.
    match bytes.get(start) {
        Some(&quote @ (b'\'' | b'"')) => closing_quote(bytes, start, quote).max(plain),
        _ => plain,
    }
}

/// Just past the quote that closes the one at `start` (`\` escapes), or
/// the end.
fn closing_quote(bytes: &[u8], start: usize, quote: u8) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b if b == quote => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// The password inside a userinfo (`user:password@host`, `user/password@host`).
///
/// The userinfo ends at the last `@` followed by something shaped like a
/// host list, preferring an `@` that is not itself inside a secret
/// parameter; with no such `@`, the last `@` of all (masking too much).
fn userinfo_password(
    raw: &str,
    body: usize,
    secret_values: &[Range<usize>],
) -> Option<Range<usize>> {
    // Only a `://` after a scheme starts an authority: one inside an
    // EZConnect password (`scott/a://b@host`) does not.
    let (start, url_form) = match crate::database::scheme_separator(&raw[body..]) {
        Some(n) if ascii::is_scheme(&raw[body..body + n]) => (body + n + 3, true),
        _ => (body, false),
    };
    let rest = &raw[start..];
    // The `@`s from the last back.
    let ats = || rest.rmatch_indices('@').map(|(n, _)| start + n);
    let last_at = ats().next()?;
    let inside_secret = |at: usize| secret_values.iter().any(|r| r.contains(&at));
    let host_like = |at: usize| {
        let after = &raw[at + 1..];
        let host = &after.as_bytes()[..position(after, |b| matches!(b, b'/' | b'?' | b'#' | b';'))];
        // Host characters, plus what an unresolved reference
        // (`${{Postgres.PGHOST}}`) or an IDN host holds. An empty host
        // (libpq's `user@/db`) is believed only of the last `@`: before
        // another, `@/` is as likely inside the password.
        (!host.is_empty() || at == last_at) && ascii::all(host, ascii::HOST_LIST, b"")
    };
    let at = ats()
        .find(|&at| host_like(at) && !inside_secret(at))
        .or_else(|| ats().find(|&at| host_like(at)))
        .unwrap_or(last_at);
    let userinfo = &raw[start..at];
    let colon = userinfo.find(':');
    let slash = userinfo.find('/');
    let separator = match (url_form, colon, slash) {
        (true, Some(colon), _) => colon,
        // `user/password@host` (Oracle EZConnect), unless a `:` comes
        // first: then everything after it may be the password.
        (false, Some(colon), Some(slash)) => colon.min(slash),
        (false, Some(colon), None) => colon,
        (false, None, Some(slash)) => slash,
        _ => return None,
    };
    let password = start + separator + 1..at;
    (!password.is_empty()).then_some(password)
}

/// `raw` with each range replaced by [`MASK`]. The ranges come sorted by
/// their start; overlapping ones mask their union.
pub(crate) fn mask(raw: &str, sorted: impl IntoIterator<Item = Range<usize>>) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut cursor = 0;
    for range in sorted {
        if range.end <= cursor {
            continue;
        }
        let start = range.start.max(cursor);
        out.push_str(&raw[cursor..start]);
        out.push_str(MASK);
        cursor = range.end;
    }
    out.push_str(&raw[cursor..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_cases() {
        let cases: &[(&str, &str)] = &[
            (
                "postgresql://postgres:s3cret@postgres.railway.internal:5432/railway",
                "postgresql://postgres:***@postgres.railway.internal:5432/railway",
            ),
            ("postgres://u:p%40ss@h/db", "postgres://u:***@h/db"),
            ("postgres://u:p@ss@h/db", "postgres://u:***@h/db"),
            ("postgres://u:pa/ss@h:5432/db", "postgres://u:***@h:5432/db"),
            ("postgres://u:pa#ss@h/db", "postgres://u:***@h/db"),
            ("postgres://u:pa:ss@h/db", "postgres://u:***@h/db"),
            ("postgres://u:pa?ss@h/db", "postgres://u:***@h/db"),
            ("postgres://u@h/db", "postgres://u@h/db"),
            (
                "postgres://h/db?user=u&password=s3cret&sslmode=require",
                "postgres://h/db?user=u&password=***&sslmode=require",
            ),
            ("postgres://h/db?PASSWORD=s3cret", "postgres://h/db?PASSWORD=***"),
            ("postgres://u:pw@h/db?password=p@ss", "postgres://u:***@h/db?password=***"),
            ("libsql://db.turso.io?authToken=eyJhbGc", "libsql://db.turso.io?authToken=***"),
            (
                "host=db port=5432 password=s3cret dbname=app",
                "host=db port=5432 password=*** dbname=app",
            ),
            ("host=db password = 's3 cr\\'et' dbname=app", "host=db password = *** dbname=app"),
            (
                "jdbc:sqlserver://h:1433;databaseName=db;user=sa;password=s3;cret",
                "jdbc:sqlserver://h:1433;databaseName=db;user=sa;password=***;cret",
            ),
            ("scott/tiger@db.example.com:1521/orcl", "scott/***@db.example.com:1521/orcl"),
            ("jdbc:oracle:thin:scott/tiger@h:1521:orcl", "jdbc:oracle:thin:scott/***@h:1521:orcl"),
            ("user:pass@h:5432/db", "user:***@h:5432/db"),
            (
                "mongodb://u:p@h1:27017,h2:27017/db?replicaSet=rs",
                "mongodb://u:***@h1:27017,h2:27017/db?replicaSet=rs",
            ),
            ("sqlite:///data/app.db", "sqlite:///data/app.db"),
            // Found by the property tests: a `://` inside an EZConnect
            // password was taken for the end of a scheme.
            ("scott/\\://@@@db.example.com:1521/orcl", "scott/***@db.example.com:1521/orcl"),
            // Found by fuzzing: libpq reads `;` as part of a plain word.
            ("host=db password=e1;iPl4nted dbname=app", "host=db password=*** dbname=app"),
            // Found by fuzzing: a garbled host after the last `@` must not
            // make an `@/` inside the password the end of the userinfo.
            ("mssql://:a://:@/-]@s3cret@db\u{1}x", "mssql://:***@db\u{1}x"),
            // Found by fuzzing: libpq gives `"` no meaning, so the value
            // runs on past a closing `"`; a `'`-quoted one past its quote too.
            ("host=X password=\"\"s3cret dbname=app", "host=X password=*** dbname=app"),
            ("host=X password='a'b dbname=app", "host=X password=*** dbname=app"),
            (
                "postgres://h/db?password='a'b&sslmode=require",
                "postgres://h/db?password=***&sslmode=require",
            ),
            ("Password=s3;cret;Server=db", "Password=***"),
            ("jdbc:oracle:thin:scott/a://b@h:1521:orcl", "jdbc:oracle:thin:scott/***@h:1521:orcl"),
        ];
        for (raw, expected) in cases {
            let body = if raw.starts_with("jdbc:oracle:thin:") {
                "jdbc:oracle:thin:".len()
            } else if raw.starts_with("jdbc:") {
                5
            } else {
                0
            };
            assert_eq!(redact(raw, body), *expected, "{raw}");
        }
    }

    #[test]
    fn a_raw_ampersand_password_is_masked_whole() {
        let out = redact("postgres://u:a&password=b@h/db", 0);
        assert!(!out.contains("a&"), "{out}");
        assert!(!out.contains("=b"), "{out}");
    }
}
