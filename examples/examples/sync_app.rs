//! A sync app guarded by `#[production_safe]`: `cargo run --example sync_app`.
//!
//! On a fit environment it prints the start-up line to stderr and runs;
//! on a misfit one (try it with no variables at all: the process is
//! production unless `DEBUG=true`) it panics with the report before the
//! first line of `main`. Locally: `DEBUG=true cargo run --example sync_app`.

use prodguard::production_safe;

#[production_safe]
fn main() {
    println!("serving requests");
}
