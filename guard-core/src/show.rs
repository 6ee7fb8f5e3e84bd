//! What guard may print of a value it read: only what it understood to be
//! no secret, else the value's length.

use url::Url;

/// A value shown by its length only: `(N characters)`.
pub(crate) fn length(value: &str) -> String {
    match value.chars().count() {
        1 => "(1 character)".to_owned(),
        n => format!("({n} characters)"),
    }
}

/// A host name or IP address as parsed by the `url` crate (IPv6 in
/// brackets), else its length.
pub(crate) fn host(value: &str) -> String {
    match url::Host::parse(value) {
        Ok(url::Host::Domain(domain)) if fits(&domain, 253, |c| c == '.' || c == '-') => domain,
        Ok(url::Host::Ipv4(ip)) => ip.to_string(),
        Ok(url::Host::Ipv6(ip)) => format!("[{ip}]"),
        _ => length(value),
    }
}

/// A file path of `[A-Za-z0-9._/-]` (≤ 128) as it is, else its length.
pub(crate) fn path(value: &str) -> String {
    if fits(value, 128, |c| matches!(c, '.' | '_' | '/' | '-')) {
        value.to_owned()
    } else {
        length(value)
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

/// Whether `value` is 1 to `max` ASCII letters and digits, plus `extra`.
fn fits(value: &str, max: usize, extra: impl Fn(char) -> bool) -> bool {
    !value.is_empty()
        && value.len() <= max
        && value.chars().all(|c| c.is_ascii_alphanumeric() || extra(c))
}

/// A short plain word (≤ 16 of `[A-Za-z0-9_-]`) as it is; anything else by
/// its length. For values that are no secret by role but may hold one by
/// mistake (a renamed variable, a typo'd boolean).
pub(crate) fn word(value: &str) -> String {
    if fits(value, 16, |c| c == '_' || c == '-') { value.to_owned() } else { length(value) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_short_plain_words_are_shown() {
        assert_eq!(word("maybe"), "maybe");
        assert_eq!(word("pr-12_x"), "pr-12_x");
        assert_eq!(word("abcdefghijklmnopq"), "(17 characters)");
        assert_eq!(word("a b"), "(3 characters)");
        assert_eq!(word("\u{1b}[2J"), "(4 characters)");
        assert_eq!(word("ü"), "(1 character)");
        assert_eq!(word(""), "(0 characters)");
    }

    #[test]
    fn hosts_paths_and_web_urls() {
        assert_eq!(host("Shop.Example.com"), "shop.example.com");
        assert_eq!(host("[::1]"), "[::1]");
        assert_eq!(host("10.0.0.1"), "10.0.0.1");
        assert_eq!(host("a b"), "(3 characters)");
        assert_eq!(path("/data/app-1.db"), "/data/app-1.db");
        assert_eq!(path("/da ta"), "(6 characters)");
        let url = Url::parse("http://u:S3CRET@shop.example.com:8080/a b?token=S3CRET#x").unwrap();
        assert_eq!(web_url(&url), "http://shop.example.com:8080(6 characters)?…");
        let url = Url::parse("http://shop.example.com/").unwrap();
        assert_eq!(web_url(&url), "http://shop.example.com");
    }
}
