//! The catalogue of mistakes: every compile error of `#[production_safe]`,
//! one case per file under `ui/`, with the exact message beside it.
//!
//! The snapshots are the stable compiler's wording, so they are compared
//! on the stable toolchain they were made on; regenerate with
//! `TRYBUILD=overwrite cargo test -p tests --test test_ui` and review the
//! diff. On another toolchain the test says loudly that it skipped, and in
//! CI (`CI` set) it fails instead.

/// The toolchain the snapshots were made on.
const SNAPSHOTS: &str = "stable 1.95";

#[rustversion::stable(1.95)]
const ON_SNAPSHOT_TOOLCHAIN: bool = true;
#[rustversion::not(stable(1.95))]
const ON_SNAPSHOT_TOOLCHAIN: bool = false;

#[test]
fn ui() {
    if !ON_SNAPSHOT_TOOLCHAIN {
        let message = format!(
            "ui: the compile-fail snapshots are {SNAPSHOTS}'s wording; this toolchain is another, \
             so they were NOT compared. Run them with {SNAPSHOTS}, or regenerate them."
        );
        assert!(std::env::var_os("CI").is_none(), "{message}");
        eprintln!("SKIPPED {message}");
        return;
    }
    eprintln!("ui: comparing the compile-fail snapshots on {SNAPSHOTS}");
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/*.rs");
}
