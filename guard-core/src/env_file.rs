//! Reading `.env` files into the variables guard checks: the CLI's
//! `--env-file` and the attribute's `dotenv` option share this reader.
//!
//! A checker must see each value exactly as written. dotenvy 0.15 (the
//! common choice, and prodguard's `dotenv` feature) substitutes `${VAR}`
//! from the process environment in unquoted and double-quoted values and
//! mangles Railway's `${{Service.VAR}}` references, with no switch to turn
//! that off: it would hide an unresolved reference, the very mistake
//! `database_url_invalid` exists to catch. The crates that keep values
//! literal are general `.env` toolkits (editing, dialects, resolution) tens
//! of thousands of lines long, whose parse cost more start-up time than all
//! of guard's checks. So the syntax is read here, by hand, in one pass:
//!
//! - one `KEY=value` per line (a line ends at `\n`, `\r\n` or a lone `\r`),
//!   an optional `export `
//!   before it, blanks around `=`; blank lines and `#` comment lines are
//!   skipped; a UTF-8 byte-order mark is ignored;
//! - a key is a letter or `_`, then letters, digits, `_`, `.` or `-`;
//! - an unquoted value runs to the end of the line or to a ` #` comment,
//!   trimmed, and is kept as written (`#fff` is a value, not a comment);
//! - a single-quoted value is kept as written, a double-quoted one reads
//!   the escapes `\n` `\r` `\t` `\\` `\"` `\'` `\$` (any other `\x` stays as
//!   written); either may span lines, and only a comment may follow it;
//! - nothing is ever expanded: `${VAR}` and `${{Service.VAR}}` stay text;
//! - a file is read up to [`MAX_FILE_BYTES`]; a larger one is an error.
//!
//! ```
//! let vars = prodguard::env_file::parse("DEBUG=true\rDATABASE_URL='${{Postgres.DATABASE_URL}}'\n").unwrap();
//! assert_eq!(vars[0], ("DEBUG", "true".into()));
//! assert_eq!(vars[1].1, "${{Postgres.DATABASE_URL}}");
//! ```

use std::borrow::Cow;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The largest file read: far above any real `.env` file (an environment
/// variable holds at most 128 KiB), and a bound on `/dev/zero`.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Why an env file could not be read.
#[derive(Debug)]
pub enum EnvFileError {
    /// The file could not be opened or read.
    Unreadable(PathBuf, std::io::Error),
    /// The file is not UTF-8 text.
    NotUtf8(PathBuf),
    /// The file is larger than [`MAX_FILE_BYTES`].
    TooLarge(PathBuf),
    /// A line is not `.env` syntax; the error names the line, never its
    /// value.
    Syntax(PathBuf, SyntaxError),
}

impl fmt::Display for EnvFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EnvFileError::Unreadable(path, err) => {
                write!(f, "cannot read env file `{}`: {err}", path.display())
            }
            EnvFileError::NotUtf8(path) => {
                write!(f, "env file `{}` is not UTF-8 text", path.display())
            }
            EnvFileError::TooLarge(path) => write!(
                f,
                "env file `{}` is larger than {} KiB: no .env file is that large",
                path.display(),
                MAX_FILE_BYTES / 1024
            ),
            EnvFileError::Syntax(path, diagnostic) => {
                write!(f, "cannot parse env file `{}`: {diagnostic}", path.display())
            }
        }
    }
}

/// Reads every file's text, in order. The variables borrow from these
/// texts ([`variables`]): a value written plainly is never copied.
pub fn read_all(paths: &[PathBuf]) -> Result<Vec<String>, EnvFileError> {
    paths.iter().map(|path| read(path)).collect()
}

/// Reads one file's text, at most [`MAX_FILE_BYTES`] of it.
pub fn read(path: &Path) -> Result<String, EnvFileError> {
    let unreadable = |err| EnvFileError::Unreadable(path.to_owned(), err);
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(EnvFileError::TooLarge(path.to_owned()));
    }
    String::from_utf8(bytes).map_err(|_| EnvFileError::NotUtf8(path.to_owned()))
}

