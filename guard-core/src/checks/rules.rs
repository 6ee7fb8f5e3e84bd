//! One function per check, named by its id. Each reads the [`Context`] and
//! pushes a [`Hit`] per problem; severity and allowing are the catalog's.

use std::borrow::Cow;
use std::cell::OnceCell;

use url::Url;

use super::Hit;
use super::allowed_hosts::AllowedHosts;
use crate::database::{
    Backend, DatabaseUrl, DatabaseUrlError, DatabaseUrlProblem, Tls, is_local_host, is_private_host,
};
use crate::plain_url::https_host;
use crate::platform::{Detection, GENERIC_PLACE, Platform};
use crate::policy::Policy;
use crate::vars::{BOOLEAN_SPELLINGS, Flag, PlatformVar, Role, Snapshot, Value};

/// `DATABASE_URL` as the checks see it.
pub(crate) enum DatabaseState {
    /// The app's policy says it has no database.
    NotChecked,
    Unset,
    NotUtf8,
    /// Could not be classified; what may be shown of the value.
    Invalid {
        error: DatabaseUrlError,
        redacted: String,
    },
    Classified(DatabaseUrl),
}

impl DatabaseState {
    pub(crate) fn read(policy: &Policy, snapshot: &Snapshot) -> DatabaseState {
        if !policy.has_database() {
            return DatabaseState::NotChecked;
        }
        match snapshot.role(Role::DatabaseUrl) {
            Value::Unset => DatabaseState::Unset,
            Value::NotUtf8 => DatabaseState::NotUtf8,
            Value::Set(raw) => match DatabaseUrl::classify(raw) {
                Ok(url) => DatabaseState::Classified(url),
                Err(error) => DatabaseState::Invalid {
                    redacted: error.shown().to_owned(),
                    error,
                },
            },
        }
    }

    pub(crate) fn classified(&self) -> Option<&DatabaseUrl> {
        match self {
            DatabaseState::Classified(url) => Some(url),
            _ => None,
        }
    }
}

/// `SITE_URL` as the checks read it.
enum SiteUrl<'a> {
    /// A plain `https://` URL, read without a parse: its host, lowercased.
    Https { host: Cow<'a, str> },
    /// Any other URL, parsed.
    Parsed(Url),
    /// Why it cannot be parsed.
    Invalid(String),
}

impl<'a> SiteUrl<'a> {
    fn read(value: Value<'a>) -> Option<SiteUrl<'a>> {
        match value {
            Value::Unset => None,
            Value::NotUtf8 => Some(SiteUrl::Invalid("is not valid UTF-8".to_owned())),
            Value::Set(raw) => Some(match https_host(raw) {
                Some(host) => SiteUrl::Https { host },
                None => match Url::parse(raw) {
                    Ok(url) => SiteUrl::Parsed(url),
                    Err(e) => SiteUrl::Invalid(format!("cannot be parsed ({e})")),
                },
            }),
        }
    }

    /// The host, without an IPv6 address's brackets.
    fn host(&self) -> Option<&str> {
        match self {
            SiteUrl::Https { host } => Some(host),
            SiteUrl::Parsed(url) => url
                .host_str()
                .map(|host| host.trim_start_matches('[').trim_end_matches(']')),
            SiteUrl::Invalid(_) => None,
        }
    }
}

/// Everything a check may look at, computed once.
pub(crate) struct Context<'a> {
    pub(crate) policy: &'a Policy,
    pub(crate) snapshot: &'a Snapshot,
    pub(crate) detection: Option<&'a Detection>,
    pub(crate) production: bool,
    pub(crate) database: &'a DatabaseState,
    /// Read by the first check that needs it; two checks do.
    site_url: OnceCell<Option<SiteUrl<'a>>>,
    /// Split by the first check that needs it; three checks do.
    allowed_hosts: OnceCell<Option<AllowedHosts<'a>>>,
}

