//! The parts every form shares: hosts, ports and parameters, how each is
//! read for the checks, and how each is shown.
//!
//! What is shown of a part depends on its role:
//! - a host: the parsed name (lowercased, `[A-Za-z0-9._-]`) or IP address;
//! - a port: a `u16`;
//! - a user, database or path: itself if it fits `[A-Za-z0-9._~$/-]`
//!   (at most 128 characters), else its length;
//! - a parameter name: itself if it fits `[A-Za-z0-9_.-]` (at most 64
//!   characters; for URLs after percent-decoding), else it is counted in
//!   `(+N parameters not shown)`; a URL query's name without `=` only when
//!   allow-listed, as it may be the tail of a secret value that holds a raw
//!   `&`;
//! - a parameter value: itself only when the parameter is on the allow-list
//!   below and the value is in that parameter's value set, else `***`.
//!
//! The allow-list, by kind (names compared ignoring case, `_`, `-` and
//! spaces, so `ssl-mode`, `sslMode` and `SSL Mode` are one name):
//! - TLS modes (`sslmode`, `tlsmode`): the libpq and MySQL mode names;
//! - flags (`ssl`, `encrypt`, `useSSL`, `TrustServerCertificate`, …):
//!   `true false yes no on off 0 1` and the SQL Server and libpq words
//!   (`strict`, `mandatory`, `optional`, `disable`, …);
//! - counts and durations (`port`, `connect_timeout`, names ending in
//!   `timeout`, `timeoutms`, `interval`, `count`, `size`, `lifetime`,
//!   `retries`): at most 10 digits;
//! - words (`application_name`, `replicaSet`, `authMechanism`,
//!   `target_session_attrs`, `charset`, …): the parameter-name alphabet;
//! - users (`user`, `uid`, `User ID`, …): the path alphabet without `/`
//!   (`scott/tiger` is a user and a password);
//! - databases (`dbname`, `authSource`, `service_name`, …): the path
//!   alphabet;
//! - hosts (`host`, `hostaddr`, `serverName`, …): each host parsed, or a
//!   socket directory in the path alphabet.
//!
//! Everything else (`password`, `token`, `authMechanismProperties`,
//! `odbc_connect`, `sslkey`, any unknown name) is `***`.

use std::net::Ipv6Addr;

use url::Host;

use super::{Backend, DatabaseUrl, Endpoint, Tls};
use crate::show;

/// A connection string being read: the checks' facts, and the shown form
/// written part by part in the form's own syntax.
pub(super) struct Parts {
    /// What is read so far; `finish` completes it.
    url: DatabaseUrl,
    /// A port given as a parameter (libpq's `port=`), for the hosts given
    /// without one.
    port: Option<u16>,
    /// Parameters whose name could not be shown.
    hidden: usize,
    /// Show only allow-listed parameter names, no value and no path: the
    /// text after a URL's host may be the end of a password.
    only_allow_listed: bool,
    /// In a form without quoting (a URL query, JDBC properties), a
    /// parameter's name or open value was hidden: the value may have run on
    /// past a raw separator (`password=Tr0ub&Zq9XkW2mPt=4dor`), so what
    /// follows may be its tail. Then a name is shown only when
    /// allow-listed, a value only from a closed set (TLS modes, flags).
    /// Facts are still read, as the driver reads them: it connects to a
    /// `host=` there too.
    after_hidden_value: bool,
}

impl Parts {
    pub(super) fn new(backend: Backend) -> Parts {
        Parts {
            url: DatabaseUrl {
                backend,
                scheme: None,
                shown: String::new(),
                endpoints: Vec::new(),
                socket: false,
                database: None,
                tls: Tls::Default,
            },
            port: None,
            hidden: 0,
            only_allow_listed: false,
            after_hidden_value: false,
        }
    }

    pub(super) fn backend(&self) -> Backend {
        self.url.backend
    }

    /// Records the scheme, lowercased, and writes `{prefix}{scheme}`. The
    /// prefix is the reader's own text (`jdbc:`).
    pub(super) fn scheme(&mut self, prefix: &str, scheme: &str) {
        let lower = scheme.to_ascii_lowercase();
        self.url.shown.push_str(prefix);
        if lower.len() <= 32
            && lower.bytes().all(|b| {
                b.is_ascii_lowercase()
                    || b.is_ascii_digit()
                    || matches!(b, b'+' | b'.' | b'_' | b'-')
            })
        {
            self.url.shown.push_str(&lower);
            self.url.scheme = Some(lower);
        } else {
            self.url.shown.push_str(&show::length(scheme));
        }
    }

