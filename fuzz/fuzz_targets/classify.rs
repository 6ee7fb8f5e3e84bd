//! `DatabaseUrl::classify` and `DatabaseUrl::redact` on connection strings
//! built from fuzz input around a planted password: no panic, and no
//! output holds the password.

#![no_main]

use arbitrary::Arbitrary;
use guard_core::DatabaseUrl;
use libfuzzer_sys::fuzz_target;

/// The password planted in every string; it must never be printed.
const PASSWORD: &str = "Pl4ntedPassw0rd";

const SCHEMES: &[&str] = &[
    "postgres", "postgresql", "postgresql+asyncpg", "pgsql", "redshift", "mysql", "mariadb",
    "mysql+pymysql", "sqlite", "libsql", "mssql", "sqlserver", "oracle", "oracle+cx_oracle",
    "cockroachdb", "mongodb", "mongodb+srv", "redis", "jdbc:postgresql", "jdbc:mysql",
    "jdbc:sqlserver", "PostgreSQL", "JDBC:MySQL",
];

const SECRET_KEYS: &[&str] = &[
    "password", "PASSWORD", "pass", "passwd", "pwd", "sslpassword", "secret", "token",
    "authToken", "access_token", "api_key", "apikey",
];

#[derive(Debug, Arbitrary)]
enum Place {
    /// `scheme://user:PASSWORD@host...`
    Userinfo,
    /// `scheme://user@host/db?...&key=PASSWORD&...`
    Query(u8),
    /// libpq `host=... password=PASSWORD ...`
    KeyValue,
    /// `jdbc:sqlserver://host;...;password=PASSWORD;...`
    Properties,
    /// Oracle EZConnect `user/PASSWORD@host:1521/service`
    EzConnect,
}

#[derive(Debug, Arbitrary)]
struct Input<'a> {
    scheme: u8,
    place: Place,
    user: &'a str,
    /// Written before and after the planted password, inside it.
    before: &'a str,
    after: &'a str,
    host: &'a str,
    rest: &'a str,
    /// A string classified as it is, with nothing planted.
    free: &'a str,
}

fn outputs(url: &str) -> String {
    let mut out = DatabaseUrl::redact(url);
    match DatabaseUrl::classify(url) {
        Ok(classified) => {
            out += &format!("\n{classified}\n{classified:?}\n{}", classified.redacted())
        }
        Err(err) => out += &format!("\n{err}\n{err:?}"),
    }
    out
}

fn user_like(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b))
}

fn host_like(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_alphanumeric() || b".-:,[]".contains(&b))
}

/// What may follow a host: nothing, a path, query, fragment or property
/// list, or a port. Anything else makes the host itself garbage, and a
/// password holding `@host/` indistinguishable from a real authority.
fn ends_host(rest: &str) -> bool {
    rest.is_empty()
        || rest.starts_with(['/', '?', '#', ';'])
        || rest.strip_prefix(':').is_some_and(|port| port.starts_with(|c: char| c.is_ascii_digit()))
}

fuzz_target!(|input: Input<'_>| {
    let _ = outputs(input.free);

    // A fuzzer learns the password from comparisons: where it wrote it
    // itself, outside the password's place, it may rightly be shown.
    let parts = [input.user, input.before, input.after, input.host, input.rest];
    if parts.iter().any(|p| p.contains(PASSWORD)) {
        return;
    }
    // The user and host are what they claim to be; the password may hold
    // anything the place allows, the rest of the string anything at all.
    if !user_like(input.user) || !host_like(input.host) || !ends_host(input.rest) {
        return;
    }
    // A password that itself holds `password=…@host` reads exactly like a
    // query parameter after a real authority (`u:pw@h/db?password=p@ss`):
    // guard takes the common reading, so such passwords are out of scope.
    let around = format!("{}{}", input.before, input.after).to_ascii_lowercase();
    if around.contains('=') && SECRET_KEYS.iter().any(|key| around.contains(&key.to_ascii_lowercase())) {
        return;
    }
    let Some(url) = build(&input, &format!("{}{PASSWORD}{}", input.before, input.after)) else {
        return;
    };
    // Nor may the parts around the password spell it by chance.
    let without = build(&input, &format!("{}{}", input.before, input.after)).unwrap_or_default();
    if without.contains(PASSWORD) {
        return;
    }
    let out = outputs(&url);
    assert!(!out.contains(PASSWORD), "{url:?} leaks the password:\n{out}");
});

/// The connection string with `password` in the input's place, or `None`
/// where the place cannot hold it.
fn build(input: &Input<'_>, password: &str) -> Option<String> {
    let scheme = SCHEMES[usize::from(input.scheme) % SCHEMES.len()];
    let (user, host, rest) = (input.user, input.host, input.rest);
    let url = match input.place {
        Place::Userinfo => format!("{scheme}://{user}:{password}@{host}{rest}"),
        Place::Query(key) => {
            // A raw `&` ends a query value, and `#` the query.
            if input.before.contains(['&', '#']) || rest.contains('#') {
                return None;
            }
            let key = SECRET_KEYS[usize::from(key) % SECRET_KEYS.len()];
            format!("{scheme}://{user}@{host}/db?{rest}&{key}={password}")
        }
        Place::KeyValue => {
            // A plain libpq word ends at whitespace; quoted, at `'`.
            if password.contains(|c: char| c.is_whitespace() || c == '\'' || c == '\\') {
                let quoted = password.replace('\\', "\\\\").replace('\'', "\\'");
                format!("host={host} {rest} password='{quoted}' dbname=app")
            } else {
                format!("host={host} password={password} {rest}")
            }
        }
        Place::Properties => {
            if password.contains([';', '\'', '"', '{']) || password.starts_with(char::is_whitespace) {
                return None;
            }
            format!("jdbc:sqlserver://{host};user={user};password={password};{rest}")
        }
        Place::EzConnect => {
            if user.is_empty() {
                return None;
            }
            format!("{user}/{password}@{host}/{rest}")
        }
    };
    Some(url)
}
