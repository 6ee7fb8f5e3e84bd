//! The live probe: resolve each host of `DATABASE_URL`, connect, and make
//! the protocol's first exchange without authenticating, every host at
//! once and the whole probe bounded by one deadline.
//!
//! Only with the `probe` cargo feature, and only when the policy asks
//! ([`Policy::probe`](crate::Policy::probe)): otherwise guard opens no
//! connection. What a host said is kept as data ([`HostProbe`]); the
//! checks in `checks/probed.rs` judge it.

use std::fmt;
use std::io::{self, ErrorKind, Read, Write};
use std::net::{IpAddr, SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use crate::database::{Backend, DatabaseUrl};
use crate::policy::{Policy, Resolve};
use crate::show;

/// PostgreSQL's SSLRequest: length 8, then the code 80877103.
const SSL_REQUEST: [u8; 8] = [0x00, 0x00, 0x00, 0x08, 0x04, 0xD2, 0x16, 0x2F];

/// MySQL's `CLIENT_SSL` capability, in the greeting's lower flags.
const CLIENT_SSL: u16 = 0x0800;

/// What the live probe found: a line per host that answered, or why
/// nothing was probed. The findings it leads to are in the report with
/// the others.
///
/// ```
/// use std::time::Duration;
///
/// let report = prodguard::Policy::new()
///     .probe(Duration::from_millis(200))
///     .validate_env([("DEBUG", "true"), ("DATABASE_URL", "sqlite:dev.db")])
///     .unwrap();
/// let probe = report.probe().unwrap();
/// assert!(probe.notes()[0].contains("SQLite"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProbeReport {
    pub(crate) hosts: Vec<HostProbe>,
    notes: Vec<String>,
    elapsed: Duration,
}

impl ProbeReport {
    /// One line per host that answered (the protocol, whether it offers
    /// TLS, how long it took), or why nothing was probed. A host that did
    /// not answer is a finding instead.
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// let report = prodguard::Policy::new()
    ///     .probe(Duration::from_millis(200))
    ///     .validate_env([("DEBUG", "true"), ("DATABASE_URL", "host=/run/postgresql dbname=app")])
    ///     .unwrap();
    /// assert!(report.probe().unwrap().notes()[0].contains("unix socket"));
    /// ```
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// How long the whole probe took.
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// let report = prodguard::Policy::new()
    ///     .probe(Duration::from_millis(200))
    ///     .validate_env([("DEBUG", "true"), ("DATABASE_URL", "sqlite:dev.db")])
    ///     .unwrap();
    /// assert!(report.probe().unwrap().elapsed() < Duration::from_millis(200));
    /// ```
    pub fn elapsed(&self) -> Duration {
        self.elapsed
    }

    fn not_run(reason: impl Into<String>) -> ProbeReport {
        ProbeReport {
            hosts: Vec::new(),
            notes: vec![format!("probe: not run: {}", reason.into())],
            elapsed: Duration::ZERO,
        }
    }
}

impl fmt::Display for ProbeReport {
    /// Writes the notes, one per line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.notes.join("\n"))
    }
}

/// What one host did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct HostProbe {
    /// As parsed from the URL (`Endpoint::host`), for the checks.
    pub(crate) host: String,
    /// `host:port` as it may be shown.
    pub(crate) shown: String,
    pub(crate) answer: Answer,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Answer {
    /// It spoke the URL's protocol; `tls`: whether it offers TLS, when the
    /// exchange tells.
    Spoke { tls: Option<bool> },
    /// It answered, but not in the URL's protocol: what it did instead.
    Mismatch(String),
    /// It could not be reached, or stayed silent: why.
    Unreachable(String),
}

/// The first exchange a backend allows without authenticating.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Exchange {
    /// PostgreSQL and CockroachDB: SSLRequest, one byte back.
    SslRequest,
    /// MySQL and MariaDB: the server's greeting.
    Greeting,
    /// No safe first exchange: a TCP connection only.
    Tcp,
}