    /// Writes the form's own syntax (`://`, `@`, `;`), or a part already
    /// made safe to show.
    pub(super) fn push(&mut self, safe: &str) {
        self.url.shown.push_str(safe);
    }

    pub(super) fn push_endpoint(&mut self, endpoint: Endpoint) {
        self.url.shown.push_str(&endpoint.shown());
        self.url.endpoints.push(endpoint);
    }

    pub(super) fn add_endpoint(&mut self, endpoint: Endpoint) {
        self.url.endpoints.push(endpoint);
    }

    pub(super) fn set_socket(&mut self) {
        self.url.socket = true;
    }

    pub(super) fn has_hosts(&self) -> bool {
        self.url.socket || !self.url.endpoints.is_empty()
    }

    /// Says that the parameters and path to come may be the end of a
    /// password: then only allow-listed names are shown, no value, and no
    /// path.
    pub(super) fn may_hold_a_password(&mut self) {
        self.only_allow_listed = true;
    }

    pub(super) fn shows_paths(&self) -> bool {
        !self.only_allow_listed
    }

    /// Records the database name, when it fits the path alphabet, and is
    /// not read where a hidden value's tail may be.
    pub(super) fn database(&mut self, name: &str) {
        if show::fits_path(name) && !self.only_allow_listed && !self.after_hidden_value {
            self.url.database = Some(name.to_owned());
        }
    }

    /// Reads one parameter for the checks and returns its shown
    /// `name=value`, or `None` (and counts it) when its name cannot be
    /// shown. `known_name` says the reader matched the name against a
    /// closed list of keywords (ADO.NET's `User ID`).
    pub(super) fn parameter(
        &mut self,
        name: &str,
        value: &str,
        known_name: bool,
    ) -> Option<String> {
        // Forms with a closed list of keywords (`known_name`) quote what
        // holds a separator: no tail there.
        let after_hidden = self.after_hidden_value && !known_name;
        let only_allow_listed = self.only_allow_listed || after_hidden;
        let name_shown = show::fits_name(name) && (!only_allow_listed || allow_listed(name));
        if !known_name && !name_shown {
            self.hide();
            return None;
        }
        let key = key(name);
        let kind = kind(&key);
        self.read_parameter(&key, value);
        let words = matches!(kind, Some(Kind::TlsMode | Kind::Flag));
        let shown = shown_value(&key, value)
            .filter(|_| !self.only_allow_listed && (!after_hidden || words));
        // A hidden value that is not a mistyped word or number of a closed
        // set (`sslmode=bogus`, `port=x`) may hold a secret, and its tail.
        let closed = words || matches!(kind, Some(Kind::Digits | Kind::Ports));
        self.after_hidden_value |= shown.is_none() && !known_name && !closed;
        Some(format!("{name}={}", shown.as_deref().unwrap_or("***")))
    }

    /// Counts a parameter whose name cannot be shown; in a form without
    /// quoting, what follows may be its value's tail.
    fn hide(&mut self) {
        self.hidden += 1;
        self.after_hidden_value = true;
    }

    /// Whether what comes now may be the tail of a hidden value.
    pub(super) fn after_hidden_value(&self) -> bool {
        self.after_hidden_value
    }

    /// [`parameter`](Parts::parameter) for a value the form quoted
    /// (SQL Server's `{…}`): it ended at its quote, so nothing after it is
    /// its tail.
    pub(super) fn quoted_parameter(&mut self, name: &str, value: &str) -> Option<String> {
        let after_hidden_value = self.after_hidden_value;
        let piece = self.parameter(name, value, false);
        self.after_hidden_value = after_hidden_value;
        piece
    }

