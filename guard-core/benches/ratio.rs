//! `validate_env` beside its floor, in alternating blocks.
//!
//! criterion measures the benchmarks of a group one after another, so a
//! drift of the machine between them (this project's shared 2-core VM
//! drifts by up to ±40 % over minutes) lands in their ratio. Here the floor
//! and `validate_env` on the fit environment take turns, 2,000 calls each,
//! 300 times; the medians of the blocks, and their ratio, come from the
//! same minutes. Five such runs are printed.
//!
//! Run with `cargo bench -p prodguard --bench ratio`; see BENCHMARKS.md.

mod common;

use std::hint::black_box;
use std::time::Instant;

use common::{FIT, environment, floor, pairs};

const CALLS: u32 = 2_000;
const ROUNDS: usize = 300;
const RUNS: usize = 5;

/// Nanoseconds a call of `f`, over one block of `CALLS` calls.
fn block(mut f: impl FnMut()) -> f64 {
    let start = Instant::now();
    for _ in 0..CALLS {
        f();
    }
    start.elapsed().as_nanos() as f64 / f64::from(CALLS)
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `cargo bench` passes `--bench`; a filter that is not ours means
    // another target's benchmarks were asked for.
    if args.iter().any(|arg| !arg.starts_with("--") && !"validate_env".contains(arg.as_str())) {
        return;
    }
    let fit = environment(FIT);
    assert!(prodguard::validate_env(pairs(&fit)).is_ok_and(|r| r.findings().is_empty()));
    let mut ratios = Vec::new();
    for run in 1..=RUNS {
        let (mut floors, mut fits) = (Vec::new(), Vec::new());
        for _ in 0..ROUNDS {
            floors.push(block(|| {
                black_box(floor(black_box(&fit)));
            }));
            fits.push(block(|| {
                let _ = black_box(prodguard::validate_env(pairs(black_box(&fit))));
            }));
        }
        let (floor_ns, fit_ns) = (median(&mut floors), median(&mut fits));
        ratios.push(fit_ns / floor_ns);
        println!(
            "run {run}: floor {floor_ns:.0} ns, validate_env (fit) {fit_ns:.0} ns: {:.2}x",
            fit_ns / floor_ns
        );
    }
    println!("median of {RUNS} runs: {:.2}x", median(&mut ratios));
}
