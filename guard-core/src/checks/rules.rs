//! One function per check, named by its id. Each reads the [`Context`] and
//! pushes a [`Hit`] per problem; severity and allowing are the catalog's.

use super::context::{AllowedHostsState, Context, DatabaseState, Hit, SiteUrl};
use crate::catalog::Check;
use crate::database::{Backend, DatabaseUrlProblem, Tls, is_local_host, is_private_host};
use crate::policy::Fix;
use crate::profiles::{self, OPENSSL};
use crate::show;
use crate::snapshot::{BOOLEAN_SPELLINGS, Flag, Value};
use crate::variable::{PlatformVariable, Variable};

pub(super) fn debug_in_production(cx: &Context<'_>, out: &mut Vec<Hit>) {
    // Why this is production: the platform, or else the environment switch.
    let why = |var: &str| match cx.platform() {
        Some(platform) => format!(
            "{platform} was detected from its variables, so this process is production whatever {var} says."
        ),
        None => format!("{} says production.", cx.name(Variable::Environment)),
    };
    if cx.value(Variable::Debug).flag().is_true() {
        let var = cx.name(Variable::Debug);
        out.push(cx.hit(
            Variable::Debug,
            format!("{var}=True (MUST be False in production)"),
            format!("Set {var}=false (or delete it) {}. {}", cx.place(var), why(var)),
        ));
    }
    let switch = cx.value(Variable::Environment).as_str();
    if cx.platform().is_some() && cx.policy.profile().is_development(switch, false) {
        let (var, production) = (cx.name(Variable::Environment), cx.row().production_value);
        out.push(cx.hit(
            Variable::Environment,
            format!(
                "{var}={} is a development environment (MUST be {production} in production)",
                show::word(switch.unwrap_or_default())
            ),
            format!("Set {var}={production} {}. {}", cx.place(var), why(var)),
        ));
    }
}

pub(super) fn invalid_boolean(cx: &Context<'_>, out: &mut Vec<Hit>) {
    for variable in [Variable::Debug, Variable::LocalTest] {
        let var = cx.name(variable);
        let problem = match cx.value(variable).flag() {
            Flag::Invalid(value) => {
                format!(
                    "{var}={} is not a boolean (accepted: {BOOLEAN_SPELLINGS})",
                    show::word(value)
                )
            }
            Flag::NotUtf8 => format!("{var} is not valid UTF-8 (accepted: {BOOLEAN_SPELLINGS})"),
            Flag::Unset | Flag::Set(_) => continue,
        };
        let consequence = if variable == Variable::Debug && cx.row().development.is_empty() {
            " Until then it counts as not true: this process is treated as production."
        } else {
            ""
        };
        out.push(cx.hit(
            variable,
            problem,
            format!("Set {var}=false (or true) {}.{consequence}", cx.place(var)),
        ));
    }
}

pub(super) fn local_test_in_production(cx: &Context<'_>, out: &mut Vec<Hit>) {
    if cx.value(Variable::LocalTest).flag().is_true() {
        let var = cx.name(Variable::LocalTest);
        out.push(cx.hit(
            Variable::LocalTest,
            format!("{var}=True (MUST be False in production)"),
            format!(
                "Delete {var} (or set it to false) {}: it switches the app to SQLite, which fails under concurrent users.",
                cx.place(var)
            ),
        ));
    }
}

/// The remediation for a database URL that must point at a server.
fn database_server_fix(cx: &Context<'_>, var: &str) -> String {
    let row = cx.row();
    if cx.on_railway() {
        format!(
            "Add a PostgreSQL service to the project (+ New → Database → Add PostgreSQL), then set {var}={} {}.",
            row.railway_url,
            cx.place(var)
        )
    } else {
        format!("Set {var} to the database server's URL ({}) {}.", row.url_example, cx.place(var))
    }
}

fn allow_hint(cx: &Context<'_>, check: Check) -> String {
    format!("allow this check: {}", cx.fix(Fix::Allow(check)))
}

