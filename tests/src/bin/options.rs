//! A policy in options: a required variable, allowed checks (by id and by
//! variant), a renamed secret.

use prodguard::production_safe;

#[production_safe(
    require("REDIS_URL"),
    allow(database_host_local, Check::SqliteInProduction),
    rename(SECRET_KEY = "SESSION_SECRET")
)]
fn main() {
    println!("BODY RAN");
}