    /// Reads a URL query (`name=value&…`, percent-encoded) and writes it
    /// with `?`. Returns how many raw `@` lie in the values of allow-listed
    /// parameters: the only place an `@` may follow a URL's host.
    pub(super) fn query(&mut self, query: &str) -> usize {
        let mut pieces = Vec::new();
        let mut allowed_at = 0;
        for pair in query.split('&').filter(|pair| !pair.is_empty()) {
            let (raw_name, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
            let Some(name) = percent_decode(raw_name) else {
                self.hide();
                continue;
            };
            let value = percent_decode(raw_value).unwrap_or_default();
            if may_hold_at(&name) {
                allowed_at += raw_value.matches('@').count();
            }
            if !pair.contains('=') {
                // A bare name may be the tail of a secret value that holds
                // a raw `&` (`?password=x7&Kd93jfQ2`): only known flags.
                if show::fits_name(&name) && allow_listed(&name) && !self.only_allow_listed {
                    pieces.push(name);
                } else {
                    self.hide();
                }
                continue;
            }
            pieces.extend(self.parameter(&name, &value, false));
        }
        if !pieces.is_empty() {
            self.url.shown.push('?');
            self.url.shown.push_str(&pieces.join("&"));
        }
        allowed_at
    }

    /// The facts the checks read from parameters: TLS, hosts, sockets,
    /// ports and the database. `key` is [`key`]'s normalised name.
    fn read_parameter(&mut self, key: &str, value: &str) {
        let is = |names: &[&str]| names.iter().any(|n| n.eq_ignore_ascii_case(value));
        match key {
            "sslmode" | "tlsmode" => {
                if is(&["disable", "disabled", "allow"]) {
                    self.url.tls = Tls::Disabled;
                } else if is(&[
                    "require",
                    "required",
                    "verify-ca",
                    "verify-full",
                    "verify_ca",
                    "verify_identity",
                ]) {
                    self.url.tls = Tls::Required;
                }
            }
            "ssl" | "usessl" | "tls" | "encrypt" | "requiressl" | "sslenabled" => {
                if is(&["false", "0", "no", "off", "disable", "disabled", "optional"]) {
                    self.url.tls = Tls::Disabled;
                } else if is(&[
                    "true",
                    "1",
                    "yes",
                    "on",
                    "require",
                    "required",
                    "strict",
                    "mandatory",
                ]) {
                    self.url.tls = Tls::Required;
                }
            }
            "host" | "hostaddr" | "servername" => {
                for host in value.split(',').filter(|h| !h.is_empty()) {
                    if host.starts_with(['/', '@']) {
                        self.url.socket = true;
                    } else if let Ok(endpoint) = listed_host(host) {
                        self.url.endpoints.push(endpoint);
                    }
                }
            }
            "socket" | "unixsocket" if value.starts_with('/') => self.url.socket = true,
            "port" | "portnumber" => {
                self.port = value.split(',').next().and_then(|p| parse_port(p).ok());
            }
            "dbname" | "database" | "databasename" | "initialcatalog" | "servicename" => {
                self.database(value)
            }
            _ => {}
        }
    }

    pub(super) fn finish(mut self) -> DatabaseUrl {
        for endpoint in &mut self.url.endpoints {
            endpoint.port = endpoint.port.or(self.port);
        }
        match self.hidden {
            0 => {}
            1 => self.url.shown.push_str(" (+1 parameter not shown)"),
            n => self.url.shown.push_str(&format!(" (+{n} parameters not shown)")),
        }
        self.url
    }
}

impl Endpoint {
    /// `host`, `host:port`, `[v6]:port`: only parsed parts.
    pub(super) fn shown(&self) -> String {
        let host =
            if self.host.contains(':') { format!("[{}]", self.host) } else { self.host.clone() };
        match self.port {
            Some(port) => format!("{host}:{port}"),
            None => host,
        }
    }
}

/// A parameter's name as the allow-list compares it: lowercase, without
/// `_`, `-` and spaces.
pub(super) fn key(name: &str) -> String {
    name.chars().filter(|c| !matches!(c, '_' | '-' | ' ')).map(|c| c.to_ascii_lowercase()).collect()
}

/// Whether a parameter is on the allow-list (whatever its value).
pub(super) fn allow_listed(name: &str) -> bool {
    kind(&key(name)).is_some()
}

/// Whether the parameter's value may hold an `@` of its own: a user
/// (Azure's `user=u@srv`) or an application's name (`application_name=me@x`).
/// An `@` anywhere else after the host may be the end of a password holding
/// a raw `?` or `#`, so it makes the value invalid.
pub(super) fn may_hold_at(name: &str) -> bool {
    let key = key(name);
    matches!(kind(&key), Some(Kind::User))
        || matches!(key.as_str(), "applicationname" | "app" | "appname" | "fallbackapplicationname")
}

/// The kinds of allow-listed parameters, each with its value set.
#[derive(Clone, Copy)]
enum Kind {
    TlsMode,
    Flag,
    Digits,
    Ports,
    Word,
    User,
    Path,
    Hosts,
}

fn kind(key: &str) -> Option<Kind> {
    const FLAGS: &[&str] = &[
        "ssl",
        "usessl",
        "tls",
        "encrypt",
        "requiressl",
        "sslenabled",
        "trustservercertificate",
        "integratedsecurity",
        "trustedconnection",
        "retrywrites",
        "retryreads",
        "directconnection",
        "tlsinsecure",
        "tlsallowinvalidcertificates",
        "tlsallowinvalidhostnames",
        "pooling",
        "multipleactiveresultsets",
        "marsconnection",
        "multisubnetfailover",
        "autoreconnect",
        "keepalives",
        "sslsni",
        "sslcompression",
        "gssdelegation",
        "journal",
        "enlist",
        "persistsecurityinfo",
        "readonly",
        "parsetime",
        "interpolateparams",
        "foreignkeys",
        "recursivetriggers",
        "replication",
        "loadbalance",
        "useunicode",
        "allowpublickeyretrieval",
        "verifyservercertificate",
    ];
    const WORDS: &[&str] = &[
        "applicationname",
        "app",
        "appname",
        "fallbackapplicationname",
        "replicaset",
        "authmechanism",
        "charset",
        "clientencoding",
        "targetsessionattrs",
        "loadbalancehosts",
        "channelbinding",
        "gssencmode",
        "sslcertmode",
        "sslnegotiation",
        "sslminprotocolversion",
        "sslmaxprotocolversion",
        "requireauth",
        "krbsrvname",
        "gsslib",
        "readpreference",
        "w",
        "compressors",
        "collation",
        "mode",
        "cache",
        "schema",
        "currentschema",
        "applicationintent",
        "authentication",
        "columnencryptionsetting",
        "ipaddresspreference",
        "instancename",
        "currentlanguage",
        "language",
        "typesystemversion",
        "transactionbinding",
        "tlsversion",
        "protocol",
        "sslaccept",
    ];
    const USERS: &[&str] = &["user", "username", "uid", "userid"];
    const PATHS: &[&str] = &[
        "dbname",
        "database",
        "databasename",
        "initialcatalog",
        "authsource",
        "service",
        "servicename",
        "sid",
        "loc",
        "timezone",
    ];
    const HOSTS: &[&str] = &[
        "host",
        "hostaddr",
        "servername",
        "socket",
        "unixsocket",
        "failoverpartner",
        "hostnameincertificate",
    ];
    const DIGIT_ENDINGS: &[&str] =
        &["timeout", "timeoutms", "interval", "count", "size", "lifetime", "retries", "idle"];
    if matches!(key, "sslmode" | "tlsmode") {
        Some(Kind::TlsMode)
    } else if FLAGS.contains(&key) {
        Some(Kind::Flag)
    } else if matches!(key, "port" | "portnumber") {
        Some(Kind::Ports)
    } else if WORDS.contains(&key) {
        Some(Kind::Word)
    } else if USERS.contains(&key) {
        Some(Kind::User)
    } else if PATHS.contains(&key) {
        Some(Kind::Path)
    } else if HOSTS.contains(&key) {
        Some(Kind::Hosts)
    } else if DIGIT_ENDINGS.iter().any(|ending| key.ends_with(ending)) {
        Some(Kind::Digits)
    } else {
        None
    }
}

/// The value as shown, when the parameter is allow-listed and the value
/// is in its value set.
fn shown_value(key: &str, value: &str) -> Option<String> {
    const TLS_MODES: &[&str] = &[
        "disable",
        "allow",
        "prefer",
        "require",
        "verify-ca",
        "verify-full",
        "disabled",
        "preferred",
        "required",
        "verify_ca",
        "verify_identity",
    ];
    const FLAG_VALUES: &[&str] = &[
        "true",
        "false",
        "yes",
        "no",
        "on",
        "off",
        "0",
        "1",
        "strict",
        "mandatory",
        "optional",
        "disable",
        "disabled",
        "enable",
        "enabled",
        "require",
        "required",
        "database",
        "sspi",
    ];
    let one_of = |set: &[&str]| set.iter().any(|v| v.eq_ignore_ascii_case(value));
    let digits = |text: &str| {
        !text.is_empty() && text.len() <= 10 && text.bytes().all(|b| b.is_ascii_digit())
    };
    let fits = match kind(key)? {
        Kind::TlsMode => one_of(TLS_MODES),
        Kind::Flag => one_of(FLAG_VALUES),
        Kind::Digits => digits(value),
        Kind::Ports => value.len() <= 64 && value.split(',').all(digits),
        Kind::Word => show::fits_name(value),
        Kind::User => show::fits_user(value),
        Kind::Path => show::fits_path(value),
        Kind::Hosts => return shown_hosts(value),
    };
    fits.then(|| value.to_owned())
}

/// A comma-separated list of hosts (or socket directories), rebuilt from
/// the parsed hosts.
fn shown_hosts(value: &str) -> Option<String> {
    if value.is_empty() || value.len() > 1024 {
        return None;
    }
    let mut shown = Vec::new();
    for host in value.split(',') {
        if host.starts_with('/') && show::fits_path(host) {
            shown.push(host.to_owned());
        } else if let Ok(ip) = host.parse::<Ipv6Addr>() {
            shown.push(ip.to_string());
        } else {
            shown.push(host_port(host).ok()?.shown());
        }
    }
    Some(shown.join(","))
}

/// One host of a parameter's list (`host=`, `hostaddr=`, `serverName=`):
/// what [`host_port`] reads, or an IPv6 address without brackets, as libpq
/// takes it there.
pub(super) fn listed_host(text: &str) -> Result<Endpoint, &'static str> {
    match text.parse::<Ipv6Addr>() {
        Ok(ip) => Ok(Endpoint { host: ip.to_string(), port: None }),
        Err(_) => host_port(text),
    }
}

