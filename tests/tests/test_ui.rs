//! The catalogue of mistakes: every compile error of `#[production_safe]`,
//! one case per file under `ui/`, with the exact message beside it.
//!
//! The snapshots are the stable compiler's wording, so they run on the
//! stable toolchain they were made on; regenerate with
//! `TRYBUILD=overwrite cargo test -p tests --test test_ui` and review the
//! diff.

#[rustversion::attr(not(stable(1.95)), ignore)]
#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/*.rs");
}