impl<'a> Context<'a> {
    pub(crate) fn new(
        policy: &'a Policy,
        snapshot: &'a Snapshot,
        detection: Option<&'a Detection>,
        production: bool,
        database: &'a DatabaseState,
    ) -> Context<'a> {
        Context {
            policy,
            snapshot,
            detection,
            production,
            database,
            site_url: OnceCell::new(),
            allowed_hosts: OnceCell::new(),
        }
    }

    fn site_url(&self) -> Option<&SiteUrl<'a>> {
        self.site_url
            .get_or_init(|| SiteUrl::read(self.snapshot.role(Role::SiteUrl)))
            .as_ref()
    }

    /// `ALLOWED_HOSTS` when set; a value that is not UTF-8 allows nothing.
    fn allowed_hosts(&self) -> Option<&AllowedHosts<'a>> {
        self.allowed_hosts
            .get_or_init(|| match self.snapshot.role(Role::AllowedHosts) {
                Value::Unset => None,
                Value::NotUtf8 => Some(AllowedHosts::parse("")),
                Value::Set(list) => Some(AllowedHosts::parse(list)),
            })
            .as_ref()
    }

    fn platform(&self) -> Option<Platform> {
        self.detection.map(|d| d.platform)
    }

    fn name(&self, role: Role) -> Cow<'static, str> {
        self.policy.name_cow(role)
    }

    fn value(&self, role: Role) -> Value<'_> {
        self.snapshot.role(role)
    }

    /// Where to set `variable` on the detected platform.
    fn place(&self, variable: &str) -> String {
        self.platform()
            .map_or_else(|| GENERIC_PLACE.to_owned(), |p| p.where_to_set(variable))
    }

    fn on_railway(&self) -> bool {
        self.platform() == Some(Platform::Railway)
    }

    fn hit(&self, role: Role, message: String, remediation: String) -> Hit {
        Hit {
            variable: self.name(role),
            message,
            remediation,
        }
    }

    /// The remediation for a database URL that must point at a server.
    fn database_server_fix(&self, var: &str) -> String {
        if self.on_railway() {
            format!(
                "Add a PostgreSQL service to the project (+ New → Database → Add PostgreSQL), then set \
                 {var}=${{{{Postgres.DATABASE_URL}}}} {}.",
                self.place(var)
            )
        } else {
            format!(
                "Set {var} to the database server's URL (postgresql://user:password@host:5432/database) {}.",
                self.place(var)
            )
        }
    }

    fn allow_hint(&self, id: &str) -> String {
        format!(
            "allow this check: Policy::allow(checks::{id}), #[production_safe(allow({id}))] or `guard check --allow {id}`"
        )
    }
}

pub(super) fn debug_in_production(cx: &Context<'_>, out: &mut Vec<Hit>) {
    let Some(platform) = cx.platform() else {
        return;
    };
    if cx.value(Role::Debug).flag().is_true() {
        let var = cx.policy.name_of(Role::Debug);
        out.push(cx.hit(
            Role::Debug,
            format!("{var}=True (MUST be False in production)"),
            format!(
                "Set {var}=false (or delete it) {}. {platform} was detected from its variables, so this \
                 process is production whatever {var} says.",
                cx.place(var)
            ),
        ));
    }
}

pub(super) fn invalid_boolean(cx: &Context<'_>, out: &mut Vec<Hit>) {
    for role in [Role::Debug, Role::LocalTest] {
        let var = cx.policy.name_of(role);
        let problem = match cx.value(role).flag() {
            Flag::Invalid(value) => {
                format!("{var}={value:?} is not a boolean (accepted: {BOOLEAN_SPELLINGS})")
            }
            Flag::NotUtf8 => format!("{var} is not valid UTF-8 (accepted: {BOOLEAN_SPELLINGS})"),
            Flag::Unset | Flag::Set(_) => continue,
        };
        let consequence = if role == Role::Debug {
            " Until then it counts as not true: this process is treated as production."
        } else {
            ""
        };
        out.push(cx.hit(
            role,
            problem,
            format!("Set {var}=false (or true) {}.{consequence}", cx.place(var)),
        ));
    }
}

pub(super) fn local_test_in_production(cx: &Context<'_>, out: &mut Vec<Hit>) {
    if cx.value(Role::LocalTest).flag().is_true() {
        let var = cx.policy.name_of(Role::LocalTest);
        out.push(cx.hit(
            Role::LocalTest,
            format!("{var}=True (MUST be False in production)"),
            format!(
                "Delete {var} (or set it to false) {}: it switches the app to SQLite, which fails under \
                 concurrent users.",
                cx.place(var)
            ),
        ));
    }
}

