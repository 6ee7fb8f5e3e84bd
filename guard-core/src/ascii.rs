//! Byte classes for reading connection strings and host names by hand.
//!
//! One lookup in a table built at compile time per byte, instead of a chain
//! of comparisons: these loops run over every byte of `DATABASE_URL`,
//! `SITE_URL` and `ALLOWED_HOSTS` at each start-up.

use std::borrow::Cow;

/// A set of byte classes, as bits.
#[derive(Clone, Copy)]
pub(crate) struct Class(u8);

/// RFC 3986's unreserved characters: letters, digits, `-`, `.`, `_`, `~`.
pub(crate) const UNRESERVED: Class = Class(1);
/// A plain host: letters, digits, `-`, `.`, `_`.
pub(crate) const HOST: Class = Class(1 << 1);
/// A plain domain label: letters, digits, `-`.
pub(crate) const LABEL: Class = Class(1 << 2);
/// What may follow an `@` in a host list as redaction reads it: host
/// characters, `:` and `,` (ports, several hosts), `[` `]` (IPv6), `%`
/// (encoded sockets), `$` `{` `}` (unresolved references), and any
/// non-ASCII byte (IDN hosts).
pub(crate) const HOST_LIST: Class = Class(1 << 3);
/// A URL scheme after its first letter: letters, digits, `+`, `-`, `.`,
/// `_` (SQLAlchemy's `oracle+cx_oracle`).
pub(crate) const SCHEME: Class = Class(1 << 4);

const fn table() -> [u8; 256] {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        let alphanumeric = byte.is_ascii_alphanumeric();
        let mut bits = 0;
        if alphanumeric || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            bits |= UNRESERVED.0;
        }
        if alphanumeric || matches!(byte, b'-' | b'.' | b'_') {
            bits |= HOST.0;
        }
        if alphanumeric || byte == b'-' {
            bits |= LABEL.0;
        }
        if alphanumeric
            || byte >= 0x80
            || matches!(
                byte,
                b'.' | b'-' | b'_' | b':' | b',' | b'[' | b']' | b'%' | b'$' | b'{' | b'}'
            )
        {
            bits |= HOST_LIST.0;
        }
        if alphanumeric || matches!(byte, b'+' | b'-' | b'.' | b'_') {
            bits |= SCHEME.0;
        }
        table[b] = bits;
        b += 1;
    }
    table
}

static TABLE: [u8; 256] = table();

/// Whether `byte` is in `class`.
pub(crate) fn is(byte: u8, class: Class) -> bool {
    TABLE[usize::from(byte)] & class.0 != 0
}

/// `text` with ASCII capitals lowercased, copied only when it has some.
pub(crate) fn lowercase(text: &str) -> Cow<'_, str> {
    if text.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(text.to_ascii_lowercase())
    } else {
        Cow::Borrowed(text)
    }
}

/// A URL scheme: a letter, then letters, digits, `+`, `-`, `.` or `_`
/// (SQLAlchemy's `oracle+cx_oracle`).
pub(crate) fn is_scheme(text: &str) -> bool {
    let mut bytes = text.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic()) && bytes.all(|b| is(b, SCHEME))
}

/// Whether every byte of `text` is in `class`, or one of `extra`.
pub(crate) fn all(text: &[u8], class: Class, extra: &[u8]) -> bool {
    text.iter().all(|&b| is(b, class) || extra.contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_hold_what_their_docs_say() {
        for b in 0..=255u8 {
            let alphanumeric = b.is_ascii_alphanumeric();
            assert_eq!(
                is(b, UNRESERVED),
                alphanumeric || b"-._~".contains(&b),
                "{b}"
            );
            assert_eq!(is(b, HOST), alphanumeric || b"-._".contains(&b), "{b}");
            assert_eq!(is(b, LABEL), alphanumeric || b == b'-', "{b}");
            assert_eq!(
                is(b, HOST_LIST),
                alphanumeric || b >= 0x80 || b".-_:,[]%${}".contains(&b),
                "{b}"
            );
            assert_eq!(is(b, SCHEME), alphanumeric || b"+-._".contains(&b), "{b}");
        }
        assert!(all(b"a-b/c", UNRESERVED, b"/"));
        assert!(!all(b"a b", UNRESERVED, b"/"));
    }
}
