//! SQLite in every form the drivers accept: `sqlite:` URLs (`sqlite:app.db`,
//! `sqlite://app.db`, `sqlite:///abs`, `sqlite::memory:`, `+driver`
//! suffixes, `sqlite3:`, `spatialite:`), `file:` URIs, `:memory:`, and bare
//! file paths.
//!
//! A bare path is recognised by [`is_path`]; a Windows drive path by
//! [`is_drive_path`], before any other form (`c://data/app.db` is no URL).

use super::parts::{self, Parts};
use super::{Backend, DatabaseUrl, DatabaseUrlError};
use crate::show;

/// File endings that make a bare value a SQLite file.
const ENDINGS: [&str; 6] = [".db", ".sqlite", ".sqlite3", ".db3", ".s3db", ".sl3"];

/// `C:\…` or `c:/…`.
pub(super) fn is_drive_path(value: &str) -> bool {
    let bytes = value.as_bytes();
    bytes.len() >= 3
        && bytes[0].is_ascii_alphabetic()
        && bytes[1] == b':'
        && matches!(bytes[2], b'\\' | b'/')
}

/// A bare file path, with no scheme: it ends with a SQLite file ending
/// (`db.sqlite3`, `./data@v2.sqlite3`), starts like a path (`/`, `./`,
/// `../`, `~/`, `\`, `.\`, `..\`), or is a relative path (`data/app`)
/// that holds no `@`, `:` or `//`: a file name needs none of them, and
/// connection strings have them (`postgresql//host/db`, EZConnect's
/// `user/pass@host`). No path holds `://`: such a value is a mangled URL
/// (`DATABASE_URL=sqlite:///app.db` pasted whole).
pub(super) fn is_path(value: &str) -> bool {
    if value.contains("://") {
        // A URL, however mangled (`DATABASE_URL=sqlite:///app.db`).
        return false;
    }
    let relative =
        value.contains(['/', '\\']) && !value.contains(['@', ':']) && !value.contains("//");
    looks_like_a_file(value) || relative
}

/// A SQLite ending or a path's start: a file, not a pasted word that
/// happens to hold a `/` (base64 passwords do).
pub(super) fn looks_like_a_file(value: &str) -> bool {
    let starts_like_path =
        ["/", "./", "../", "~/", "\\", ".\\", "..\\"].iter().any(|start| value.starts_with(start));
    ends_like_sqlite(value) || starts_like_path
}

/// Whether `value` ends with a SQLite file ending (`.db`, `.sqlite3`, …).
pub(super) fn ends_like_sqlite(value: &str) -> bool {
    ENDINGS.iter().any(|ending| {
        value.len() >= ending.len()
            && value.as_bytes()[value.len() - ending.len()..]
                .eq_ignore_ascii_case(ending.as_bytes())
    })
}

/// A bare path, a drive path or `:memory:`. A path is shown only when it
/// ends like a SQLite file: `/data/app` or `data/app` could as well be a
/// password that happens to hold a `/`, pasted alone.
pub(super) fn read_path(value: &str) -> DatabaseUrl {
    let mut parts = Parts::new(Backend::Sqlite);
    if value == ":memory:" {
        parts.push(value);
    } else if !ends_like_sqlite(value) {
        parts.push(&show::not_shown(value));
    } else {
        parts.push(&show::path(value));
        parts.database(value);
    }
    parts.finish()
}

/// `scheme:rest` for a SQLite scheme (`sqlite`, `sqlite3`, `spatialite`,
/// `file`, with any `+driver`); `prefix` is written before the scheme
/// (`jdbc:`).
pub(super) fn read_url(
    value: &str,
    prefix: &str,
    scheme: &str,
    rest: &str,
) -> Result<DatabaseUrl, DatabaseUrlError> {
    if parts::has_control(rest) {
        return Err(DatabaseUrlError::malformed(value, Backend::Sqlite, "a control character"));
    }
    let mut parts = Parts::new(Backend::Sqlite);
    parts.scheme(prefix, scheme);
    parts.push(":");
    // `sqlite:///abs/app.db` is `/abs/app.db`, `sqlite://app.db` is `app.db`.
    let path_and_query = match rest.strip_prefix("//") {
        Some(after) => {
            parts.push("//");
            after
        }
        None => rest,
    };
    let (path, query) = match path_and_query.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (path_and_query, None),
    };
    if path == ":memory:" || path.is_empty() {
        parts.push(path);
    } else {
        parts.push(&show::path(path));
        parts.database(path);
    }
    if let Some(query) = query {
        parts.query(query);
    }
    Ok(parts.finish())
}