pub(super) fn database_url_missing(cx: &Context<'_>, out: &mut Vec<Hit>) {
    if let DatabaseState::Unset = cx.database {
        let var = cx.policy.name_of(Role::DatabaseUrl);
        out.push(cx.hit(
            Role::DatabaseUrl,
            format!("{var} is not set (a production app needs a database server)"),
            format!(
                "{} If the app has no database, say so in its policy: Policy::no_database() or \
                 #[production_safe(no_database)].",
                cx.database_server_fix(var)
            ),
        ));
    }
}

pub(super) fn database_url_invalid(cx: &Context<'_>, out: &mut Vec<Hit>) {
    if !matches!(
        cx.database,
        DatabaseState::NotUtf8 | DatabaseState::Invalid { .. }
    ) {
        return;
    }
    let var = cx.policy.name_of(Role::DatabaseUrl);
    let place = cx.place(var);
    let (message, remediation) = match cx.database {
        DatabaseState::NotUtf8 => (
            format!("{var} is not valid UTF-8"),
            format!("Set {var} again, as plain text, {place}."),
        ),
        DatabaseState::Invalid { error, redacted } => {
            let remediation = match error.problem() {
                DatabaseUrlProblem::Quoted => {
                    format!(
                        "Remove the quotes around the value of {var} {place}: the platform keeps them as part of the value."
                    )
                }
                DatabaseUrlProblem::UnresolvedReference { railway: true } => {
                    let reference = error.shown();
                    format!(
                        "The referenced service or variable does not exist: {reference} resolves only when a \
                     service of exactly that name (case-sensitive) defines that variable. Add the service \
                     (+ New → Database → Add PostgreSQL) or correct the reference {place}."
                    )
                }
                DatabaseUrlProblem::UnresolvedReference { .. } => format!(
                    "{} is shell syntax that the platform did not expand: set the full URL in {var} {place}.",
                    error.shown()
                ),
                _ => format!(
                    "Set {var} to a full URL such as postgresql://user:password@host:5432/database {place}; \
                     percent-encode special characters in the password (@ as %40, / as %2F)."
                ),
            };
            let message = match error.problem() {
                DatabaseUrlProblem::Malformed { .. } | DatabaseUrlProblem::NoForm => {
                    format!("{var} ({redacted}) {error}")
                }
                _ => format!("{var} {error}"),
            };
            (message, remediation)
        }
        _ => return,
    };
    out.push(cx.hit(Role::DatabaseUrl, message, remediation));
}

pub(super) fn sqlite_in_production(cx: &Context<'_>, out: &mut Vec<Hit>) {
    let Some(url) = cx
        .database
        .classified()
        .filter(|url| url.backend() == Backend::Sqlite)
    else {
        return;
    };
    let var = cx.policy.name_of(Role::DatabaseUrl);
    let mut remediation = cx.database_server_fix(var);
    if let Some(volume) = cx
        .snapshot
        .platform_str(PlatformVar::RailwayVolumeMountPath)
    {
        remediation.push_str(&format!(
            " A volume is mounted at {volume}: to run SQLite on it deliberately (one replica, one writer, \
             the file under {volume}), {}.",
            cx.allow_hint("sqlite_in_production")
        ));
    }
    out.push(cx.hit(
        Role::DatabaseUrl,
        format!(
            "{var} is SQLite ({}): SQLite fails under concurrent users in production",
            url.shown()
        ),
        remediation,
    ));
}

pub(super) fn unknown_database_backend(cx: &Context<'_>, out: &mut Vec<Hit>) {
    let Some(url) = cx
        .database
        .classified()
        .filter(|url| url.backend() == Backend::Unknown)
    else {
        return;
    };
    let var = cx.policy.name_of(Role::DatabaseUrl);
    let scheme = url.scheme().unwrap_or("none");
    out.push(cx.hit(
        Role::DatabaseUrl,
        format!("{var} ({}) names no known database (scheme `{scheme}`)", url.shown()),
        format!(
            "Set {var} to the app's database URL (postgresql://, mysql://, sqlserver://, mongodb://, ...) {}. \
             If `{scheme}` really is a database, {}.",
            cx.place(var),
            cx.allow_hint("unknown_database_backend")
        ),
    ));
}

