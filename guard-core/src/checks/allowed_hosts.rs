//! `ALLOWED_HOSTS`, matched as Django matches it.

/// A comma- or whitespace-separated list of host patterns, split once.
pub(crate) struct AllowedHosts<'a> {
    patterns: Vec<&'a str>,
}

impl<'a> AllowedHosts<'a> {
    /// Splits the list at `,` and at whitespace (any Unicode whitespace, as
    /// `char::is_whitespace`), skipping empty patterns.
    pub(crate) fn parse(list: &'a str) -> AllowedHosts<'a> {
        let patterns = list
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|pattern| !pattern.is_empty())
            .collect();
        AllowedHosts { patterns }
    }

    fn patterns(&self) -> impl Iterator<Item = &'a str> {
        self.patterns.iter().copied()
    }

    pub(crate) fn has_wildcard(&self) -> bool {
        self.patterns().any(|p| p == "*")
    }

    /// Django's `validate_host`: `*` matches any host, `.example.com` the
    /// domain and its subdomains, anything else the host exactly, ignoring
    /// case. `host` is as Django reads it from a request (one trailing dot
    /// removed, an IPv6 address in brackets); a pattern is taken as written.
    pub(crate) fn allows(&self, host: &str) -> bool {
        let host = host.to_lowercase();
        self.patterns().any(|pattern| {
            let pattern = pattern.to_lowercase();
            pattern == "*"
                || pattern == host
                || pattern.starts_with('.') && (host.ends_with(&pattern) || host == pattern[1..])
        })
    }
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
            // The caller removes one trailing dot from the host; an entry
            // keeps its own.
            ("shop.example.com.", "shop.example.com", false),
            ("shop.example.com", "shop.example.com.", false),
            ("[::1]", "[::1]", true),
            ("[::1]", "::1", false),
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
            assert_eq!(AllowedHosts::parse(list).allows(host), *allowed, "{list:?} {host}");
        }
        assert!(AllowedHosts::parse("a.com, *").has_wildcard());
        assert!(!AllowedHosts::parse("*.a.com").has_wildcard());
    }
}
