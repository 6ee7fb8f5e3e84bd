//! `validate()` computes once per process: threads that race to call it
//! first all get the one cached result.
//!
//! This file is its own test binary (its own process), and it only reads
//! the process environment, whatever that is: the verdict does not matter
//! here, only that every caller sees the same one.

use std::sync::Barrier;
use std::thread;

use prodguard::{GuardError, Report};

const THREADS: usize = 16;

/// The address of whichever side of the result `validate()` returned.
fn address(result: Result<&'static Report, &'static GuardError>) -> (bool, usize) {
    match result {
        Ok(report) => (true, std::ptr::from_ref(report) as usize),
        Err(err) => (false, std::ptr::from_ref(err) as usize),
    }
}

#[test]
fn sixteen_threads_racing_see_one_computation() {
    let barrier = Barrier::new(THREADS);
    let seen: Vec<(bool, usize)> = thread::scope(|scope| {
        let handles: Vec<_> = (0..THREADS)
            .map(|_| {
                scope.spawn(|| {
                    // Release every thread at once, so they race to be first.
                    barrier.wait();
                    address(prodguard::validate())
                })
            })
            .collect();
        handles.into_iter().map(|handle| handle.join().expect("validate() panicked")).collect()
    });
    let first = seen[0];
    assert!(seen.iter().all(|&s| s == first), "threads saw different results: {seen:?}");
    // A later call returns the very same cached value.
    assert_eq!(address(prodguard::validate()), first);
}