/// The remediation for a missing or weak secret.
fn new_secret_fix(cx: &Context<'_>, var: &str) -> String {
    format!(
        "Generate one with `openssl rand -hex 32` (64 characters; `openssl rand -base64 32` gives only 44) \
         and set {var} to it {}.",
        cx.place(var)
    )
}

pub(super) fn secret_key_missing(cx: &Context<'_>, out: &mut Vec<Hit>) {
    if cx.policy.has_secret() && cx.value(Role::SecretKey).is_unset() {
        let var = cx.policy.name_of(Role::SecretKey);
        out.push(cx.hit(
            Role::SecretKey,
            format!("{var} is not set (sessions and tokens are signed with it)"),
            format!(
                "{} If the app signs nothing, say so in its policy: Policy::no_secret() or \
                 #[production_safe(no_secret)].",
                new_secret_fix(cx, var)
            ),
        ));
    }
}

/// Why a secret is weak, by length and shape only: never its value.
pub(crate) fn secret_weakness(secret: &str) -> Option<String> {
    const MIN_LENGTH: usize = 50;
    const MIN_DISTINCT: usize = 5;
    let ascii = secret.is_ascii();
    let length = if ascii {
        secret.len()
    } else {
        secret.chars().count()
    };
    if secret.starts_with("django-insecure-") {
        return Some(format!(
            "starts with Django's `django-insecure-` development prefix ({length} characters)"
        ));
    }
    // ASCII, the common case, is searched as it is, ignoring case.
    let lower;
    let text = if ascii {
        secret.as_bytes()
    } else {
        lower = secret.to_lowercase();
        lower.as_bytes()
    };
    if has_placeholder(text) {
        return Some(format!("is a placeholder value ({length} characters)"));
    }
    if length < MIN_LENGTH {
        return Some(format!(
            "is too short ({length} characters; at least {MIN_LENGTH})"
        ));
    }
    let distinct = distinct_chars::<MIN_DISTINCT>(secret);
    if distinct < MIN_DISTINCT {
        return Some(format!(
            "has only {distinct} distinct characters ({length} characters; at least {MIN_DISTINCT} distinct)"
        ));
    }
    None
}

/// Values that make a secret a placeholder wherever they appear in it,
/// ignoring ASCII case.
const PLACEHOLDERS: [&str; 18] = [
    "changeme",
    "change-me",
    "change_me",
    "changethis",
    "change-this",
    "change_this",
    "your-secret",
    "your_secret",
    "yoursecret",
    "secret-key-here",
    "placeholder",
    "replace-me",
    "replace_me",
    "replaceme",
    "insecure",
    "not-a-secret",
    "example",
    "dummy",
];

/// For each byte a placeholder starts with (in either ASCII case), the
/// letters that may come second, as bits `1 << LETTER_BITS[letter]`.
/// Built at compile time from [`PLACEHOLDERS`].
static PLACEHOLDER_STARTS: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < PLACEHOLDERS.len() {
        let [first, second, ..] = *PLACEHOLDERS[i].as_bytes() else {
            panic!("a placeholder is at least two letters long");
        };
        assert!(
            LETTER_BITS[second as usize] != 0,
            "a placeholder's second byte is a letter"
        );
        let seconds = 1 << LETTER_BITS[second as usize];
        table[first as usize] |= seconds;
        table[first.to_ascii_uppercase() as usize] |= seconds;
        i += 1;
    }
    table
};

/// A letter's bit in [`PLACEHOLDER_STARTS`]: 1 to 26 for `a` to `z` in
/// either case; 0, a bit no entry has, for any other byte.
static LETTER_BITS: [u8; 256] = {
    let mut bits = [0u8; 256];
    let mut letter = 0;
    while letter < 26 {
        bits[(b'a' + letter) as usize] = letter + 1;
        bits[(b'A' + letter) as usize] = letter + 1;
        letter += 1;
    }
    bits
};