pub(super) fn database_url_missing(cx: &Context<'_>, out: &mut Vec<Hit>) {
    if let (DatabaseState::Unset, None) = (cx.database, cx.sqlite_signal()) {
        let var = cx.name(Variable::DatabaseUrl);
        let mut unset = cx.policy.names(Variable::DatabaseUrl).collect::<Vec<_>>().join(" or ");
        let without_url: Vec<_> = cx.row().configured_by.iter().map(|&v| cx.name(v)).collect();
        if !without_url.is_empty() {
            unset.push_str(&format!(" is not set, nor are {}", without_url.join(" and ")));
        } else {
            unset.push_str(" is not set");
        }
        out.push(cx.hit(
            Variable::DatabaseUrl,
            format!("{unset} (a production app needs a database server)"),
            format!(
                "{} If the app has no database, say so: {}.",
                database_server_fix(cx, var),
                cx.fix(Fix::NoDatabase)
            ),
        ));
    }
}

pub(super) fn database_url_invalid(cx: &Context<'_>, out: &mut Vec<Hit>) {
    let var = cx.name(Variable::DatabaseUrl);
    let place = cx.place(var);
    let (message, remediation) = match cx.database {
        DatabaseState::NotUtf8 => (
            format!("{var} is not valid UTF-8"),
            format!("Set {var} again, as plain text, {place}."),
        ),
        DatabaseState::Invalid(error) => {
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
            let message = match error.problem() {
                DatabaseUrlProblem::Malformed { .. } | DatabaseUrlProblem::NoForm => {
                    format!("{var} ({}) {error}", error.shown())
                }
                _ => format!("{var} {error}"),
            };
            (message, remediation)
        }
        DatabaseState::NotPrefixed(what) => (
            format!("{var} is not {what}"),
            format!("Set {var} to {} {place}.", cx.row().url_example),
        ),
        _ => return,
    };
    out.push(cx.hit(Variable::DatabaseUrl, message, remediation));
}

pub(super) fn sqlite_in_production(cx: &Context<'_>, out: &mut Vec<Hit>) {
    let url_var = cx.name(Variable::DatabaseUrl);
    let sqlite = cx.database.classified().filter(|url| url.backend() == Backend::Sqlite);
    let (variable, shown, mut remediation) = match (cx.sqlite_signal(), sqlite) {
        (Some(variable), _) => {
            let var = cx.name(variable);
            let shown = show::path(cx.value(variable).as_str().unwrap_or_default());
            let fix = format!(
                "Change {var} so that it no longer selects SQLite {}. {}",
                cx.place(var),
                database_server_fix(cx, url_var)
            );
            (variable, shown, fix)
        }
        (None, Some(url)) => {
            (Variable::DatabaseUrl, url.shown().to_owned(), database_server_fix(cx, url_var))
        }
        (None, None) => return,
    };
    if let Some(volume) = cx.platform_value(PlatformVariable::RailwayVolumeMountPath) {
        let volume = show::path(volume);
        remediation.push_str(&format!(
            " A volume is mounted at {volume}: to run SQLite on it deliberately (one replica, one writer, the file under {volume}), {}.",
            allow_hint(cx, Check::SqliteInProduction)
        ));
    }
    let var = cx.name(variable);
    out.push(cx.hit(
        variable,
        format!("{var} is SQLite ({shown}): SQLite fails under concurrent users in production"),
        remediation,
    ));
}

pub(super) fn embedded_database_in_production(cx: &Context<'_>, out: &mut Vec<Hit>) {
    let DatabaseState::Embedded(prefix) = cx.database else {
        return;
    };
    let var = cx.name(Variable::DatabaseUrl);
    out.push(cx.hit(
        Variable::DatabaseUrl,
        format!("{var} is an embedded database ({prefix}…): its data lives and dies with the app's process"),
        database_server_fix(cx, var),
    ));
}

pub(super) fn unknown_database_backend(cx: &Context<'_>, out: &mut Vec<Hit>) {
    let Some(url) = cx.database.classified().filter(|url| url.backend() == Backend::Unknown) else {
        return;
    };
    let var = cx.name(Variable::DatabaseUrl);
    out.push(cx.hit(
        Variable::DatabaseUrl,
        format!("{var} ({}) names no known database", url.shown()),
        format!(
            "Set {var} to the app's database URL (postgresql://, mysql://, sqlserver://, mongodb://, ...) {}. If it really is a database, {}.",
            cx.place(var),
            allow_hint(cx, Check::UnknownDatabaseBackend)
        ),
    ));
}

