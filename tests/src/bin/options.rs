//! A policy in options: a required variable, an allowed check, a renamed
//! secret.

use guard_core::production_safe;

#[production_safe(
    require("REDIS_URL"),
    allow(database_host_local),
    rename(SECRET_KEY = "SESSION_SECRET")
)]
fn main() {
    println!("BODY RAN");
}