/// Every variable of every file (`texts` as [`read_all`] read them from
/// `paths`), in file order. A variable set again, in the same file or a
/// later one, is the later pair: `validate_env` keeps the last.
pub fn variables<'a>(
    paths: &[PathBuf],
    texts: &'a [String],
) -> Result<Vec<(&'a str, Cow<'a, str>)>, EnvFileError> {
    let mut vars = Vec::new();
    for (path, text) in paths.iter().zip(texts) {
        vars.extend(parse(text).map_err(|d| EnvFileError::Syntax(path.to_owned(), d))?);
    }
    Ok(vars)
}

/// The variables of `#[production_safe(dotenv)]`'s file, read in debug
/// builds only: a `.env` baked into a release image must not make a
/// deployment "development". A missing file is no error; an unreadable or
/// malformed one is said on stderr (never a value) and not read.
pub(crate) fn startup_variables(path: &Path) -> Vec<(String, String)> {
    if !cfg!(debug_assertions) {
        return Vec::new();
    }
    let vars = read(path).and_then(|text| {
        let vars = parse(&text).map_err(|e| EnvFileError::Syntax(path.to_owned(), e))?;
        Ok(vars.into_iter().map(|(k, v)| (k.to_owned(), v.into_owned())).collect())
    });
    match vars {
        Ok(vars) => vars,
        Err(EnvFileError::Unreadable(_, err)) if err.kind() == std::io::ErrorKind::NotFound => {
            Vec::new()
        }
        Err(err) => {
            use std::io::Write as _;
            let _ = writeln!(std::io::stderr(), "⚠️  {err}; not loaded");
            Vec::new()
        }
    }
}

/// Where and why a file is not `.env` syntax. It never holds a value:
/// the value may be a secret.
#[derive(Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// The line, counted from 1.
    line: usize,
    problem: &'static str,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.problem)
    }
}

/// Parses `.env` text into its variables in order, keeping every value
/// literal (see the module docs for the syntax); only a double-quoted
/// value with an escape is copied.
pub fn parse(text: &str) -> Result<Vec<(&str, Cow<'_, str>)>, SyntaxError> {
    let mut vars = Vec::new();
    let mut rest = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut line = 1;
    while !rest.is_empty() {
        let error = |problem| SyntaxError { line, problem };
        let (first, after) = split_line(rest);
        let statement = first.trim();
        if statement.is_empty() || statement.starts_with('#') {
            rest = after;
            line += 1;
            continue;
        }
        let statement = match statement.strip_prefix("export") {
            Some(tail) if tail.starts_with([' ', '\t']) => tail.trim_start(),
            _ => statement,
        };
        let (key, value) = statement.split_once('=').ok_or_else(|| error("expected KEY=value"))?;
        let key = key.trim_end();
        if !is_key(key) {
            return Err(error("invalid variable name"));
        }
        let trimmed = value.trim_start_matches([' ', '\t']);
        let quote = match trimmed.as_bytes().first() {
            Some(&quote @ (b'\'' | b'"')) => quote,
            _ => {
                vars.push((key, Cow::Borrowed(unquoted(value))));
                rest = after;
                line += 1;
                continue;
            }
        };
        // A quoted value may run on past this line: read it from the rest
        // of the text, just after its opening quote.
        let open = trimmed.as_ptr() as usize - rest.as_ptr() as usize;
        let (value, length) =
            quoted(&rest[open + 1..], quote).ok_or_else(|| error("unclosed quote"))?;
        let close = open + 1 + length;
        line += line_breaks(&rest[..close]);
        let (tail, after) = split_line(&rest[close..]);
        let tail = tail.trim();
        if !(tail.is_empty() || tail.starts_with('#')) {
            return Err(SyntaxError { line, problem: "text after the closing quote" });
        }
        vars.push((key, value));
        rest = after;
        line += 1;
    }
    Ok(vars)
}

