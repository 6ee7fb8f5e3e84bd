//! `DatabaseUrl::classify` on connection strings of every grammar with a
//! planted secret drawn from delimiters, whitespace, control characters
//! and a BOM (the templates and alphabet of `test_database_secrets.rs`),
//! and on any string at all: no panic, no control character in what it
//! shows, and no piece of the secret in any output.

#![no_main]

use arbitrary::Arbitrary;
use prodguard::DatabaseUrl;
use guard_fuzz::{BENIGN, choose, pieces, secret, write};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Input<'a> {
    template: u8,
    writing: u8,
    secret: &'a [u8],
    /// A string classified as it is, with nothing planted.
    free: &'a str,
}

/// Everything `DatabaseUrl` prints for `raw`, classified or not.
fn outputs(raw: &str) -> Vec<String> {
    let out = match DatabaseUrl::classify(raw) {
        Ok(url) => vec![
            url.to_string(),
            format!("{url:?}"),
            format!("{:?} {:?}", url.scheme(), url.database()),
        ],
        Err(err) => vec![err.to_string(), format!("{err:?}"), err.shown().to_owned()],
    };
    for piece in &out {
        assert!(
            !piece.chars().any(char::is_control),
            "{raw:?} prints {piece:?}"
        );
    }
    out
}

fuzz_target!(|input: Input<'_>| {
    let _ = outputs(input.free);

    if !(6..=64).contains(&input.secret.len()) {
        return;
    }
    let (template, writing) = choose(input.template, input.writing);
    let secret: String = secret(input.secret)
        .chars()
        .filter(|c| !template.not_raw.contains(*c))
        .collect();
    let written = write(&secret, writing, template.not_raw);
    let raw = template.text.replace("{}", &written);
    let control = outputs(&template.text.replace("{}", &write(BENIGN, writing, ""))).concat();
    let out = outputs(&raw);
    for piece in pieces(&secret).into_iter().chain(pieces(&written)) {
        if control.contains(&piece) {
            continue;
        }
        for text in &out {
            assert!(
                !text.contains(&piece),
                "{raw:?} shows {piece:?} of its secret:\n{text}"
            );
        }
    }
});
