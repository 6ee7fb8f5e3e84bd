//! The checks of the live probe: each reads what the probe found
//! ([`ProbeReport`]) and returns a [`Hit`] per host at fault. Nothing here
//! opens a connection.

use super::context::{Context, Hit};
use crate::database::{Tls, is_private_host};
use crate::probe::{Answer, HostProbe};
use crate::variable::Variable;

/// The hosts the probe reached, when it ran.
fn hosts<'a>(cx: &Context<'a>) -> &'a [HostProbe] {
    cx.probe.map_or(&[], |probe| &probe.hosts)
}

/// Whether the host spoke its protocol and offers no TLS.
fn offers_no_tls(host: &HostProbe) -> bool {
    host.answer == Answer::Spoke { tls: Some(false) }
}

pub(super) fn database_unreachable(cx: &Context<'_>) -> Vec<Hit> {
    let hosts = hosts(cx);
    let another_answers = hosts.iter().any(|h| !matches!(h.answer, Answer::Unreachable(_)));
    let var = cx.name(Variable::DatabaseUrl);
    let mut hits = Vec::new();
    for host in hosts {
        let Answer::Unreachable(why) = &host.answer else { continue };
        let mut hit = cx.hit(
            Variable::DatabaseUrl,
            format!("{var}'s host {} {why}", host.shown),
            format!(
                "Check that the database service is running and reachable from where this runs (a private host answers only on the platform's private network); if the host or port is wrong, correct {var} {}.",
                cx.place(var)
            ),
        );
        hit.at_most_warning = another_answers;
        hits.push(hit);
    }
    hits
}

pub(super) fn database_protocol_mismatch(cx: &Context<'_>) -> Vec<Hit> {
    let var = cx.name(Variable::DatabaseUrl);
    let backend = cx.database.classified().map_or("database", |url| url.backend().name());
    let mut hits = Vec::new();
    for host in hosts(cx) {
        let Answer::Mismatch(what) = &host.answer else { continue };
        hits.push(cx.hit(
            Variable::DatabaseUrl,
            format!("{var}'s host {} is not speaking {backend}: it {what}", host.shown),
            format!(
                "Match the scheme and port of {var} to the database service (PostgreSQL listens on 5432, MySQL on 3306 by default): set it {}.",
                cx.place(var)
            ),
        ));
    }
    hits
}

pub(super) fn database_tls_unavailable(cx: &Context<'_>) -> Vec<Hit> {
    if cx.database.classified().is_none_or(|url| url.tls() != Tls::Required) {
        return Vec::new();
    }
    let var = cx.name(Variable::DatabaseUrl);
    let no_tls = hosts(cx).iter().filter(|host| offers_no_tls(host));
    let hit = |host: &HostProbe| {
        cx.hit(
            Variable::DatabaseUrl,
            format!("{var} requires TLS, and its host {} offers none", host.shown),
            format!(
                "Turn TLS on in the database server, or set {var} to a host that offers it {}. Until then every connection fails.",
                cx.place(var)
            ),
        )
    };
    no_tls.map(hit).collect()
}

pub(super) fn database_tls_not_offered(cx: &Context<'_>) -> Vec<Hit> {
    if cx.database.classified().is_none_or(|url| url.tls() == Tls::Required) {
        // Required TLS that is not offered is `database_tls_unavailable`.
        return Vec::new();
    }
    let var = cx.name(Variable::DatabaseUrl);
    let public_no_tls =
        hosts(cx).iter().filter(|host| offers_no_tls(host) && !is_private_host(&host.host));
    let hit = |host: &HostProbe| {
        cx.hit(
            Variable::DatabaseUrl,
            format!(
                "{var}'s host {} offers no TLS and is off the private network: passwords and data cross it in clear text",
                host.shown
            ),
            format!(
                "Turn TLS on in the database server, or set {var} to the database's private-network host (on Railway: its *.railway.internal host) {}.",
                cx.place(var)
            ),
        )
    };
    public_no_tls.map(hit).collect()
}
