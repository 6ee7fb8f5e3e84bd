//! One function per check, named by its id. Each reads the [`Context`] and
//! returns a [`Hit`] per problem (an `Option` where there can be only one);
//! severity and allowing are the catalog's.

use super::allowed_hosts::AllowedHosts;
use super::context::{Context, DatabaseState, Hit, SiteUrl};
use crate::catalog::Check;
use crate::database::{Backend, DatabaseUrlProblem, Tls, is_local_host, is_private_host};
use crate::policy::Fix;
use crate::profiles::{self, OPENSSL};
use crate::show;
use crate::snapshot::{BOOLEAN_SPELLINGS, Flag, Value};
use crate::variable::{PlatformVariable, Variable};

pub(super) fn debug_in_production(cx: &Context<'_>) -> Vec<Hit> {
    // Why this is production: the platform, or else the environment switch.
    let why = |var: &str| match cx.platform() {
        Some(platform) => format!(
            "{platform} was detected from its variables, so this process is production whatever {var} says."
        ),
        None => format!("{} says production.", cx.name(Variable::Environment)),
    };
    let mut hits = Vec::new();
    if cx.value(Variable::Debug).flag().is_true() {
        let var = cx.name(Variable::Debug);
        hits.push(cx.hit(
            Variable::Debug,
            format!("{var}=True (MUST be False in production)"),
            format!("Set {var}=false (or delete it) {}. {}", cx.place(var), why(var)),
        ));
    }
    let switch = cx.value(Variable::Environment).as_str();
    if cx.platform().is_some() && cx.policy.profile().is_development(switch, false) {
        let (var, production) = (cx.name(Variable::Environment), cx.row().production_value);
        hits.push(cx.hit(
            Variable::Environment,
            format!(
                "{var}={} is a development environment (MUST be {production} in production)",
                show::word(switch.unwrap_or_default())
            ),
            format!("Set {var}={production} {}. {}", cx.place(var), why(var)),
        ));
    }
    hits
}

pub(super) fn invalid_boolean(cx: &Context<'_>) -> Vec<Hit> {
    let invalid = |variable: Variable| {
        let var = cx.name(variable);
        let problem = match cx.value(variable).flag() {
            Flag::Invalid(value) => format!("{var}={} is not a boolean", show::word(value)),
            Flag::NotUtf8 => format!("{var} is not valid UTF-8"),
            Flag::Unset | Flag::Set(_) => return None,
        };
        let consequence = if variable == Variable::Debug && cx.row().development.is_empty() {
            " Until then it counts as not true: this process is treated as production."
        } else {
            ""
        };
        Some(cx.hit(
            variable,
            format!("{problem} (accepted: {BOOLEAN_SPELLINGS})"),
            format!("Set {var}=false (or true) {}.{consequence}", cx.place(var)),
        ))
    };
    [Variable::Debug, Variable::LocalTest].into_iter().filter_map(invalid).collect()
}

pub(super) fn local_test_in_production(cx: &Context<'_>) -> Option<Hit> {
    let var = cx.name(Variable::LocalTest);
    cx.value(Variable::LocalTest).flag().is_true().then(|| {
        cx.hit(
            Variable::LocalTest,
            format!("{var}=True (MUST be False in production)"),
            format!(
                "Delete {var} (or set it to false) {}: it switches the app to SQLite, which fails under concurrent users.",
                cx.place(var)
            ),
        )
    })
}

/// The remediation for a database URL that must point at a server.
fn database_server_fix(cx: &Context<'_>, var: &str) -> String {
    let (row, place) = (cx.row(), cx.place(var));
    if cx.on_railway() {
        format!(
            "Add a PostgreSQL service to the project (+ New → Database → Add PostgreSQL), then set {var}={} {place}.",
            row.railway_url
        )
    } else {
        format!("Set {var} to the database server's URL ({}) {place}.", row.url_example)
    }
}

fn allow_hint(cx: &Context<'_>, check: Check) -> String {
    format!("allow this check: {}", cx.fix(Fix::Allow(check)))
}

