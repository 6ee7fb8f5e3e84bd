//! Running the checks: each [`Check`] of the catalog is run by the rule of
//! the same name in `rules.rs`, on a [`Context`] read once.

mod allowed_hosts;
mod context;
#[cfg(feature = "probe")]
mod probed;
mod rules;

pub(crate) use context::{Context, DatabaseState};

use crate::catalog::{Check, Severity};
use crate::finding::Finding;
use context::Hit;

/// Runs one check's rule.
fn run_rule(check: Check, cx: &Context<'_>, out: &mut Vec<Hit>) {
    match check {
        Check::DebugInProduction => rules::debug_in_production(cx, out),
        Check::InvalidBoolean => rules::invalid_boolean(cx, out),
        Check::LocalTestInProduction => rules::local_test_in_production(cx, out),
        Check::DatabaseUrlMissing => rules::database_url_missing(cx, out),
        Check::DatabaseUrlInvalid => rules::database_url_invalid(cx, out),
        Check::SqliteInProduction => rules::sqlite_in_production(cx, out),
        Check::EmbeddedDatabaseInProduction => rules::embedded_database_in_production(cx, out),
        Check::UnknownDatabaseBackend => rules::unknown_database_backend(cx, out),
        Check::DatabaseSchemeUnsupported => rules::database_scheme_unsupported(cx, out),
        Check::SecretKeyMissing => rules::secret_key_missing(cx, out),
        Check::SecretKeyWeak => rules::secret_key_weak(cx, out),
        Check::SiteUrlInsecure => rules::site_url_insecure(cx, out),
        Check::SiteUrlHostNotAllowed => rules::site_url_host_not_allowed(cx, out),
        Check::RequiredVariableMissing => rules::required_variable_missing(cx, out),
        Check::AllowedHostsWildcard => rules::allowed_hosts_wildcard(cx, out),
        Check::PublicDomainNotAllowed => rules::public_domain_not_allowed(cx, out),
        Check::DatabaseHostLocal => rules::database_host_local(cx, out),
        Check::DatabaseTlsDisabled => rules::database_tls_disabled(cx, out),
        #[cfg(feature = "probe")]
        Check::DatabaseUnreachable => probed::database_unreachable(cx, out),
        #[cfg(feature = "probe")]
        Check::DatabaseProtocolMismatch => probed::database_protocol_mismatch(cx, out),
        #[cfg(feature = "probe")]
        Check::DatabaseTlsUnavailable => probed::database_tls_unavailable(cx, out),
        #[cfg(feature = "probe")]
        Check::DatabaseTlsNotOffered => probed::database_tls_not_offered(cx, out),
        // Without the probe nothing is probed: these find nothing.
        #[cfg(not(feature = "probe"))]
        Check::DatabaseUnreachable
        | Check::DatabaseProtocolMismatch
        | Check::DatabaseTlsUnavailable
        | Check::DatabaseTlsNotOffered => {}
    }
}

/// Runs every check that applies and returns its findings: errors, then
/// warnings, then allowed checks, each in catalog order.
pub(crate) fn run(cx: &Context<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for &check in Check::ALL {
        let severity = if cx.production {
            Some(check.severity_in_production())
        } else {
            check.severity_outside_production()
        };
        let Some(severity) = severity else {
            continue;
        };
        let severity = if cx.policy.allows(check) { Severity::Allowed } else { severity };
        let mut hits = Vec::new();
        run_rule(check, cx, &mut hits);
        findings.extend(hits.into_iter().map(|hit| Finding {
            check,
            // Allowed stays allowed: it sorts after Warning.
            severity: if hit.at_most_warning { severity.max(Severity::Warning) } else { severity },
            variable: hit.variable,
            message: hit.message,
            remediation: hit.remediation,
        }));
    }
    // A stable sort keeps catalog order within a severity.
    findings.sort_by_key(|finding| finding.severity);
    findings
}
