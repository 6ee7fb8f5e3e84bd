//! JDBC URLs: `jdbc:<subprotocol>:…`, read through to the form behind the
//! prefix.
//!
//! - `jdbc:oracle:thin:` and `jdbc:oracle:oci:` are followed by EZConnect
//!   ([`ez_connect::read_jdbc`]);
//! - `jdbc:sqlite:` by a SQLite path or URL ([`sqlite::read_url`]);
//! - Connector/J's `jdbc:mysql:loadbalance://`, `:replication://`, … keep
//!   their sub-type;
//! - a driver that wraps another's URL (`jdbc:p6spy:`, `jdbc:log4jdbc:`,
//!   `jdbc:otel:`, `jdbc:aws-wrapper:`) is read through, once;
//! - every other subprotocol must be followed by `//`: a URL of that
//!   family ([`url_form::read`]), Connector/J's `address=(…)` and
//!   `(host=…,…)` hosts and SQL Server's `;key=value` properties included.
//!
//! The scheme is the subprotocol (`jdbc:MySQL://…` has scheme `mysql`).

use super::{
    Backend, DatabaseUrl, DatabaseUrlError, DatabaseUrlProblem, ez_connect, is_scheme, sqlite,
    url_form,
};

/// Drivers that wrap another's URL: `jdbc:p6spy:mysql://…`.
const WRAPPERS: [&str; 4] = ["p6spy", "log4jdbc", "otel", "aws-wrapper"];

/// Reads a value that starts with `jdbc:` (in any case).
pub(super) fn read(value: &str) -> Result<DatabaseUrl, DatabaseUrlError> {
    let body = &value["jdbc:".len()..];
    let Some((subprotocol, rest)) = body.split_once(':').filter(|(s, _)| is_scheme(s)) else {
        return Err(DatabaseUrlError::new(DatabaseUrlProblem::NoForm, value));
    };
    let wrapper = subprotocol.to_ascii_lowercase();
    if !WRAPPERS.contains(&wrapper.as_str()) {
        return read_unwrapped(value, subprotocol, rest);
    }
    // The wrapped URL decides (once: a wrapper of a wrapper is no form).
    let Some((subprotocol, rest)) = rest.split_once(':').filter(|(s, _)| is_scheme(s)) else {
        return Err(DatabaseUrlError::new(DatabaseUrlProblem::NoForm, value));
    };
    let mut url = read_unwrapped(value, subprotocol, rest)?;
    url.shown = format!("jdbc:{wrapper}:{}", &url.shown["jdbc:".len()..]);
    Ok(url)
}

/// Reads `jdbc:{subprotocol}:{rest}`.
fn read_unwrapped(
    value: &str,
    subprotocol: &str,
    rest: &str,
) -> Result<DatabaseUrl, DatabaseUrlError> {
    let backend = Backend::from_scheme(subprotocol);
    match backend {
        Backend::Oracle => {
            let lower = rest.to_ascii_lowercase();
            let Some(driver) =
                ["thin:", "oci8:", "oci:"].into_iter().find(|driver| lower.starts_with(driver))
            else {
                return Err(DatabaseUrlError::malformed(
                    value,
                    backend,
                    "no `thin:` or `oci:` after `jdbc:oracle:`",
                ));
            };
            let prefix = format!("jdbc:oracle:{driver}");
            ez_connect::read_jdbc(value, &prefix, &rest[driver.len()..])
        }
        Backend::Sqlite => sqlite::read_url(value, "jdbc:", subprotocol, rest),
        _ => {
            if let Some(rest) = rest.strip_prefix("//") {
                return url_form::read(value, "jdbc:", subprotocol, backend, rest);
            }
            // Connector/J's `jdbc:mysql:loadbalance://…`.
            let subtype = rest
                .split_once("://")
                .map(|(subtype, rest)| (subtype.to_ascii_lowercase(), rest))
                .filter(|(subtype, _)| {
                    backend == Backend::Mysql
                        && ["loadbalance", "replication", "failover", "sequential", "aurora", "aws"]
                            .contains(&subtype.as_str())
                });
            match subtype {
                Some((subtype, rest)) => {
                    let prefix = format!("jdbc:{}:", subprotocol.to_ascii_lowercase());
                    let mut url = url_form::read(value, &prefix, &subtype, backend, rest)?;
                    url.scheme = Some(subprotocol.to_ascii_lowercase());
                    Ok(url)
                }
                None => Err(DatabaseUrlError::malformed(
                    value,
                    backend,
                    "no `//` after the JDBC subprotocol",
                )),
            }
        }
    }
}