/// Probes the database of a run: `url` is `None` when `DATABASE_URL` is
/// unset or unusable. Never called unless the policy asks.
pub(crate) fn probe(policy: &Policy, timeout: Duration, url: Option<&DatabaseUrl>) -> ProbeReport {
    let var = policy.name(crate::variable::Variable::DatabaseUrl).unwrap_or("DATABASE_URL");
    if !policy.has_database() {
        return ProbeReport::not_run("the app's policy says it has no database");
    }
    let Some(url) = url else {
        return ProbeReport::not_run(format!("{var} is not set or cannot be read"));
    };
    let (exchange, default_port) = match url.backend() {
        Backend::Postgresql => (Exchange::SslRequest, 5432),
        Backend::Cockroachdb => (Exchange::SslRequest, 26257),
        Backend::Mysql => (Exchange::Greeting, 3306),
        Backend::Sqlserver => (Exchange::Tcp, 1433),
        Backend::Oracle => (Exchange::Tcp, 1521),
        Backend::Mongodb => (Exchange::Tcp, 27017),
        Backend::Libsql => (Exchange::Tcp, 443),
        Backend::Sqlite => {
            return ProbeReport::not_run(format!("{var} is SQLite, a file: no server to reach"));
        }
        _ => {
            return ProbeReport::not_run(format!("{var} names no database guard can probe"));
        }
    };
    if url.is_unix_socket() {
        return ProbeReport::not_run(format!(
            "{var} connects through a unix socket; guard probes TCP hosts only"
        ));
    }
    if url.scheme() == Some("mongodb+srv") {
        return ProbeReport::not_run(format!(
            "{var} is mongodb+srv: its hosts come from a DNS SRV lookup, which guard does not make"
        ));
    }
    if url.endpoints().is_empty() {
        return ProbeReport::not_run(format!("{var} names no host"));
    }
    let start = Instant::now();
    let deadline = start + timeout;
    let resolver = policy.resolver();
    let backend = url.backend().name();
    let mut report = ProbeReport { hosts: Vec::new(), notes: Vec::new(), elapsed: Duration::ZERO };
    std::thread::scope(|scope| {
        // Every host at once, each on a thread of its own.
        let threads: Vec<_> = url
            .endpoints()
            .iter()
            .map(|endpoint| {
                let (host, port) = (endpoint.host(), endpoint.port().unwrap_or(default_port));
                scope.spawn(move || {
                    let answer = probe_host(host, port, exchange, resolver, deadline)
                        .unwrap_or_else(Answer::Unreachable);
                    let shown = shown_endpoint(host, port);
                    (HostProbe { host: host.to_owned(), shown, answer }, start.elapsed())
                })
            })
            .collect();
        for thread in threads {
            let (host, took) = thread.join().expect("a probe thread panicked");
            if let Answer::Spoke { tls } = host.answer {
                let said = spoke_note(backend, exchange, tls, took);
                report.notes.push(format!("probe: {} {said}", host.shown));
            }
            report.hosts.push(host);
        }
    });
    report.elapsed = start.elapsed();
    report
}

/// The note on a host that spoke its protocol, after its `host:port`:
/// `answered PostgreSQL's SSLRequest: offers TLS (0.4 ms)`.
fn spoke_note(backend: &str, exchange: Exchange, tls: Option<bool>, took: Duration) -> String {
    // Tenths of a millisecond, from integers: float formatting would add
    // tens of KiB to a stripped binary.
    let tenths = took.as_micros().div_ceil(100);
    let ms = format!("{}.{}", tenths / 10, tenths % 10);
    let tls = match tls {
        Some(true) => "offers TLS",
        Some(false) => "offers no TLS",
        None => "TLS not known",
    };
    match exchange {
        Exchange::SslRequest => format!("answered {backend}'s SSLRequest: {tls} ({ms} ms)"),
        Exchange::Greeting => format!("greeted as {backend}: {tls} ({ms} ms)"),
        Exchange::Tcp => format!(
            "accepted a TCP connection ({ms} ms); TCP only: guard makes no first exchange with {backend}"
        ),
    }
}

/// `host:port` as it may be shown: the host as parsed, IPv6 in brackets.
fn shown_endpoint(host: &str, port: u16) -> String {
    let host = if host.contains(':') { format!("[{host}]") } else { host.to_owned() };
    format!("{}:{port}", show::host(&host))
}

/// What is left of the time before `deadline`, if any.
fn remaining(deadline: Instant) -> Option<Duration> {
    deadline.checked_duration_since(Instant::now()).filter(|left| !left.is_zero())
}

/// What the host said; `Err`: why it could not be reached.
fn probe_host(
    host: &str,
    port: u16,
    exchange: Exchange,
    resolver: Option<&Arc<dyn Resolve>>,
    deadline: Instant,
) -> Result<Answer, String> {
    let addresses = resolve(host, port, resolver, deadline)?;
    let mut stream = connect(&addresses, deadline)?;
    Ok(match exchange {
        Exchange::SslRequest => ssl_request(&mut stream, deadline),
        Exchange::Greeting => greeting(&mut stream, deadline),
        Exchange::Tcp => Answer::Spoke { tls: None },
    })
}