/// Whether a placeholder appears in `text`, ignoring ASCII case.
///
/// A secret is random, so a branch per byte on its letters would be
/// mispredicted every few bytes. One pass without a branch first tells
/// whether any two neighbouring bytes could start a placeholder (a random
/// hex key: never; a base64 one: about one in three); only then are the
/// positions compared with the list.
fn has_placeholder(text: &[u8]) -> bool {
    let may_start = |pair: &[u8]| {
        PLACEHOLDER_STARTS[usize::from(pair[0])] >> LETTER_BITS[usize::from(pair[1])] & 1
    };
    if text.windows(2).fold(0, |any, pair| any | may_start(pair)) == 0 {
        return false;
    }
    text.windows(2).enumerate().any(|(i, pair)| {
        may_start(pair) != 0
            && PLACEHOLDERS.iter().any(|placeholder| {
                text[i..]
                    .get(..placeholder.len())
                    .is_some_and(|start| start.eq_ignore_ascii_case(placeholder.as_bytes()))
            })
    })
}

/// How many distinct characters `text` has, counting no further than `N`.
fn distinct_chars<const N: usize>(text: &str) -> usize {
    let mut seen = ['\0'; N];
    let mut count = 0;
    for c in text.chars() {
        if !seen[..count].contains(&c) {
            seen[count] = c;
            count += 1;
            if count == N {
                break;
            }
        }
    }
    count
}

pub(super) fn secret_key_weak(cx: &Context<'_>, out: &mut Vec<Hit>) {
    if !cx.policy.has_secret() {
        return;
    }
    let weakness = match cx.value(Role::SecretKey) {
        Value::Unset => return,
        Value::NotUtf8 => "is not valid UTF-8".to_owned(),
        Value::Set(secret) => match secret_weakness(secret) {
            Some(weakness) => weakness,
            None => return,
        },
    };
    let var = cx.policy.name_of(Role::SecretKey);
    out.push(cx.hit(
        Role::SecretKey,
        format!("{var} {weakness}"),
        format!(
            "{} Changing it signs every user out.",
            new_secret_fix(cx, var)
        ),
    ));
}

pub(super) fn site_url_insecure(cx: &Context<'_>, out: &mut Vec<Hit>) {
    let var = cx.policy.name_of(Role::SiteUrl);
    let problem = match cx.site_url() {
        None | Some(SiteUrl::Https { .. }) => return,
        Some(SiteUrl::Parsed(url)) if url.scheme() == "https" => return,
        Some(SiteUrl::Parsed(url)) => {
            let shown = DatabaseUrl::classify(url.as_str())
                .map_or_else(|e| e.shown().to_owned(), |u| u.shown().to_owned());
            format!("is not https ({shown})")
        }
        Some(SiteUrl::Invalid(problem)) => problem.clone(),
    };
    let example = cx
        .snapshot
        .platform_str(PlatformVar::RailwayPublicDomain)
        .map_or_else(
            || "https://shop.example.com".to_owned(),
            |domain| format!("https://{domain}"),
        );
    out.push(cx.hit(
        Role::SiteUrl,
        format!("{var} {problem}"),
        format!(
            "Set {var} to the app's public https:// address ({example}) {}.",
            cx.place(var)
        ),
    ));
}

pub(super) fn site_url_host_not_allowed(cx: &Context<'_>, out: &mut Vec<Hit>) {
    let (Some(url), Some(allowed)) = (cx.site_url(), cx.allowed_hosts()) else {
        return;
    };
    let Some(host) = url.host() else {
        return;
    };
    if allowed.allows(host) {
        return;
    }
    let (site, hosts) = (
        cx.policy.name_of(Role::SiteUrl),
        cx.policy.name_of(Role::AllowedHosts),
    );
    out.push(cx.hit(
        Role::AllowedHosts,
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
        });
    }
}

pub(super) fn allowed_hosts_wildcard(cx: &Context<'_>, out: &mut Vec<Hit>) {
    if cx
        .allowed_hosts()
        .is_some_and(|allowed| allowed.has_wildcard())
    {
        let var = cx.policy.name_of(Role::AllowedHosts);
        let example = cx
            .snapshot
            .platform_str(PlatformVar::RailwayPublicDomain)
            .unwrap_or("shop.example.com");
        out.push(cx.hit(
            Role::AllowedHosts,
            format!("{var} contains `*`: the app answers to any Host header"),
            format!(
                "List the app's own domains in {var} (e.g. {example}) {}.",
                cx.place(var)
            ),
        ));
    }
}

