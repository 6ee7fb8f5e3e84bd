//! `validate_env` on arbitrary pairs of bytes (names and values need not
//! be UTF-8), with a planted `SECRET_KEY` and a `DATABASE_URL` of any
//! grammar holding a planted password amid characters of the secret
//! alphabet (the templates of `test_database_secrets.rs`): no panic, and no
//! output holds either secret.

#![no_main]

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;

use arbitrary::Arbitrary;
use prodguard::{GuardError, Policy, Report};
use guard_fuzz::{choose, secret, write};
use libfuzzer_sys::fuzz_target;

const SECRET_KEY: &str = "Pl4ntedSecretKey-0123456789abcdef0123456789abcdef0123";
const PASSWORD: &str = "Pl4ntedPassw0rd";

/// Names the checks read, so the fuzzer reaches them without guessing.
const NAMES: &[&str] = &[
    "DEBUG",
    "LOCAL_TEST",
    "DATABASE_URL",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "SITE_URL",
    "RAILWAY_ENVIRONMENT",
    "RAILWAY_ENVIRONMENT_NAME",
    "RAILWAY_PROJECT_ID",
    "RAILWAY_PUBLIC_DOMAIN",
    "RAILWAY_VOLUME_MOUNT_PATH",
    "DYNO",
    "RENDER",
    "IS_PULL_REQUEST",
    "VERCEL",
    "VERCEL_ENV",
    "NETLIFY",
    "CONTEXT",
    "K_SERVICE",
    "K_CONFIGURATION",
    "KUBERNETES_SERVICE_HOST",
    "REDIS_URL",
    "SESSION_SECRET",
];

#[derive(Debug, Arbitrary)]
enum Name<'a> {
    Known(u8),
    Bytes(&'a [u8]),
}

#[derive(Debug, Arbitrary)]
struct Input<'a> {
    pairs: Vec<(Name<'a>, &'a [u8])>,
    /// Where the planted pairs go among the fuzzed ones.
    planted_at: u8,
    /// The planted `DATABASE_URL`: a template, a writing, and the
    /// password with characters of the secret alphabet around it.
    template: u8,
    writing: u8,
    before: &'a [u8],
    after: &'a [u8],
    rename: bool,
}

fn every_output(result: &Result<Report, GuardError>) -> String {
    let report = match result {
        Ok(report) => report,
        Err(err) => err.report(),
    };
    let mut out = format!("{report}\n{report:#}\n{report:?}\n");
    if let Err(err) = result {
        out += &format!("{err}\n{err:?}\n");
    }
    for finding in report.findings() {
        out += &format!(
            "{finding}\n{}\n{}\n",
            finding.message(),
            finding.remediation()
        );
    }
    out
}

fuzz_target!(|input: Input<'_>| {
    let mut pairs: Vec<(OsString, OsString)> = input
        .pairs
        .iter()
        .map(|(name, value)| {
            let name = match name {
                Name::Known(n) => NAMES[usize::from(*n) % NAMES.len()].as_bytes().to_vec(),
                Name::Bytes(bytes) => bytes.to_vec(),
            };
            (OsString::from_vec(name), OsString::from_vec(value.to_vec()))
        })
        .collect();
    let fuzzed_holds_a_secret = input.pairs.iter().any(|(_, value)| {
        let value = String::from_utf8_lossy(value);
        value.contains(PASSWORD) || value.contains(SECRET_KEY)
    });

    let secret_name = if input.rename {
        "SESSION_SECRET"
    } else {
        "SECRET_KEY"
    };
    let (template, writing) = choose(input.template, input.writing);
    let password = format!("{}{PASSWORD}{}", secret(input.before), secret(input.after));
    let database_url = template
        .text
        .replace("{}", &write(&password, writing, template.not_raw));
    let planted = [
        (secret_name.to_owned(), SECRET_KEY.to_owned()),
        ("DATABASE_URL".to_owned(), database_url),
    ];
    let at = usize::from(input.planted_at).min(pairs.len());
    for (i, (name, value)) in planted.into_iter().enumerate() {
        pairs.insert(at + i, (name.into(), value.into()));
    }

    let mut policy = Policy::new().require("REDIS_URL");
    if input.rename {
        policy = policy.rename(prodguard::Variable::SecretKey, "SESSION_SECRET");
    }
    let out = every_output(&policy.validate_env(pairs.iter().map(|(k, v)| (k, v))));
    if fuzzed_holds_a_secret {
        return;
    }
    assert!(!out.contains(SECRET_KEY), "the secret key leaks:\n{out}");
    assert!(
        !out.contains(PASSWORD),
        "the database password leaks:\n{out}"
    );
});