pub(super) fn database_scheme_unsupported(cx: &Context<'_>, out: &mut Vec<Hit>) {
    let Some(url) = cx.database.classified() else {
        return;
    };
    let schemes = cx.row().unsupported_schemes;
    let Some((scheme, instead, why)) = schemes.iter().find(|s| url.scheme() == Some(s.0)) else {
        return;
    };
    let var = cx.name(Variable::DatabaseUrl);
    out.push(cx.hit(
        Variable::DatabaseUrl,
        format!("{var} uses the {scheme}:// scheme: {why}"),
        format!(
            "Write {instead}:// instead of {scheme}:// in {var} {}, or rewrite the scheme in the app before connecting; if it does, {}.",
            cx.place(var),
            allow_hint(cx, Check::DatabaseSchemeUnsupported)
        ),
    ));
}

/// The remediation for a missing or weak secret.
fn new_secret_fix(cx: &Context<'_>, var: &str) -> String {
    let generator = if cx.policy.has_cookie_key() { OPENSSL } else { cx.row().generator };
    format!("Generate one with {generator} and set {var} to it {}.", cx.place(var))
}

pub(super) fn secret_key_missing(cx: &Context<'_>, out: &mut Vec<Hit>) {
    let required = cx.row().secret_required || cx.policy.has_cookie_key();
    let read = cx.policy.name(Variable::SecretKey).is_some();
    if cx.policy.has_secret() && read && required && cx.value(Variable::SecretKey).is_unset() {
        let var = cx.name(Variable::SecretKey);
        out.push(cx.hit(
            Variable::SecretKey,
            format!("{var} is not set (sessions and tokens are signed with it)"),
            format!(
                "{} If the app signs nothing, say so: {}.",
                new_secret_fix(cx, var),
                cx.fix(Fix::NoSecret)
            ),
        ));
    }
}

pub(super) fn secret_key_weak(cx: &Context<'_>, out: &mut Vec<Hit>) {
    if !cx.policy.has_secret() {
        return;
    }
    let weakness = match cx.value(Variable::SecretKey) {
        Value::Unset => return,
        Value::NotUtf8 => "is not valid UTF-8".to_owned(),
        Value::Set(secret) => match profiles::weakness(
            cx.row().secret,
            secret,
            cx.value(Variable::DatabaseUrl).as_str(),
            cx.policy.has_cookie_key(),
        ) {
            Some(weakness) => weakness,
            None => return,
        },
    };
    let var = cx.name(Variable::SecretKey);
    out.push(cx.hit(
        Variable::SecretKey,
        format!("{var} {weakness}"),
        format!("{} Changing it signs every user out.", new_secret_fix(cx, var)),
    ));
}

/// The public domain Railway gave the service, as it may be shown.
fn public_domain(cx: &Context<'_>) -> Option<String> {
    cx.platform_value(PlatformVariable::RailwayPublicDomain).map(show::host)
}

pub(super) fn site_url_insecure(cx: &Context<'_>, out: &mut Vec<Hit>) {
    let var = cx.name(Variable::SiteUrl);
    let problem = match &cx.site_url {
        None => return,
        Some(SiteUrl::Parsed(url)) if url.scheme() == "https" => return,
        Some(SiteUrl::Parsed(url)) => format!("is not https ({})", show::web_url(url)),
        Some(SiteUrl::Invalid(problem)) => (*problem).to_owned(),
    };
    let example = public_domain(cx).unwrap_or_else(|| "shop.example.com".to_owned());
    out.push(cx.hit(
        Variable::SiteUrl,
        format!("{var} {problem}"),
        format!(
            "Set {var} to the app's public https:// address (https://{example}) {}.",
            cx.place(var)
        ),
    ));
}

/// The hit for `ALLOWED_HOSTS` when it is not UTF-8 and so allows nothing.
fn allowed_hosts_not_utf8(cx: &Context<'_>) -> Hit {
    let hosts = cx.name(Variable::AllowedHosts);
    cx.hit(
        Variable::AllowedHosts,
        format!("{hosts} is not valid UTF-8: it allows no host"),
        format!("Set {hosts} again, as plain text, {}.", cx.place(hosts)),
    )
}

