//! Every reading of `DATABASE_URL` is linear in the value's length: for
//! each adversarial shape (a form's prefix, then one delimiter repeated up
//! to the 128 KiB an environment variable holds), classifying twice the
//! length takes at most three times as long. Measured as a ratio in one
//! run, never against a fixed time: only the growth is asserted.

use std::hint::black_box;
use std::time::{Duration, Instant};

use prodguard::DatabaseUrl;

/// The shapes: each form's prefix, then one unit repeated. Every unit
/// after the prefixes that read the most grammars, and the delimiters that
/// matter after the other prefixes.
fn shapes() -> Vec<(&'static str, &'static str)> {
    const MAIN_PREFIXES: &[&str] =
        &["", "postgres://", "host=", "Server=", "jdbc:mysql://", "u:p@tcp("];
    const UNITS: &[&str] = &[
        "@", ":", "/", ";", "(", ")", "{", "}", "'", "\"", "=", "%", "?", "&", ",", "\\", " ", "[",
        "a=", "a;", "@a", "a/", "%4", "=;", "(a=b)", "h,", "}}",
    ];
    const OTHER_PREFIXES: &[&str] = &[
        "postgres://u:",
        "postgres://h/db?",
        "host='",
        "Server={",
        "jdbc:mysql://address=",
        "jdbc:sqlserver://h;a=",
        "jdbc:oracle:thin:",
        "scott/",
        "//h:1/",
        "sqlite:",
    ];
    const DELIMITERS: &[&str] = &["@", "/", ";", "=", "'", "{", "(", "%", "=;", "(a=b)"];
    let mut shapes = Vec::new();
    for prefix in MAIN_PREFIXES {
        shapes.extend(UNITS.iter().map(|unit| (*prefix, *unit)));
    }
    for prefix in OTHER_PREFIXES {
        shapes.extend(DELIMITERS.iter().map(|unit| (*prefix, *unit)));
    }
    shapes
}

const SMALL: usize = 64 * 1024;
const LARGE: usize = 128 * 1024;

fn value(prefix: &str, unit: &str, len: usize) -> String {
    let mut value = prefix.to_owned();
    while value.len() + unit.len() <= len {
        value.push_str(unit);
    }
    value
}

/// The shortest of `runs` runs of `reps` classifications.
fn time(value: &str, reps: u32, runs: u32) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..reps {
                let _ = black_box(DatabaseUrl::classify(black_box(value)));
            }
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// t(large) / t(small), each the shortest of `runs` measures taken in
/// turn, so that a busy spell of the machine slows both alike.
fn ratio(small: &str, large: &str, reps: u32, runs: u32) -> f64 {
    let (mut small_best, mut large_best) = (Duration::MAX, Duration::MAX);
    for _ in 0..runs {
        small_best = small_best.min(time(small, reps, 1));
        large_best = large_best.min(time(large, reps, 1));
    }
    large_best.as_secs_f64() / small_best.as_secs_f64()
}

#[test]
fn classifying_is_linear_in_the_length() {
    let mut slow = Vec::new();
    let mut worst = (0.0, String::new());
    for (prefix, unit) in shapes() {
        let small = value(prefix, unit, SMALL);
        let large = value(prefix, unit, LARGE);
        // Enough repetitions that each measure takes 2 ms, far
        // above the timer's resolution and a scheduler's jitter.
        let once = time(&small, 1, 1).max(Duration::from_nanos(1));
        let reps = (Duration::from_millis(2).as_nanos() / once.as_nanos()).clamp(1, 10_000) as u32;
        let measured = ratio(&small, &large, reps, 2);
        if measured > worst.0 {
            worst = (measured, format!("{prefix:?} + {unit:?}×n"));
        }
        if measured > 3.0 {
            // Measured again before it counts: another process may
            // have taken the core.
            let again = ratio(&small, &large, reps, 7);
            if again > 3.0 {
                slow.push(format!("{prefix:?} + {unit:?}×n: {measured:.2}, then {again:.2}"));
            }
        }
    }
    eprintln!("largest ratio: {:.2}, {}", worst.0, worst.1);
    assert!(slow.is_empty(), "t(128 KiB) / t(64 KiB) above 3:\n{}", slow.join("\n"));
}
