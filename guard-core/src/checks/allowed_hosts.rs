//! `ALLOWED_HOSTS`, matched as Django matches it.

/// A comma- or whitespace-separated list of host patterns, split once.
pub(crate) struct AllowedHosts<'a> {
    patterns: Vec<&'a str>,
}

impl<'a> AllowedHosts<'a> {
    /// Splits the list at `,` and at whitespace (any Unicode whitespace, as
    /// `char::is_whitespace`), skipping empty patterns.
    pub(crate) fn parse(list: &'a str) -> AllowedHosts<'a> {
        let mut patterns = Vec::new();
        let mut rest = list;
        while !rest.is_empty() {
            let (end, separator) = next_separator(rest);
            if end > 0 {
                patterns.push(&rest[..end]);
            }
            rest = &rest[end + separator..];
        }
        AllowedHosts { patterns }
    }

    fn patterns(&self) -> impl Iterator<Item = &'a str> {
        self.patterns.iter().copied()
    }

    pub(crate) fn has_wildcard(&self) -> bool {
        self.patterns().any(|p| p == "*")
    }

    /// Django's `validate_host`: `*` matches any host, `.example.com` the
    /// domain and its subdomains, anything else the host exactly; letter
    /// case and a trailing dot are ignored.
    pub(crate) fn allows(&self, host: &str) -> bool {
        let host = host.trim_end_matches('.');
        self.patterns().any(|pattern| {
            let pattern = pattern.trim_end_matches('.');
            if pattern == "*" {
                true
            } else if let Some(domain) = pattern.strip_prefix('.') {
                host.eq_ignore_ascii_case(domain) || ends_with_ignore_ascii_case(host, pattern)
            } else {
                host.eq_ignore_ascii_case(pattern)
            }
        })
    }
}

/// Where the first separator of `text` starts and how many bytes it
/// takes; `(text.len(), 0)` when there is none. Read byte by byte, decoding
/// a character only where a non-ASCII one starts.
fn next_separator(text: &str) -> (usize, usize) {
    for (i, &b) in text.as_bytes().iter().enumerate() {
        let separator = match b {
            b',' | b' ' | b'\t'..=b'\r' => 1,
            // The first byte of a multi-byte character (not a continuation).
            0xc0.. => text[i..]
                .chars()
                .next()
                .filter(|c| c.is_whitespace())
                .map_or(0, char::len_utf8),
            _ => 0,
        };
        if separator > 0 {
            return (i, separator);
        }
    }
    (text.len(), 0)
}

fn ends_with_ignore_ascii_case(text: &str, suffix: &str) -> bool {
    text.len() >= suffix.len()
        && text.as_bytes()[text.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn django_matching() {
        let cases: &[(&str, &str, bool)] = &[
            ("*", "anything.example", true),
            ("shop.example.com", "shop.example.com", true),
            ("shop.example.com", "SHOP.Example.com", true),
            ("shop.example.com", "shop.example.com.", true),
            ("shop.example.com", "www.shop.example.com", false),
            (".example.com", "example.com", true),
            (".example.com", "www.example.com", true),
            (".example.com", "badexample.com", false),
            ("a.com, b.com", "b.com", true),
            ("a.com b.com\tc.com", "c.com", true),
            ("a.com,,b.com", "d.com", false),
            ("", "a.com", false),
            // Unicode whitespace separates too; other non-ASCII does not.
            ("a.com\u{a0}b.com\u{2003}c.com", "b.com", true),
            ("a.com\u{2003}c.com", "c.com", true),
            ("bücher.de", "bücher.de", true),
            ("a.com\u{b}b.com", "b.com", true),
        ];
        for (list, host, allowed) in cases {
            assert_eq!(
                AllowedHosts::parse(list).allows(host),
                *allowed,
                "{list:?} {host}"
            );
        }
        assert!(AllowedHosts::parse("a.com, *").has_wildcard());
        assert!(!AllowedHosts::parse("*.a.com").has_wildcard());
    }
}