pub(super) fn site_url_host_not_allowed(cx: &Context<'_>, out: &mut Vec<Hit>) {
    let Some(host) = cx.site_url.as_ref().and_then(SiteUrl::host) else {
        return;
    };
    match &cx.allowed_hosts {
        AllowedHostsState::Unset => return,
        AllowedHostsState::NotUtf8 => return out.push(allowed_hosts_not_utf8(cx)),
        AllowedHostsState::Set(allowed) if allowed.allows(host) => return,
        AllowedHostsState::Set(_) => {}
    }
    let (site, hosts) = (cx.name(Variable::SiteUrl), cx.name(Variable::AllowedHosts));
    let host = show::host(host);
    out.push(cx.hit(
        Variable::AllowedHosts,
        format!("{site}'s host `{host}` is not in {hosts}: requests to the app's own address would be refused"),
        format!("Add `{host}` to {hosts} (comma-separated) {}, or correct {site}.", cx.place(hosts)),
    ));
}

pub(super) fn required_variable_missing(cx: &Context<'_>, out: &mut Vec<Hit>) {
    for (name, value) in cx.policy.required().iter().zip(cx.snapshot.required()) {
        let problem = match value {
            Value::Unset => "is not set",
            Value::NotUtf8 => "is not valid UTF-8",
            Value::Set(_) => continue,
        };
        out.push(Hit {
            variable: name.clone(),
            message: format!("{name} {problem} (the app requires it)"),
            remediation: format!("Set {name} {}.", cx.place(name)),
            at_most_warning: false,
        });
    }
}

pub(super) fn allowed_hosts_wildcard(cx: &Context<'_>, out: &mut Vec<Hit>) {
    let AllowedHostsState::Set(allowed) = &cx.allowed_hosts else {
        return;
    };
    if allowed.has_wildcard() {
        let var = cx.name(Variable::AllowedHosts);
        let example = public_domain(cx).unwrap_or_else(|| "shop.example.com".to_owned());
        out.push(cx.hit(
            Variable::AllowedHosts,
            format!("{var} contains `*`: the app answers to any Host header"),
            format!("List the app's own domains in {var} (e.g. {example}) {}.", cx.place(var)),
        ));
    }
}

pub(super) fn public_domain_not_allowed(cx: &Context<'_>, out: &mut Vec<Hit>) {
    let Some(domain) = cx.platform_value(PlatformVariable::RailwayPublicDomain) else {
        return;
    };
    match &cx.allowed_hosts {
        AllowedHostsState::Unset => return,
        AllowedHostsState::NotUtf8 => return out.push(allowed_hosts_not_utf8(cx)),
        AllowedHostsState::Set(allowed) if allowed.allows(domain) => return,
        AllowedHostsState::Set(_) => {}
    }
    let var = cx.name(Variable::AllowedHosts);
    let domain = show::host(domain);
    out.push(cx.hit(
        Variable::AllowedHosts,
        format!("{var} lacks Railway's public domain `{domain}`: requests to it would be refused"),
        format!(
            "Add `{domain}` to {var} (or reference ${{{{RAILWAY_PUBLIC_DOMAIN}}}}) {}.",
            cx.place(var)
        ),
    ));
}

pub(super) fn database_host_local(cx: &Context<'_>, out: &mut Vec<Hit>) {
    let (Some(platform), Some(url)) = (cx.platform(), cx.database.classified()) else {
        return;
    };
    let Some(endpoint) = url.endpoints().iter().find(|e| is_local_host(e.host())) else {
        return;
    };
    let var = cx.name(Variable::DatabaseUrl);
    out.push(cx.hit(
        Variable::DatabaseUrl,
        format!(
            "{var} points at {} ({}): on {platform} that is the app's own container, not a database",
            endpoint.host(),
            url.shown()
        ),
        database_server_fix(cx, var),
    ));
}

pub(super) fn database_tls_disabled(cx: &Context<'_>, out: &mut Vec<Hit>) {
    let Some(url) = cx.database.classified().filter(|url| url.tls() == Tls::Disabled) else {
        return;
    };
    let Some(endpoint) = url.endpoints().iter().find(|e| !is_private_host(e.host())) else {
        return;
    };
    let var = cx.name(Variable::DatabaseUrl);
    out.push(cx.hit(
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
    ));
}