/// The host's addresses: an IP literal as it is, a name through the
/// resolver, on a thread of its own that is left behind at the deadline
/// (a blocked `getaddrinfo` cannot be cancelled).
fn resolve(
    host: &str,
    port: u16,
    resolver: Option<&Arc<dyn Resolve>>,
    deadline: Instant,
) -> Result<Vec<SocketAddr>, String> {
    if let Ok(ip) = host.parse::<IpAddr>() {
        return Ok(vec![SocketAddr::new(ip, port)]);
    }
    let (sender, receiver) = mpsc::channel();
    let name = host.to_owned();
    let resolver = resolver.cloned();
    let spawned = std::thread::Builder::new().name("guard-resolve".to_owned()).spawn(move || {
        let addresses = match resolver {
            Some(resolver) => resolver.resolve(&name, port),
            None => (name.as_str(), port).to_socket_addrs().map(Iterator::collect),
        };
        // The probe may have stopped waiting: nobody to tell.
        let _ = sender.send(addresses);
    });
    if spawned.is_err() {
        return Err("cannot be resolved: no thread could be started to resolve it".to_owned());
    }
    match remaining(deadline).and_then(|left| receiver.recv_timeout(left).ok()) {
        Some(Ok(addresses)) if !addresses.is_empty() => Ok(addresses),
        Some(Ok(_)) => Err("does not resolve: the name has no address".to_owned()),
        Some(Err(_)) => Err("does not resolve: the name is unknown to the resolver".to_owned()),
        // The deadline passed (or the resolver panicked).
        None => Err("was not resolved in time".to_owned()),
    }
}

/// A connection to the first address that accepts one.
fn connect(addresses: &[SocketAddr], deadline: Instant) -> Result<TcpStream, String> {
    let mut why = String::from("did not accept a connection in time");
    for address in addresses {
        let Some(left) = remaining(deadline) else {
            break;
        };
        let err = match TcpStream::connect_timeout(address, left) {
            Ok(stream) => return Ok(stream),
            Err(err) => err,
        };
        why = match err.kind() {
            ErrorKind::ConnectionRefused => {
                "refused the connection: nothing listens on that port".to_owned()
            }
            ErrorKind::TimedOut | ErrorKind::WouldBlock => {
                "did not accept a connection in time".to_owned()
            }
            ErrorKind::HostUnreachable | ErrorKind::NetworkUnreachable => {
                "cannot be reached from this network".to_owned()
            }
            // The system's own words: they hold no part of the URL.
            _ => format!("cannot be connected to ({err})"),
        };
    }
    Err(why)
}

/// Reads into `buf` until as many bytes as `wanted` asks of those read so
/// far have arrived (at most `buf`'s length), the server closes, or the
/// deadline passes: `Ok(Some(n))` for the `n` bytes that arrived (0: the
/// server closed at once), `Ok(None)` when none arrived in time.
fn read_reply(
    stream: &mut TcpStream,
    buf: &mut [u8],
    deadline: Instant,
    wanted: fn(&[u8]) -> usize,
) -> io::Result<Option<usize>> {
    let mut have = 0;
    while have < wanted(&buf[..have]).min(buf.len()) {
        let Some(left) = remaining(deadline) else {
            break;
        };
        stream.set_read_timeout(Some(left))?;
        match stream.read(&mut buf[have..]) {
            Ok(0) => return Ok(Some(have)),
            Ok(n) => have += n,
            Err(err) if matches!(err.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                break;
            }
            Err(err) => return Err(err),
        }
    }
    Ok(Some(have).filter(|&have| have > 0))
}

fn silent(what: &str, hint: &str) -> Answer {
    Answer::Unreachable(format!("accepted the connection but sent no {what} in time ({hint})"))
}

/// PostgreSQL's first exchange: SSLRequest, then one read.
fn ssl_request(stream: &mut TcpStream, deadline: Instant) -> Answer {
    if let Some(left) = remaining(deadline) {
        let _ = stream.set_write_timeout(Some(left));
    }
    if let Err(err) = stream.write_all(&SSL_REQUEST) {
        return Answer::Unreachable(format!("closed the connection before SSLRequest ({err})"));
    }
    let mut buf = [0u8; 256];
    // Wanted: any byte, so one read.
    match read_reply(stream, &mut buf, deadline, |_| 1) {
        Ok(Some(0)) => hung_up("closed it", "any answer to SSLRequest", "PostgreSQL"),
        Ok(Some(n)) => ssl_reply(&buf[..n]),
        Ok(None) => {
            silent("answer to SSLRequest", "a MySQL server, for one, would have greeted at once")
        }
        Err(err) => {
            hung_up(&format!("dropped it ({err})"), "any answer to SSLRequest", "PostgreSQL")
        }
    }
}