/// The first line of `text` (without its line break) and what follows it.
fn split_line(text: &str) -> (&str, &str) {
    match text.find(['\n', '\r']) {
        Some(end) if text[end..].starts_with("\r\n") => (&text[..end], &text[end + 2..]),
        Some(end) => (&text[..end], &text[end + 1..]),
        None => (text, ""),
    }
}

/// How many line breaks `text` holds (`\r\n` is one).
fn line_breaks(text: &str) -> usize {
    text.matches('\n').count() + text.matches('\r').count() - text.matches("\r\n").count()
}

fn is_key(key: &str) -> bool {
    let mut bytes = key.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
}

/// An unquoted value: up to a `#` that follows a blank, trimmed.
fn unquoted(value: &str) -> &str {
    let comment = value.as_bytes().windows(2).position(|pair| matches!(pair, [b' ' | b'\t', b'#']));
    comment.map_or(value, |n| &value[..n]).trim()
}

/// A quoted value read from just after its opening `quote`: the value and
/// how many bytes it took, closing quote included; `None` if it is never
/// closed. Only a double-quoted value with an escape is copied.
fn quoted(text: &str, quote: u8) -> Option<(Cow<'_, str>, usize)> {
    if quote == b'\'' {
        let close = text.find('\'')?;
        return Some((Cow::Borrowed(&text[..close]), close + 1));
    }
    let end = text.find(['"', '\\'])?;
    if text.as_bytes()[end] == b'"' {
        return Some((Cow::Borrowed(&text[..end]), end + 1));
    }
    let mut value = String::from(&text[..end]);
    let mut chars = text[end..].char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((Cow::Owned(value), end + i + 1)),
            '\\' => match chars.next()?.1 {
                'n' => value.push('\n'),
                'r' => value.push('\r'),
                't' => value.push('\t'),
                escaped @ ('\\' | '"' | '\'' | '$') => value.push(escaped),
                other => {
                    value.push('\\');
                    value.push(other);
                }
            },
            c => value.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    /// What a file sets: the last value of each variable, as `validate_env`
    /// keeps it.
    fn parse(text: &str) -> Result<BTreeMap<String, String>, super::SyntaxError> {
        let vars = super::parse(text)?;
        Ok(vars.into_iter().map(|(name, value)| (name.to_owned(), value.into_owned())).collect())
    }

    #[test]
    fn values_stay_literal() {
        let vars = parse(concat!(
            "# the incident\n",
            "export DEBUG=True\n",
            "HOME_DIR=${HOME}\n",
            "DATABASE_URL=\"${{Postgres.DATABASE_URL}}\"\n",
            "SINGLE='a $b \\n c'\n",
            "DOUBLE=\"line\\nnext\"\n",
            "UNQUOTED=  spaced value   # note\n",
            "COLOR=#fff\n",
        ))
        .unwrap();
        assert_eq!(vars["DEBUG"], "True");
        assert_eq!(vars["HOME_DIR"], "${HOME}");
        assert_eq!(vars["DATABASE_URL"], "${{Postgres.DATABASE_URL}}");
        assert_eq!(vars["SINGLE"], "a $b \\n c");
        assert_eq!(vars["DOUBLE"], "line\nnext");
        assert_eq!(vars["UNQUOTED"], "spaced value");
        assert_eq!(vars["COLOR"], "#fff");
    }

    #[test]
    fn line_endings_byte_order_mark_blanks_and_comments() {
        let vars = parse(concat!(
            "\u{feff}A=1\r\n",
            "\r\n",
            "   # indented comment\n",
            "B = 2 \r\n",
            "C=\n",
            "D= # only a comment\n",
            "export\tE=5\n",
            "export=6\n",
            "F='x' # after a quote\n",
            "G=a#b\n",
            "H.I-J=7",
        ))
        .unwrap();
        let expected = [
            ("A", "1"),
            ("B", "2"),
            ("C", ""),
            ("D", ""),
            ("E", "5"),
            ("export", "6"),
            ("F", "x"),
            ("G", "a#b"),
            ("H.I-J", "7"),
        ];
        let expected: BTreeMap<String, String> =
            expected.iter().map(|&(k, v)| (k.to_owned(), v.to_owned())).collect();
        assert_eq!(vars, expected);
    }

    #[test]
    fn quoted_values_span_lines_and_read_their_escapes() {
        let vars = parse(concat!(
            "KEY=\"-----BEGIN\nabc\n-----END\"\n",
            "RAW='first\nsecond'\n",
            "ESC=\"q\\\" b\\\\ d\\$ s\\' t\\t r\\r x\\y\"\n",
            "AFTER=1\n",
        ))
        .unwrap();
        assert_eq!(vars["KEY"], "-----BEGIN\nabc\n-----END");
        assert_eq!(vars["RAW"], "first\nsecond");
        assert_eq!(vars["ESC"], "q\" b\\ d$ s' t\t r\r x\\y");
        assert_eq!(vars["AFTER"], "1");
    }

    #[test]
    fn errors_name_the_line_and_never_the_value() {
        let cases = [
            ("OK=1\nBAD KEY=hunter2\n", "line 2: invalid variable name"),
            ("OK=1\n\nhunter2\n", "line 3: expected KEY=value"),
            ("1KEY=hunter2\n", "line 1: invalid variable name"),
            ("A=\"hunter2\nB=2\n", "line 1: unclosed quote"),
            ("A='hunter2\n", "line 1: unclosed quote"),
            ("A=\"x\\", "line 1: unclosed quote"),
            ("A='x\ny' hunter2\n", "line 2: text after the closing quote"),
        ];
        for (text, expected) in cases {
            let err = parse(text).unwrap_err().to_string();
            assert_eq!(err, expected, "{text:?}");
            assert!(!err.contains("hunter2"), "{err}");
        }
    }

    #[test]
    fn no_arrangement_of_tricky_pieces_panics() {
        const PIECES: [&str; 12] =
            ["A", "=", "'", "\"", "\\", "#", " ", "\n", "\r", "export ", "é", "\u{feff}"];
        let mut text = String::new();
        for n in 0..PIECES.len().pow(4) {
            text.clear();
            let mut rest = n;
            for _ in 0..4 {
                text.push_str(PIECES[rest % PIECES.len()]);
                rest /= PIECES.len();
            }
            // Any outcome will do, as long as it is an outcome.
            let _ = parse(&text);
        }
    }

    #[test]
    fn only_a_value_with_an_escape_is_copied() {
        use std::borrow::Cow;
        let vars = super::parse("A=plain\nB='single'\nC=\"double\"\nD=\"a\\nb\"\n").unwrap();
        let copied: Vec<_> =
            vars.iter().map(|(name, value)| (*name, matches!(value, Cow::Owned(_)))).collect();
        assert_eq!(copied, [("A", false), ("B", false), ("C", false), ("D", true)]);
        assert_eq!(vars[3].1, "a\nb");
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let vars =
            parse("RAILWAY_ENVIRONMENT_NAME=production\rSECRET_KEY=hunter2\rDEBUG=1").unwrap();
        assert_eq!(vars["RAILWAY_ENVIRONMENT_NAME"], "production");
        assert_eq!(vars["SECRET_KEY"], "hunter2");
        assert_eq!(vars["DEBUG"], "1");
        let err = parse("A='x\ry' hunter2\r").unwrap_err().to_string();
        assert_eq!(err, "line 2: text after the closing quote");
    }

    #[test]
    fn later_assignments_win() {
        let vars = parse("A=1\nA=2\n").unwrap();
        assert_eq!(vars["A"], "2");
    }

    #[test]
    fn a_bad_line_names_its_line_only() {
        let err = parse("OK=1\nBAD KEY=hunter2\n").unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("line 2"), "{text}");
        assert!(!text.contains("hunter2"), "{text}");
    }
}