pub(super) fn database_url_missing(cx: &Context<'_>) -> Option<Hit> {
    if !matches!(cx.database, DatabaseState::Unset) || cx.sqlite_signal().is_some() {
        return None;
    }
    let var = cx.name(Variable::DatabaseUrl);
    let names = cx.policy.names(Variable::DatabaseUrl).collect::<Vec<_>>().join(" or ");
    let without_url: Vec<_> = cx.row().configured_by.iter().map(|&v| cx.name(v)).collect();
    let unset = match without_url.is_empty() {
        true => format!("{names} is not set"),
        false => format!("{names} is not set, nor are {}", without_url.join(" and ")),
    };
    Some(cx.hit(
        Variable::DatabaseUrl,
        format!("{unset} (a production app needs a database server)"),
        format!(
            "{} If the app has no database, say so: {}.",
            database_server_fix(cx, var),
            cx.fix(Fix::NoDatabase)
        ),
    ))
}

pub(super) fn database_url_invalid(cx: &Context<'_>) -> Option<Hit> {
    let var = cx.name(Variable::DatabaseUrl);
    let place = cx.place(var);
    let (message, remediation) = match cx.database {
        DatabaseState::NotUtf8 => (
            format!("{var} is not valid UTF-8"),
            format!("Set {var} again, as plain text, {place}."),
        ),
        DatabaseState::NotPrefixed(what) => (
            format!("{var} is not {what}"),
            format!("Set {var} to {} {place}.", cx.row().url_example),
        ),
        DatabaseState::Invalid(error) => {
            let message = match error.problem() {
                DatabaseUrlProblem::Malformed { .. } | DatabaseUrlProblem::NoForm => {
                    format!("{var} ({}) {error}", error.shown())
                }
                _ => format!("{var} {error}"),
            };
            let remediation = match error.problem() {
                DatabaseUrlProblem::Quoted => format!(
                    "Remove the quotes around the value of {var} {place}: the platform keeps them as part of the value."
                ),
                DatabaseUrlProblem::UnresolvedReference { railway: true } => format!(
                    "The referenced service or variable does not exist: {} resolves only when a service of exactly that name (case-sensitive) defines that variable. Add the service (+ New → Database → Add PostgreSQL) or correct the reference {place}.",
                    error.shown()
                ),
                DatabaseUrlProblem::UnresolvedReference { .. } => format!(
                    "{} is shell syntax that the platform did not expand: set the full URL in {var} {place}.",
                    error.shown()
                ),
                _ => format!(
                    "Set {var} to a full URL such as postgresql://user:password@host:5432/database {place}; percent-encode special characters in the password (@ as %40, / as %2F, # as %23)."
                ),
            };
            (message, remediation)
        }
        _ => return None,
    };
    Some(cx.hit(Variable::DatabaseUrl, message, remediation))
}

pub(super) fn sqlite_in_production(cx: &Context<'_>) -> Option<Hit> {
    let url_var = cx.name(Variable::DatabaseUrl);
    let (variable, shown, mut remediation) = match cx.sqlite_signal() {
        Some(variable) => {
            let var = cx.name(variable);
            let shown = match cx.value(variable).as_str() {
                Some(value) => show::path(value),
                None => format!("unset: {} defaults to SQLite", cx.row().framework),
            };
            // The URL the framework reads first: Laravel's DB_URL, not a
            // DATABASE_URL it ignores.
            let first_url = cx.policy.name(Variable::DatabaseUrl).unwrap_or(url_var);
            let fix = format!(
                "Set {var} so that it no longer selects SQLite {}. {}",
                cx.place(var),
                database_server_fix(cx, first_url)
            );
            (variable, shown, fix)
        }
        None => {
            let url = cx.database.classified().filter(|url| url.backend() == Backend::Sqlite)?;
            (Variable::DatabaseUrl, url.shown().to_owned(), database_server_fix(cx, url_var))
        }
    };
    if let Some(volume) = cx.platform_value(PlatformVariable::RailwayVolumeMountPath) {
        let volume = show::path(volume);
        remediation.push_str(&format!(
            " A volume is mounted at {volume}: to run SQLite on it deliberately (one replica, one writer, the file under {volume}), {}.",
            allow_hint(cx, Check::SqliteInProduction)
        ));
    }
    let var = cx.name(variable);
    Some(cx.hit(
        variable,
        format!("{var} is SQLite ({shown}): SQLite fails under concurrent users in production"),
        remediation,
    ))
}

pub(super) fn embedded_database_in_production(cx: &Context<'_>) -> Option<Hit> {
    let DatabaseState::Embedded(prefix) = cx.database else { return None };
    let var = cx.name(Variable::DatabaseUrl);
    Some(cx.hit(
        Variable::DatabaseUrl,
        format!("{var} is an embedded database ({prefix}…): its data lives and dies with the app's process"),
        database_server_fix(cx, var),
    ))
}

