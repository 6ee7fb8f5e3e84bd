//! Reading `--env-file` files into the variables guard checks.
//!
//! A checker must see each value exactly as written. dotenvy 0.15 (the
//! common choice, and guard-core's `dotenv` feature) substitutes `${VAR}`
//! from the process environment in unquoted and double-quoted values and
//! mangles Railway's `${{Service.VAR}}` references, with no switch to turn
//! that off: it would hide an unresolved reference, the very mistake
//! `database_url_invalid` exists to catch. adotenv never expands a
//! reference, has no dependencies, and reads the usual syntax (comments,
//! `export`, single quotes kept literal, double quotes with escapes,
//! inline ` #` comments).

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// Why an env file could not be read.
#[derive(Debug)]
pub enum EnvFileError {
    /// The file could not be opened or read.
    Unreadable(PathBuf, std::io::Error),
    /// The file is not UTF-8 text.
    NotUtf8(PathBuf),
    /// A line is not `.env` syntax; the diagnostic names the line, never
    /// its value.
    Syntax(PathBuf, adotenv::Diagnostic),
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
            EnvFileError::Syntax(path, diagnostic) => {
                write!(
                    f,
                    "cannot parse env file `{}`: {diagnostic}",
                    path.display()
                )
            }
        }
    }
}

/// Reads every file in order into one set of variables: a variable set in
/// a later file replaces the same variable from an earlier one.
pub fn read_all(paths: &[PathBuf]) -> Result<BTreeMap<String, String>, EnvFileError> {
    let mut vars = BTreeMap::new();
    for path in paths {
        vars.extend(read(path)?);
    }
    Ok(vars)
}

fn read(path: &Path) -> Result<BTreeMap<String, String>, EnvFileError> {
    let bytes =
        std::fs::read(path).map_err(|err| EnvFileError::Unreadable(path.to_owned(), err))?;
    let text = String::from_utf8(bytes).map_err(|_| EnvFileError::NotUtf8(path.to_owned()))?;
    parse(&text).map_err(|diagnostic| EnvFileError::Syntax(path.to_owned(), diagnostic))
}

/// Parses `.env` text, keeping every value literal.
pub fn parse(text: &str) -> Result<BTreeMap<String, String>, adotenv::Diagnostic> {
    adotenv::parse_values(text)
}

#[cfg(test)]
mod tests {
    use super::parse;

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