pub(super) fn public_domain_not_allowed(cx: &Context<'_>, out: &mut Vec<Hit>) {
    let (Some(domain), Some(allowed)) = (
        cx.snapshot.platform_str(PlatformVar::RailwayPublicDomain),
        cx.allowed_hosts(),
    ) else {
        return;
    };
    if allowed.allows(domain) {
        return;
    }
    let var = cx.policy.name_of(Role::AllowedHosts);
    out.push(cx.hit(
        Role::AllowedHosts,
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
    let var = cx.policy.name_of(Role::DatabaseUrl);
    out.push(cx.hit(
        Role::DatabaseUrl,
        format!(
            "{var} points at {} ({}): on {platform} that is the app's own container, not a database",
            endpoint.host(),
            url.shown()
        ),
        cx.database_server_fix(var),
    ));
}

pub(super) fn database_tls_disabled(cx: &Context<'_>, out: &mut Vec<Hit>) {
    let Some(url) = cx
        .database
        .classified()
        .filter(|url| url.tls() == Tls::Disabled)
    else {
        return;
    };
    let Some(endpoint) = url.endpoints().iter().find(|e| !is_private_host(e.host())) else {
        return;
    };
    let var = cx.policy.name_of(Role::DatabaseUrl);
    out.push(cx.hit(
        Role::DatabaseUrl,
        format!(
            "{var} turns TLS off to {}, a host off the private network ({})",
            endpoint.host(),
            url.shown()
        ),
        format!(
            "Require TLS in {var} (sslmode=require, ssl=true, ...) {}, or connect over the platform's private \
             network (on Railway: the database's *.railway.internal host).",
            cx.place(var)
        ),
    ));
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{PLACEHOLDERS, has_placeholder, secret_weakness};

    /// The plain reading `has_placeholder` must agree with: lowercase the
    /// text, look for each placeholder.
    fn has_placeholder_naive(text: &[u8]) -> bool {
        let lower = text.to_ascii_lowercase();
        PLACEHOLDERS
            .iter()
            .any(|p| lower.windows(p.len()).any(|w| w == p.as_bytes()))
    }

    #[test]
    fn every_placeholder_is_found_anywhere_in_any_case() {
        let hex = "3f9a1c7e5b2d8046a1e9c3b7d5f2084a6c1e9b3d7f5a2c8e4b0d6f1a3c9e7b52";
        for placeholder in PLACEHOLDERS {
            let upper = placeholder.to_ascii_uppercase();
            assert!(has_placeholder(placeholder.as_bytes()), "{placeholder}");
            // At every offset of a long secret.
            let long = format!("{hex}{hex}");
            for offset in 0..=long.len() {
                let (before, after) = long.split_at(offset);
                for text in [
                    format!("{before}{placeholder}{after}"),
                    format!("{before}{upper}{after}"),
                ] {
                    assert!(has_placeholder(text.as_bytes()), "{text}");
                    assert!(secret_weakness(&text).is_some(), "{text}");
                }
            }
            // One letter short is no placeholder.
            let cut = &placeholder[..placeholder.len() - 1];
            assert!(!has_placeholder(cut.as_bytes()), "{cut}");
        }
        assert!(!has_placeholder(hex.as_bytes()));
        assert_eq!(secret_weakness(hex), None);
        // A key that is not ASCII is lowercased first, then searched.
        assert!(secret_weakness(&format!("ü{hex}Ünicode-CHANGEME")).is_some());
        assert_eq!(secret_weakness(&format!("ü{hex}Ünicode")), None);
    }

    proptest! {
        /// Random text made of pieces of placeholders, their letters in
        /// either case, and other bytes: the table-driven scan finds
        /// exactly what the plain one finds.
        #[test]
        fn scan_agrees_with_the_plain_reading(
            pieces in prop::collection::vec(
                (0..PLACEHOLDERS.len(), 0usize..12, 0usize..12, any::<bool>(), "[a-z0-9_ -]{0,3}"),
                0..8,
            )
        ) {
            let mut text = String::new();
            for (index, from, to, upper, filler) in pieces {
                let placeholder = PLACEHOLDERS[index];
                let (from, to) = (from.min(placeholder.len()), to.min(placeholder.len()));
                let piece = &placeholder[from.min(to)..from.max(to)];
                text.push_str(&if upper { piece.to_ascii_uppercase() } else { piece.to_owned() });
                text.push_str(&filler);
            }
            prop_assert_eq!(has_placeholder(text.as_bytes()), has_placeholder_naive(text.as_bytes()), "{}", text);
        }
    }
}
