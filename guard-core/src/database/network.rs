//! Where a database host sits on the network: this machine, a private
//! network, or the open internet.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// `localhost` or a loopback address (or `0.0.0.0`, which connects locally).
pub(crate) fn is_local_host(host: &str) -> bool {
    let host = normalise(host);
    if host == "localhost" || host.ends_with(".localhost") {
        return true;
    }
    match ip_address(&host) {
        Some(ip) => ip.is_loopback() || ip.is_unspecified(),
        None => false,
    }
}

/// The host as an IP address, if it is one. An IPv4 address is digits and
/// dots, an IPv6 one holds a `:`: anything else is a name, told without
/// running the parser.
fn ip_address(host: &str) -> Option<IpAddr> {
    let may_be_ip = host.contains(':') || host.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    may_be_ip.then(|| host.parse().ok()).flatten()
}

/// Whether traffic to `host` stays off the public internet: loopback,
/// RFC 1918, CGNAT `100.64.0.0/10`, IPv6 unique-local and link-local,
/// single-label names, and the private DNS suffixes of the platforms.
pub(crate) fn is_private_host(host: &str) -> bool {
    const PRIVATE_SUFFIXES: [&str; 6] =
        [".internal", ".local", ".svc", ".cluster.local", ".flycast", ".localhost"];
    let host = normalise(host);
    if is_local_host(&host) {
        return true;
    }
    match ip_address(&host) {
        Some(IpAddr::V4(ip)) => is_private_v4(ip),
        Some(IpAddr::V6(ip)) => is_private_v6(ip),
        None => !host.contains('.') || PRIVATE_SUFFIXES.iter().any(|suffix| host.ends_with(suffix)),
    }
}

/// Without brackets or a trailing dot, lowercased.
fn normalise(host: &str) -> String {
    host.trim_start_matches('[').trim_end_matches(']').trim_end_matches('.').to_ascii_lowercase()
}

fn is_private_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    ip.is_private()
        || ip.is_loopback()
        || ip.is_link_local()
        || (a == 100 && (64..128).contains(&b))
}

fn is_private_v6(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    ip.is_loopback()
        || (first & 0xfe00) == 0xfc00
        || (first & 0xffc0) == 0xfe80
        || ip.to_ipv4_mapped().is_some_and(is_private_v4)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_hosts() {
        for host in [
            "localhost",
            "LOCALHOST",
            "127.0.0.1",
            "127.1.2.3",
            "::1",
            "[::1]",
            "0.0.0.0",
            "app.localhost",
        ] {
            assert!(is_local_host(host), "{host}");
        }
        for host in ["db", "10.0.0.1", "localhost.example.com", "db.example.com"] {
            assert!(!is_local_host(host), "{host}");
        }
    }

    #[test]
    fn private_and_public_hosts() {
        let private = [
            "postgres.railway.internal",
            "db",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.10",
            "100.64.0.1",
            "100.127.255.255",
            "fd12:3456::1",
            "fe80::1",
            "db.default.svc",
            "db.default.svc.cluster.local",
            "printer.local",
            "shop-db.flycast",
            "localhost",
            "Postgres.Railway.Internal.",
        ];
        for host in private {
            assert!(is_private_host(host), "{host}");
        }
        let public = [
            "db.example.com",
            "monorail.proxy.rlwy.net",
            "8.8.8.8",
            "172.32.0.1",
            "100.128.0.1",
            "2001:db8::1",
            "ep-cool-name.us-east-2.aws.neon.tech",
        ];
        for host in public {
            assert!(!is_private_host(host), "{host}");
        }
    }
}