pub(super) fn unknown_database_backend(cx: &Context<'_>) -> Option<Hit> {
    let url = cx.database.classified().filter(|url| url.backend() == Backend::Unknown)?;
    if cx.row().adapter_database(url).is_some() {
        // Phoenix's `ecto://`: the app's Repo names the database.
        return None;
    }
    let var = cx.name(Variable::DatabaseUrl);
    Some(cx.hit(
        Variable::DatabaseUrl,
        format!("{var} ({}) names no known database", url.shown()),
        format!(
            "Set {var} to the app's database URL (postgresql://, mysql://, sqlserver://, mongodb://, ...) {}. If it really is a database, {}.",
            cx.place(var),
            allow_hint(cx, Check::UnknownDatabaseBackend)
        ),
    ))
}

pub(super) fn database_scheme_unsupported(cx: &Context<'_>) -> Option<Hit> {
    let scheme = cx.database.classified()?.scheme();
    let (scheme, instead, why) =
        cx.row().unsupported_schemes.iter().find(|(refused, ..)| scheme == Some(*refused))?;
    let var = cx.name(Variable::DatabaseUrl);
    Some(cx.hit(
        Variable::DatabaseUrl,
        format!("{var} uses the {scheme}:// scheme: {why}"),
        format!(
            "Write {instead}:// instead of {scheme}:// in {var} {}, or rewrite the scheme in the app before connecting; if it does, {}.",
            cx.place(var),
            allow_hint(cx, Check::DatabaseSchemeUnsupported)
        ),
    ))
}

/// The remediation for a missing or weak secret.
fn new_secret_fix(cx: &Context<'_>, var: &str) -> String {
    let generator = if cx.policy.has_cookie_key() { OPENSSL } else { cx.row().generator };
    format!("Generate one with {generator} and set {var} to it {}.", cx.place(var))
}

pub(super) fn secret_key_missing(cx: &Context<'_>) -> Option<Hit> {
    let required = cx.row().secret_required || cx.policy.has_cookie_key();
    let read = cx.policy.name(Variable::SecretKey).is_some();
    if !(cx.policy.has_secret() && read && required && cx.value(Variable::SecretKey).is_unset()) {
        return None;
    }
    let var = cx.name(Variable::SecretKey);
    Some(cx.hit(
        Variable::SecretKey,
        format!("{var} is not set (sessions and tokens are signed with it)"),
        format!(
            "{} If the app signs nothing, say so: {}.",
            new_secret_fix(cx, var),
            cx.fix(Fix::NoSecret)
        ),
    ))
}

pub(super) fn secret_key_weak(cx: &Context<'_>) -> Option<Hit> {
    if !cx.policy.has_secret() {
        return None;
    }
    let weakness = match cx.value(Variable::SecretKey) {
        Value::Unset => return None,
        Value::NotUtf8 => "is not valid UTF-8".to_owned(),
        Value::Set(secret) => profiles::weakness(
            cx.row().secret,
            secret,
            cx.value(Variable::DatabaseUrl).as_str(),
            cx.policy.has_cookie_key(),
        )?,
    };
    let var = cx.name(Variable::SecretKey);
    Some(cx.hit(
        Variable::SecretKey,
        format!("{var} {weakness}"),
        format!("{} Changing it signs every user out.", new_secret_fix(cx, var)),
    ))
}

/// The public domain Railway gave the service, as it may be shown, or an
/// example of one.
fn public_domain(cx: &Context<'_>) -> String {
    let domain = cx.platform_value(PlatformVariable::RailwayPublicDomain);
    domain.map_or_else(|| "shop.example.com".to_owned(), show::host)
}

pub(super) fn site_url_insecure(cx: &Context<'_>) -> Option<Hit> {
    let var = cx.name(Variable::SiteUrl);
    let problem = match cx.site_url.as_ref()? {
        SiteUrl::Parsed(url) if url.scheme() == "https" => return None,
        SiteUrl::Parsed(url) => format!("is not https ({})", show::web_url(url)),
        SiteUrl::Invalid(problem) => (*problem).to_owned(),
    };
    Some(cx.hit(
        Variable::SiteUrl,
        format!("{var} {problem}"),
        format!(
            "Set {var} to the app's public https:// address (https://{}) {}.",
            public_domain(cx),
            cx.place(var)
        ),
    ))
}

