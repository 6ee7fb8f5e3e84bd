//! A tokio app, `#[tokio::main]` above `#[production_safe]`: `cargo run --example tokio_app`.
//!
//! The order matters. The outer attribute expands first: `#[tokio::main]`
//! turns `async fn main` into a sync `fn main` that builds the runtime and
//! blocks on the body, and `#[production_safe]`, left on that sync fn,
//! then inserts the check at its top: the configuration is checked before
//! the runtime and its worker threads exist. A misconfigured deployment
//! never starts them, and the panic (or exit 78) happens on a plain main
//! thread. Written the other way round, the check runs at the top of the
//! async body, inside a runtime already built: still before the body, but
//! after work the process did not need to do.

use prodguard::production_safe;

#[tokio::main]
#[production_safe]
async fn main() {
    let served = tokio::spawn(async { "serving requests" }).await.expect("the task runs");
    println!("{served}");
}
