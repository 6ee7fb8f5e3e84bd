//! Showing values that may hold a secret: a value is printed only when it
//! fits an alphabet known to be safe for its role, and by its length
//! otherwise. Nothing here knows what the value is; the caller has parsed
//! it into its role first.

use url::Url;

/// Whether `value` is 1 to 128 characters of `[A-Za-z0-9._~$/-]`: the
/// alphabet of a user, a database name or a file path that may be shown.
pub(crate) fn fits_path(value: &str) -> bool {
    fits(value, 128, |b| {
        b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'~' | b'$' | b'/' | b'-')
    })
}

/// Whether `value` is 1 to 128 characters of `[A-Za-z0-9._~$-]`: the
/// alphabet of a user that may be shown. No `/`: a user holding one is
/// Oracle's `user/password` written where a user goes.
pub(crate) fn fits_user(value: &str) -> bool {
    fits_path(value) && !value.contains('/')
}

/// Whether `value` is 1 to 64 characters of `[A-Za-z0-9_.-]`: the alphabet
/// of a parameter's name, or of a word-like parameter value.
pub(crate) fn fits_name(value: &str) -> bool {
    fits(value, 64, |b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
}

/// Whether `value` is 1 to 16 characters of `[A-Za-z0-9_-]`: short and
/// plain enough to be echoed back even when its role is unknown (an
/// invalid boolean, an environment name).
pub(crate) fn fits_word(value: &str) -> bool {
    fits(value, 16, |b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'))
}

/// Characters that print as nothing, or reorder the text around them
/// (bidirectional controls): a key holding one was pasted from a document
/// or a chat, or padded to pass a length rule; a name holding one would
/// disguise a report.
pub(crate) fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{ad}' | '\u{34f}' | '\u{61c}' | '\u{115f}' | '\u{1160}' | '\u{180e}'
            | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}'
            | '\u{3164}' | '\u{feff}' | '\u{ffa0}' | '\u{fff9}'..='\u{fffb}')
}

fn fits(value: &str, max: usize, allowed: impl Fn(u8) -> bool) -> bool {
    !value.is_empty() && value.len() <= max && value.bytes().all(allowed)
}

/// A part shown by its length only: `(12 characters)`.
pub(crate) fn length(value: &str) -> String {
    format!("({})", characters(value))
}

/// A whole value shown by its length only: `(16 characters, not shown)`.
pub(crate) fn not_shown(value: &str) -> String {
    format!("({}, not shown)", characters(value))
}

fn characters(value: &str) -> String {
    match value.chars().count() {
        1 => "1 character".to_owned(),
        n => format!("{n} characters"),
    }
}

/// `value` itself if [`fits_word`], else its length.
pub(crate) fn word(value: &str) -> String {
    if fits_word(value) { value.to_owned() } else { not_shown(value) }
}

/// `value` itself if [`fits_path`], else its length.
pub(crate) fn path(value: &str) -> String {
    if fits_path(value) { value.to_owned() } else { length(value) }
}

/// `value` itself if [`fits_user`], else its length.
pub(crate) fn user(value: &str) -> String {
    if fits_user(value) { value.to_owned() } else { length(value) }
}

/// `value` itself if [`fits_name`], else its length.
pub(crate) fn name(value: &str) -> String {
    if fits_name(value) { value.to_owned() } else { length(value) }
}

/// A host name or IP address as parsed by the `url` crate (IPv6 in
/// brackets), else its length.
pub(crate) fn host(value: &str) -> String {
    match url::Host::parse(value) {
        Ok(url::Host::Domain(domain))
            if fits(&domain, 253, |b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-') =>
        {
            domain
        }
        Ok(url::Host::Ipv4(ip)) => ip.to_string(),
        Ok(url::Host::Ipv6(ip)) => format!("[{ip}]"),
        _ => length(value),
    }
}

/// A web URL rebuilt from its parsed parts: scheme, host, port, and the
/// path when it is plain; user, password, query and fragment are never
/// shown.
pub(crate) fn web_url(url: &Url) -> String {
    let mut shown = format!("{}://", url.scheme());
    match url.host_str() {
        Some(host) => shown.push_str(&self::host(host)),
        None => shown.push_str("(no host)"),
    }
    if let Some(port) = url.port() {
        shown.push_str(&format!(":{port}"));
    }
    let path = url.path();
    if path != "/" && !path.is_empty() {
        shown.push_str(&self::path(path));
    }
    if url.query().is_some() || url.fragment().is_some() {
        shown.push_str("?…");
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alphabets() {
        assert!(fits_path("/data/app.db") && fits_path("u$er~1"));
        assert!(!fits_path("") && !fits_path("a b") && !fits_path("p@ss") && !fits_path("a:b"));
        assert!(!fits_path(&"a".repeat(129)));
        assert!(fits_name("application_name") && !fits_name("a/b") && !fits_name("a=b"));
        assert!(fits_word("production") && !fits_word("x\u{1b}[2J") && !fits_word(&"a".repeat(17)));
    }

    #[test]
    fn lengths() {
        assert_eq!(length("abc"), "(3 characters)");
        assert_eq!(length("é"), "(1 character)");
        assert_eq!(not_shown("Sup3rPastedPw0rd"), "(16 characters, not shown)");
        assert_eq!(word("yes-please"), "yes-please");
        assert_eq!(word("\u{1b}]8;;x"), "(6 characters, not shown)");
        assert_eq!(path("a b"), "(3 characters)");
        assert_eq!(name("sslmode"), "sslmode");
    }

    #[test]
    fn hosts_and_web_urls() {
        assert_eq!(host("Shop.Example.com"), "shop.example.com");
        assert_eq!(host("[::1]"), "[::1]");
        assert_eq!(host("10.0.0.1"), "10.0.0.1");
        assert_eq!(host("a b"), "(3 characters)");
        let url = Url::parse("http://u:S3CRET@shop.example.com:8080/a b?token=S3CRET#x").unwrap();
        assert_eq!(web_url(&url), "http://shop.example.com:8080(6 characters)?…");
        let url = Url::parse("http://shop.example.com/").unwrap();
        assert_eq!(web_url(&url), "http://shop.example.com");
    }
}
