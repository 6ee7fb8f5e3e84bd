//! `#[production_safe]` with options that mirror the policy builder: `cargo run --example options_app`.
//!
//! - `dotenv`: loads `.env` first, for local development (the checks run
//!   before `main`'s body, so a loader in the body would be too late); a
//!   missing file is fine, and a variable already set wins.
//! - `require`: variables of the app's own, as required as `DATABASE_URL`.
//! - `allow`: checks that are reported but never block (ids: `prodguard explain`).
//! - `rename`: the app reads its secret as `SESSION_SECRET`.
//! - `exit`: on failure, the report on stderr and exit status 78, no panic.

use prodguard::production_safe;

#[production_safe(
    dotenv,
    require("REDIS_URL"),
    allow(database_tls_disabled),
    rename(SECRET_KEY = "SESSION_SECRET"),
    exit
)]
fn main() {
    println!("serving requests");
}
