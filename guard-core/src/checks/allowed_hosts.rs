//! `ALLOWED_HOSTS`, matched as Django matches it.

/// A comma- or whitespace-separated list of host patterns.
///
/// The patterns are split as they are read: no copy of the list is made.
pub(crate) struct AllowedHosts<'a> {
    list: &'a str,
}

impl<'a> AllowedHosts<'a> {
    pub(crate) fn parse(list: &'a str) -> AllowedHosts<'a> {
        AllowedHosts { list }
    }

    fn patterns(&self) -> impl Iterator<Item = &'a str> {
        self.list
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|p| !p.is_empty())
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