/// The hit for an `ALLOWED_HOSTS` that does not allow `host`, worded by
/// `words` from the host as shown: `None` when it is unset or allows it.
fn not_allowed(
    cx: &Context<'_>,
    host: &str,
    words: impl Fn(&str) -> (String, String),
) -> Option<Hit> {
    let var = cx.name(Variable::AllowedHosts);
    let (message, remediation) = match cx.value(Variable::AllowedHosts) {
        Value::Unset => return None,
        Value::Set(list) if AllowedHosts::parse(list).allows(host) => return None,
        Value::Set(_) => words(&show::host(host)),
        Value::NotUtf8 => (
            format!("{var} is not valid UTF-8: it allows no host"),
            format!("Set {var} again, as plain text, {}.", cx.place(var)),
        ),
    };
    Some(cx.hit(Variable::AllowedHosts, message, remediation))
}

pub(super) fn site_url_host_not_allowed(cx: &Context<'_>) -> Option<Hit> {
    let (site, hosts) = (cx.name(Variable::SiteUrl), cx.name(Variable::AllowedHosts));
    not_allowed(cx, cx.site_url.as_ref()?.host()?, |host| {
        (
            format!(
                "{site}'s host `{host}` is not in {hosts}: requests to the app's own address would be refused"
            ),
            format!(
                "Add `{host}` to {hosts} (comma-separated) {}, or correct {site}.",
                cx.place(hosts)
            ),
        )
    })
}

pub(super) fn required_variable_missing(cx: &Context<'_>) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (name, value) in cx.policy.required().iter().zip(cx.snapshot.required()) {
        let problem = match value {
            Value::Unset => "is not set",
            Value::NotUtf8 => "is not valid UTF-8",
            Value::Set(_) => continue,
        };
        hits.push(Hit {
            variable: name.clone(),
            message: format!("{name} {problem} (the app requires it)"),
            remediation: format!("Set {name} {}.", cx.place(name)),
            at_most_warning: false,
        });
    }
    hits
}

pub(super) fn allowed_hosts_wildcard(cx: &Context<'_>) -> Option<Hit> {
    let allowed = AllowedHosts::parse(cx.value(Variable::AllowedHosts).as_str()?);
    let var = cx.name(Variable::AllowedHosts);
    allowed.has_wildcard().then(|| {
        cx.hit(
            Variable::AllowedHosts,
            format!("{var} contains `*`: the app answers to any Host header"),
            format!(
                "List the app's own domains in {var} (e.g. {}) {}.",
                public_domain(cx),
                cx.place(var)
            ),
        )
    })
}

pub(super) fn public_domain_not_allowed(cx: &Context<'_>) -> Option<Hit> {
    let var = cx.name(Variable::AllowedHosts);
    let domain = cx.platform_value(PlatformVariable::RailwayPublicDomain)?;
    not_allowed(cx, domain, |domain| {
        (
            format!(
                "{var} lacks Railway's public domain `{domain}`: requests to it would be refused"
            ),
            format!(
                "Add `{domain}` to {var} (or reference ${{{{RAILWAY_PUBLIC_DOMAIN}}}}) {}.",
                cx.place(var)
            ),
        )
    })
}

pub(super) fn database_host_local(cx: &Context<'_>) -> Option<Hit> {
    let (platform, url) = (cx.platform()?, cx.database.classified()?);
    let endpoint = url.endpoints().iter().find(|e| is_local_host(e.host()))?;
    let var = cx.name(Variable::DatabaseUrl);
    Some(cx.hit(
        Variable::DatabaseUrl,
        format!(
            "{var} points at {} ({}): on {platform} that is the app's own container, not a database",
            endpoint.host(),
            url.shown()
        ),
        database_server_fix(cx, var),
    ))
}

pub(super) fn database_tls_disabled(cx: &Context<'_>) -> Option<Hit> {
    let url = cx.database.classified().filter(|url| url.tls() == Tls::Disabled)?;
    let endpoint = url.endpoints().iter().find(|e| !is_private_host(e.host()))?;
    let var = cx.name(Variable::DatabaseUrl);
    Some(cx.hit(
        Variable::DatabaseUrl,
        format!(
            "{var} turns TLS off to {}, a host off the private network ({})",
            endpoint.host(),
            url.shown()
        ),
        format!(
            "Require TLS in {var} (sslmode=require, ssl=true, ...) {}, or connect over the platform's private network (on Railway: the database's *.railway.internal host).",
            cx.place(var)
        ),
    ))
}
