//! URLs plain enough to read by hand, exactly as the `url` crate would.
//!
//! Almost every `DATABASE_URL` and `SITE_URL` a platform injects is plain:
//! an ASCII host, maybe a port, a path and query of unreserved characters.
//! For those, a full parse costs more than all of guard's checks together,
//! and tells them nothing more. Each reader here accepts only what
//! `Url::parse` accepts and reads it the same way (the tests below hold
//! them to it); anything else returns `None`, and the caller parses.

use crate::ascii;

/// A URL of a non-special scheme (`postgres://`, `mysql://`, ...), read
/// after its `://`.
///
/// Deliberately not `Debug`: `userinfo` holds the password as written.
pub(crate) struct PlainUrl<'a> {
    /// `user` or `user:password`, without the `@`; empty when there is none.
    pub(crate) userinfo: &'a str,
    /// The host as `Url::host_str` gives it: an opaque host is kept as written.
    pub(crate) host: &'a str,
    pub(crate) port: Option<u16>,
    /// As `Url::path` gives it: empty, or starting with `/`.
    pub(crate) path: &'a str,
    /// The query, without `?`; `Url::query_pairs` would decode nothing in it.
    pub(crate) query: &'a str,
}

impl<'a> PlainUrl<'a> {
    /// Reads `scheme://rest` without a parse, or `None` where only a parse
    /// can tell.
    pub(crate) fn read(scheme: &str, rest: &'a str) -> Option<PlainUrl<'a>> {
        if !is_plain_scheme(scheme) {
            return None;
        }
        let authority_end = position(rest, |b| matches!(b, b'/' | b'?' | b'#'));
        let (userinfo, host_port) = match ascii::rsplit_once(&rest[..authority_end], b'@') {
            Some((userinfo, host_port)) => (userinfo, host_port),
            None => ("", &rest[..authority_end]),
        };
        // `*` stands in for a redacted password.
        if !ascii::all(userinfo.as_bytes(), ascii::UNRESERVED, b"*:") {
            return None;
        }
        let (host, port) = match ascii::split_once(host_port, b':') {
            Some((host, port)) => (host, Some(read_port(port)?)),
            None => (host_port, None),
        };
        if host.is_empty() || !ascii::all(host.as_bytes(), ascii::HOST, b"") {
            return None;
        }
        let after = &rest[authority_end..];
        let (path, query) = match ascii::split_once(after, b'?') {
            Some((path, query)) => (path, query),
            None => (after, ""),
        };
        // `.` and `..` segments are removed by a parse.
        let dot_segment = ascii::contains(path, b'.')
            && path.split('/').any(|segment| matches!(segment, "." | ".."));
        if !ascii::all(path.as_bytes(), ascii::UNRESERVED, b"/")
            || dot_segment
            || !ascii::all(query.as_bytes(), ascii::UNRESERVED, b"=&")
        {
            return None;
        }
        Some(PlainUrl { userinfo, host, port, path, query })
    }

    /// The query's `key=value` pairs, as `Url::query_pairs` gives them.
    pub(crate) fn query_pairs(&self) -> impl Iterator<Item = (&'a str, &'a str)> {
        let mut rest = Some(self.query);
        std::iter::from_fn(move || {
            loop {
                let query = rest?;
                let (pair, next) = match ascii::split_once(query, b'&') {
                    Some((pair, next)) => (pair, Some(next)),
                    None => (query, None),
                };
                rest = next;
                if !pair.is_empty() {
                    return Some(ascii::split_once(pair, b'=').unwrap_or((pair, "")));
                }
            }
        })
    }
}

/// The index of the first ASCII byte `stop` matches, or the length.
pub(crate) fn position(text: &str, stop: impl Fn(u8) -> bool) -> usize {
    text.bytes().position(stop).unwrap_or(text.len())
}

fn is_plain_scheme(scheme: &str) -> bool {
    // Special schemes have hosts the `url` crate maps (IDNA, IPv4).
    const SPECIAL: [&str; 6] = ["http", "https", "ws", "wss", "ftp", "file"];
    let mut bytes = scheme.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b != b'_' && ascii::is(b, ascii::SCHEME))
        && !SPECIAL.iter().any(|s| s.eq_ignore_ascii_case(scheme))
}

/// A port of 1 to 5 digits that fits 16 bits.
fn read_port(port: &str) -> Option<u16> {
    if port.is_empty() || port.len() > 5 || !port.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    port.parse().ok()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use url::Url;

    use super::*;

    /// Host, port, path and query pairs.
    type Read = (String, Option<u16>, String, Vec<(String, String)>);

    /// What `Url::parse` reads from `scheme://rest`, in `PlainUrl`'s terms.
    fn parsed(scheme: &str, rest: &str) -> Option<Read> {
        let url = Url::parse(&format!("{scheme}://{rest}")).ok()?;
        Some((
            url.host_str()?.to_owned(),
            url.port(),
            url.path().to_owned(),
            url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect(),
        ))
    }

    fn agrees(scheme: &str, rest: &str) -> Result<(), TestCaseError> {
        if let Some(plain) = PlainUrl::read(scheme, rest) {
            let fast = (
                plain.host.to_owned(),
                plain.port,
                plain.path.to_owned(),
                plain.query_pairs().map(|(k, v)| (k.to_owned(), v.to_owned())).collect(),
            );
            prop_assert_eq!(Some(fast), parsed(scheme, rest), "{}://{}", scheme, rest);
        }
        Ok(())
    }

    #[test]
    fn plain_database_urls_read_as_the_url_crate_reads_them() {
        let cases: &[(&str, &str, bool)] = &[
            ("postgresql", "postgres:***@postgres.railway.internal:5432/railway", true),
            ("postgres", "u@db/app?sslmode=require&application_name=shop", true),
            ("mysql", "root:***@10.0.0.7:3306/shop", true),
            ("mongodb+srv", "u:***@cluster0.example.net/shop?retryWrites=true&w=majority", true),
            ("postgres", "db:5432", true),
            ("postgres", "DB.Example.COM/App", true),
            ("postgres", "db:99999/app", false),
            ("postgres", "db:/app", false),
            ("postgres", "[::1]:5432/app", false),
            ("postgres", "u:p%40ss@db/app", false),
            ("postgres", "db/app?password=a+b", false),
            ("postgres", "db/app#frag", false),
            ("postgres", "/app", false),
            ("postgres", "db/./app", false),
            ("postgres", "db/a/..", false),
            ("https", "db/app", false),
            ("oracle+cx_oracle", "db/app", false),
        ];
        for &(scheme, rest, plain) in cases {
            assert_eq!(PlainUrl::read(scheme, rest).is_some(), plain, "{scheme}://{rest}");
            agrees(scheme, rest).unwrap();
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn plain_urls_agree_with_the_url_crate(
            scheme in "[a-zA-Z][a-zA-Z0-9+._-]{0,8}|postgres|mysql|https|file",
            rest in "[a-zA-Z0-9@:/?&=#%+._~*\\[\\]-]{0,30}",
        ) {
            agrees(&scheme, &rest)?;
        }


    }
}
