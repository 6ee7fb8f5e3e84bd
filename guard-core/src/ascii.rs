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

/// The index of the first `byte` in `text`.
///
/// One small loop that the searches `validate_env` runs on every call
/// share, kept out of line on purpose. `str`'s own searches each bring
/// their code: a `CharSearcher` (with `memchr`), a two-way `StrSearcher`,
/// Unicode `trim`. Those made a tenth of the instruction-cache lines one
/// call ran, and the instruction cache is what that call runs short of
/// (BENCHMARKS.md, "Where the time goes"). Searches off that path (a path
/// with a `.`, a host's suffix) keep `str`'s.
#[inline(never)]
pub(crate) fn find(text: &[u8], byte: u8) -> Option<usize> {
    text.iter().position(|&b| b == byte)
}

/// The index of the last `byte` in `text`; shared like [`find`].
#[inline(never)]
pub(crate) fn rfind(text: &[u8], byte: u8) -> Option<usize> {
    text.iter().rposition(|&b| b == byte)
}

/// `text` before and after its first `byte`, an ASCII byte (so both sides
/// are whole characters). Every caller passes a literal, for which the
/// assertion costs nothing.
pub(crate) fn split_once(text: &str, byte: u8) -> Option<(&str, &str)> {
    assert!(byte.is_ascii(), "a search byte is ASCII");
    let i = find(text.as_bytes(), byte)?;
    Some((&text[..i], &text[i + 1..]))
}

/// `text` before and after its last `byte`, an ASCII byte.
pub(crate) fn rsplit_once(text: &str, byte: u8) -> Option<(&str, &str)> {
    assert!(byte.is_ascii(), "a search byte is ASCII");
    let i = rfind(text.as_bytes(), byte)?;
    Some((&text[..i], &text[i + 1..]))
}

/// `text` up to its first `byte`, an ASCII byte, or all of it.
pub(crate) fn before(text: &str, byte: u8) -> &str {
    split_once(text, byte).map_or(text, |(before, _)| before)
}

/// Whether `text` holds `byte`, an ASCII byte.
pub(crate) fn contains(text: &str, byte: u8) -> bool {
    assert!(byte.is_ascii(), "a search byte is ASCII");
    find(text.as_bytes(), byte).is_some()
}

/// `text` without surrounding whitespace, as `str::trim` gives it, looking
/// at no Unicode table when it starts and ends with a visible ASCII
/// character, as almost every value does.
pub(crate) fn trim(text: &str) -> &str {
    let visible = |b: &u8| b.is_ascii_graphic();
    let bytes = text.as_bytes();
    if bytes.first().is_some_and(visible) && bytes.last().is_some_and(visible) {
        text
    } else {
        text.trim()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_hold_what_their_docs_say() {
        for b in 0..=255u8 {
            let alphanumeric = b.is_ascii_alphanumeric();
            assert_eq!(is(b, UNRESERVED), alphanumeric || b"-._~".contains(&b), "{b}");
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

    #[test]
    fn searches_agree_with_str() {
        for text in ["", "a", "::", "a:b:c", "é:ü", ":x", "x:", "no separator"] {
            assert_eq!(split_once(text, b':'), text.split_once(':'), "{text:?}");
            assert_eq!(rsplit_once(text, b':'), text.rsplit_once(':'), "{text:?}");
            assert_eq!(before(text, b':'), text.split(':').next().unwrap(), "{text:?}");
            assert_eq!(contains(text, b':'), text.contains(':'), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn searches_and_trim_agree_with_str_on_any_text(
            text in "[a:/@ \t\u{a0}\u{2003}é]{0,12}",
            byte in proptest::sample::select(b":/@a ".to_vec()),
        ) {
            let c = char::from(byte);
            proptest::prop_assert_eq!(split_once(&text, byte), text.split_once(c));
            proptest::prop_assert_eq!(rsplit_once(&text, byte), text.rsplit_once(c));
            proptest::prop_assert_eq!(contains(&text, byte), text.contains(c));
            proptest::prop_assert_eq!(before(&text, byte), text.split(c).next().unwrap());
            proptest::prop_assert_eq!(find(text.as_bytes(), byte), text.find(c));
            proptest::prop_assert_eq!(rfind(text.as_bytes(), byte), text.rfind(c));
            proptest::prop_assert_eq!(trim(&text), text.trim());
        }
    }

    #[test]
    fn trim_agrees_with_str() {
        for text in ["", " ", "a", " a", "a ", "\ta b\n", "\u{a0}x\u{a0}", "x\u{2003}", "é"] {
            assert_eq!(trim(text), text.trim(), "{text:?}");
        }
    }
}