/// A host that took the connection and ended it before a byte came:
/// nothing arrived, so it did not answer.
fn hung_up(ending: &str, before: &str, backend: &str) -> Answer {
    Answer::Unreachable(format!(
        "accepted the connection, then {ending} before {before} (a proxy whose database is down does this, as does a server that is not {backend})"
    ))
}

/// Reads the one read that follows SSLRequest.
fn ssl_reply(reply: &[u8]) -> Answer {
    match reply {
        [b'S'] => Answer::Spoke { tls: Some(true) },
        [b'N'] => Answer::Spoke { tls: Some(false) },
        [b'S' | b'N', extra @ ..] => Answer::Mismatch(format!(
            "answered SSLRequest with {} extra bytes after `{}`, before any TLS handshake: a protocol violation (CVE-2021-23222)",
            extra.len(),
            char::from(reply[0])
        )),
        // An ErrorResponse: a PostgreSQL server (or pooler) refusing early.
        [b'E', ..] => Answer::Spoke { tls: None },
        _ if mysql_greeting(reply).is_some() => {
            Answer::Mismatch("greeted as a MySQL/MariaDB server, not PostgreSQL".to_owned())
        }
        _ => Answer::Mismatch(format!(
            "answered SSLRequest with {} bytes that are not PostgreSQL's",
            reply.len()
        )),
    }
}

/// MySQL's first exchange: the server greets, the client reads.
fn greeting(stream: &mut TcpStream, deadline: Instant) -> Answer {
    let mut buf = [0u8; 512];
    match read_reply(stream, &mut buf, deadline, greeting_length) {
        Ok(Some(0)) => hung_up("closed it", "a greeting", "MySQL"),
        Ok(Some(n)) => greeting_reply(&buf[..n]),
        Ok(None) => silent("MySQL greeting", "a PostgreSQL server, for one, waits silently"),
        Err(err) => hung_up(&format!("dropped it ({err})"), "a greeting", "MySQL"),
    }
}

/// How many bytes of the greeting that `bytes` begins to read: its 4-byte
/// header and the payload length the header gives. Until the header and
/// a byte of payload have arrived, 5; 0, read no more, once the bytes can
/// be judged: the greeting's capability flags are in, or an error packet
/// begins, or the header is no greeting's (a sequence number other than 0,
/// a length of 0 or above 64 KiB).
fn greeting_length(bytes: &[u8]) -> usize {
    match *bytes {
        // An error packet, or a greeting whose flags are in: enough to judge.
        [_, _, _, 0, 0xFF, ..] => 0,
        _ if mysql_greeting(bytes).is_some_and(|tls| tls.is_some()) => 0,
        [a, b, c, 0, _, ..] => match usize::from(a) | usize::from(b) << 8 | usize::from(c) << 16 {
            length @ 1..=0xFFFF => 4 + length,
            // No greeting is empty or that long.
            _ => 0,
        },
        [_, _, _, _, _, ..] => 0,
        _ => 5,
    }
}

/// Judges the bytes a MySQL server sent first.
fn greeting_reply(bytes: &[u8]) -> Answer {
    match mysql_greeting(bytes) {
        Some(tls) => Answer::Spoke { tls },
        // An error packet (too many connections, host not allowed): the
        // server speaks MySQL.
        None if matches!(bytes, [_, _, _, 0, 0xFF, ..]) => Answer::Spoke { tls: None },
        None => {
            Answer::Mismatch(format!("sent {} bytes that are not a MySQL greeting", bytes.len()))
        }
    }
}