/// `host`, `host:port` or `[v6]:port`, each part parsed.
pub(super) fn host_port(text: &str) -> Result<Endpoint, &'static str> {
    let (host, port) = match text.strip_prefix('[') {
        Some(rest) => {
            let (inside, after) = rest.split_once(']').ok_or("an unclosed `[` in a host")?;
            let ip: Ipv6Addr = inside.parse().map_err(|_| "an invalid IPv6 address")?;
            let port = match after {
                "" => None,
                _ => Some(after.strip_prefix(':').ok_or("text after an IPv6 address")?),
            };
            (ip.to_string(), port)
        }
        None => match text.split_once(':') {
            Some((host, port)) => (parse_host(host)?, Some(port)),
            None => (parse_host(text)?, None),
        },
    };
    let port = match port {
        None | Some("") => None,
        Some(port) => Some(parse_port(port)?),
    };
    Ok(Endpoint { host, port })
}

/// A host name or IP address, as the `url` crate parses it, and only if
/// the name is then made of `[A-Za-z0-9._-]` (the crate takes more in a
/// name: `(`, `!`, `*`).
pub(super) fn parse_host(text: &str) -> Result<String, &'static str> {
    if text.is_empty() {
        return Err("an empty host");
    }
    if text.len() > 253 {
        return Err("a host longer than 253 characters");
    }
    match Host::parse(text) {
        Ok(Host::Domain(name))
            if name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_')) =>
        {
            Ok(name)
        }
        Ok(Host::Ipv4(ip)) => Ok(ip.to_string()),
        Ok(Host::Ipv6(ip)) => Ok(ip.to_string()),
        _ => Err("an invalid host"),
    }
}

pub(super) fn parse_port(text: &str) -> Result<u16, &'static str> {
    if text.is_empty() || text.len() > 5 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err("an invalid port");
    }
    text.parse().map_err(|_| "an invalid port")
}

/// `%XX` sequences decoded; `None` when the result is not UTF-8.
pub(super) fn percent_decode(text: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(text).decode_utf8().ok()?;
    Some(decoded.into_owned())
}

/// Whether `text` holds an ASCII control character (tab, newline, escape…).
pub(super) fn has_control(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_control())
}
