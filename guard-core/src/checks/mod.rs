//! Running the checks: each [`Check`] of the catalog is run by the rule of
//! the same name in `rules.rs`, on a [`Context`] read once.

mod allowed_hosts;
mod context;
#[cfg(feature = "probe")]
mod probed;
mod rules;

pub(crate) use context::{Context, DatabaseState, SiteUrl};

use crate::catalog::{Check, Severity};
use crate::finding::Finding;
use context::Hit;

/// Runs one check's rule.
fn run_rule(check: Check, cx: &Context<'_>) -> Vec<Hit> {
    match check {
        Check::DebugInProduction => rules::debug_in_production(cx),
        Check::InvalidBoolean => rules::invalid_boolean(cx),
        Check::LocalTestInProduction => Vec::from_iter(rules::local_test_in_production(cx)),
        Check::DatabaseUrlMissing => Vec::from_iter(rules::database_url_missing(cx)),
        Check::DatabaseUrlInvalid => Vec::from_iter(rules::database_url_invalid(cx)),
        Check::SqliteInProduction => Vec::from_iter(rules::sqlite_in_production(cx)),
        Check::EmbeddedDatabaseInProduction => {
            Vec::from_iter(rules::embedded_database_in_production(cx))
        }
        Check::UnknownDatabaseBackend => Vec::from_iter(rules::unknown_database_backend(cx)),
        Check::DatabaseSchemeUnsupported => Vec::from_iter(rules::database_scheme_unsupported(cx)),
        Check::SecretKeyMissing => Vec::from_iter(rules::secret_key_missing(cx)),
        Check::SecretKeyWeak => Vec::from_iter(rules::secret_key_weak(cx)),
        Check::SiteUrlInsecure => Vec::from_iter(rules::site_url_insecure(cx)),
        Check::SiteUrlHostNotAllowed => Vec::from_iter(rules::site_url_host_not_allowed(cx)),
        Check::RequiredVariableMissing => rules::required_variable_missing(cx),
        Check::AllowedHostsWildcard => Vec::from_iter(rules::allowed_hosts_wildcard(cx)),
        Check::PublicDomainNotAllowed => Vec::from_iter(rules::public_domain_not_allowed(cx)),
        Check::DatabaseHostLocal => Vec::from_iter(rules::database_host_local(cx)),
        Check::DatabaseTlsDisabled => Vec::from_iter(rules::database_tls_disabled(cx)),
        #[cfg(feature = "probe")]
        Check::DatabaseUnreachable => probed::database_unreachable(cx),
        #[cfg(feature = "probe")]
        Check::DatabaseProtocolMismatch => probed::database_protocol_mismatch(cx),
        #[cfg(feature = "probe")]
        Check::DatabaseTlsUnavailable => probed::database_tls_unavailable(cx),
        #[cfg(feature = "probe")]
        Check::DatabaseTlsNotOffered => probed::database_tls_not_offered(cx),
        // Without the probe nothing is probed: these find nothing.
        #[cfg(not(feature = "probe"))]
        Check::DatabaseUnreachable
        | Check::DatabaseProtocolMismatch
        | Check::DatabaseTlsUnavailable
        | Check::DatabaseTlsNotOffered => Vec::new(),
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
        findings.extend(run_rule(check, cx).into_iter().map(|hit| Finding {
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
