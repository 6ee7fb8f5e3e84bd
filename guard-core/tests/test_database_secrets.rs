//! A secret planted in any grammar's connection string never reaches any
//! output, whatever characters it holds: 10,000 generated cases over every
//! form guard reads, with passwords and secret parameter values drawn from
//! an alphabet of delimiters (`@ / : ; { } " ' # % ? & =`), whitespace,
//! control characters and a BOM, written raw, percent-encoded or quoted.

mod common;

use std::cell::Cell;

use common::{STRONG_SECRET, every_output};
use prodguard::DatabaseUrl;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::TestRunner;

/// The templates, writings and alphabet, shared with the fuzz targets.
#[path = "../../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod planted;

use planted::{BENIGN, TEMPLATES, Writing, pieces, write};

/// A secret drawn from the fuzz targets' alphabet: mostly characters that
/// delimit something in some grammar.
fn secret() -> impl Strategy<Value = String> {
    proptest::collection::vec(any::<u8>(), 6..24).prop_map(|bytes| planted::secret(&bytes))
}

/// Everything a user can print about `raw`: classified directly, and
/// checked as the `DATABASE_URL` of a production deployment.
fn outputs(raw: &str) -> (bool, Vec<String>) {
    let mut out = Vec::new();
    let ok = match DatabaseUrl::classify(raw) {
        Ok(url) => {
            out.push(url.to_string());
            out.push(format!("{url:?}"));
            out.push(format!("{:?} {:?}", url.scheme(), url.database()));
            true
        }
        Err(err) => {
            out.push(err.to_string());
            out.push(format!("{err:?}"));
            out.push(err.shown().to_owned());
            false
        }
    };
    for piece in &out {
        assert!(
            !piece.chars().any(char::is_control),
            "{raw:?} prints a control character: {piece:?}"
        );
    }
    let env = [
        ("RAILWAY_ENVIRONMENT_NAME", "production"),
        ("RAILWAY_PROJECT_ID", "6d1f0b2e"),
        ("DATABASE_URL", raw),
        ("SECRET_KEY", STRONG_SECRET),
    ];
    out.push(every_output(&prodguard::validate_env(env)));
    (ok, out)
}

#[test]
fn no_planted_secret_reaches_any_output() {
    let cases: Vec<(usize, Writing)> = TEMPLATES
        .iter()
        .enumerate()
        .flat_map(|(i, template)| template.writings.iter().map(move |w| (i, *w)))
        .collect();
    let classified = Cell::new(0u32);
    let total = Cell::new(0u32);
    let mut runner = TestRunner::new(ProptestConfig {
        // Generated, not persisted: a failure prints its case.
        failure_persistence: None,
        ..ProptestConfig::with_cases(10_000)
    });
    let result = runner.run(&(select(cases), secret()), |((index, writing), secret)| {
        let template = &TEMPLATES[index];
        let written = write(&secret, writing, template.not_raw);
        let raw = template.text.replace("{}", &written);
        let benign = template.text.replace("{}", &write(BENIGN, writing, ""));
        let (ok, out) = outputs(&raw);
        let (_, control) = outputs(&benign);
        let control = control.concat();
        total.set(total.get() + 1);
        classified.set(classified.get() + u32::from(ok));
        let raw_secret: String =
            secret.chars().filter(|c| !template.not_raw.contains(*c)).collect();
        for piece in pieces(&raw_secret).into_iter().chain(pieces(&written)) {
            if control.contains(&piece) {
                continue;
            }
            for text in &out {
                prop_assert!(
                    !text.contains(&piece),
                    "{raw:?} shows {piece:?} of its secret:\n{text}"
                );
            }
        }
        Ok(())
    });
    if let Err(error) = result {
        panic!("{error}");
    }
    let (classified, total) = (classified.get(), total.get());
    assert!(total >= 10_000, "only {total} cases ran");
    assert!(
        classified * 2 >= total,
        "only {classified} of {total} cases classified: the rebuilt form is barely exercised"
    );
    eprintln!("{classified} of {total} cases classified");
}