/// Reads a protocol-10 greeting: `Some(tls)` where `tls` is its
/// `CLIENT_SSL` bit, when the flags arrived.
fn mysql_greeting(bytes: &[u8]) -> Option<Option<bool>> {
    let [a, b, c, 0, 10, ref rest @ ..] = *bytes else {
        return None;
    };
    // Within the packet: the bytes after it are not the greeting's.
    let length = usize::from(a) | usize::from(b) << 8 | usize::from(c) << 16;
    let rest = &rest[..rest.len().min(length.saturating_sub(1))];
    let end = rest.iter().position(|&b| b == 0)?;
    let version = &rest[..end];
    if version.is_empty() || !version.iter().all(u8::is_ascii_graphic) {
        return None;
    }
    // After the version's NUL: a connection id, 8 bytes of salt, a filler.
    let flags_at = end + 1 + 4 + 8 + 1;
    let flags = rest.get(flags_at..flags_at + 2);
    Some(flags.map(|flags| u16::from_le_bytes([flags[0], flags[1]]) & CLIENT_SSL != 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A greeting as MariaDB sends it, with `flags` as its lower capabilities.
    fn greeting_bytes(flags: u16) -> Vec<u8> {
        let mut payload = vec![10];
        payload.extend_from_slice(b"10.11.19-MariaDB\0");
        payload.extend_from_slice(&7u32.to_le_bytes());
        payload.extend_from_slice(b"abcdefgh\0");
        payload.extend_from_slice(&flags.to_le_bytes());
        payload.extend_from_slice(&[8, 2, 0, 0xff, 0x81]);
        let len = payload.len() as u32;
        let mut bytes = len.to_le_bytes()[..3].to_vec();
        bytes.push(0);
        bytes.extend(payload);
        bytes
    }

    #[test]
    fn ssl_request_replies() {
        let cases: &[(&str, &[u8], Answer)] = &[
            ("S", b"S", Answer::Spoke { tls: Some(true) }),
            ("N", b"N", Answer::Spoke { tls: Some(false) }),
            ("error response", b"E\0\0\0\x10SFATAL", Answer::Spoke { tls: None }),
        ];
        for (case, reply, answer) in cases {
            assert_eq!(&ssl_reply(reply), answer, "{case}");
        }
        for (case, reply, words) in [
            ("S and more", &b"Sxyz"[..], "3 extra bytes after `S`"),
            ("N and more", b"N\x00", "1 extra bytes after `N`"),
            ("HTTP", b"HTTP/1.1 400 Bad Request\r\n", "26 bytes"),
        ] {
            match ssl_reply(reply) {
                Answer::Mismatch(why) => assert!(why.contains(words), "{case}: {why}"),
                other => panic!("{case}: {other:?}"),
            }
        }
        match ssl_reply(&greeting_bytes(0)) {
            Answer::Mismatch(why) => assert!(why.contains("MySQL"), "{why}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn mysql_greetings() {
        assert_eq!(mysql_greeting(&greeting_bytes(0xF7FF)), Some(Some(false)));
        assert_eq!(mysql_greeting(&greeting_bytes(0xFFFF)), Some(Some(true)));
        // Flags past the packet's declared end are not its flags.
        let mut short = greeting_bytes(0xFFFF);
        short[0] = 20;
        assert_eq!(mysql_greeting(&short), Some(None));
        // Read until the flags are in, then judged.
        let whole = greeting_bytes(0x0800);
        assert_eq!(greeting_length(&whole), 0);
        assert_eq!(greeting_reply(&whole), Answer::Spoke { tls: Some(true) });
        // Cut before the flags: read on, to the packet's end at most.
        assert_eq!(greeting_length(&whole[..12]), whole.len());
        // An error packet, or a length no greeting has: read no more.
        assert_eq!(greeting_length(b"\x17\0\0\0\xff\x69"), 0);
        assert_eq!(greeting_length(b"\xff\xff\xff\0\x0a5.7"), 0);
        assert_eq!(greeting_length(b"\0\0\x01\0\x0a5.7"), 0);
        // Not a MySQL packet's header: read no more.
        assert_eq!(greeting_length(b"SSH-2.0-OpenSSH_9.2\r\n"), 0);
        assert_eq!(mysql_greeting(b"N"), None);
        let error = b"\x17\0\0\0\xff\x69\x04Host is not allowed";
        assert_eq!(greeting_reply(error), Answer::Spoke { tls: None });
        assert!(matches!(greeting_reply(b"SSH-2.0-OpenSSH_9.2\r\n"), Answer::Mismatch(_)));
    }

    #[test]
    fn endpoints_are_shown_as_parsed() {
        assert_eq!(shown_endpoint("::1", 5432), "[::1]:5432");
        assert_eq!(shown_endpoint("DB.example.com", 3306), "db.example.com:3306");
        assert_eq!(shown_endpoint("a b", 1), "(3 characters):1");
    }
}
