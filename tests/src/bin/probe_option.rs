//! `probe = "300ms"`: the database is probed before the body runs.

use prodguard::production_safe;

#[production_safe(probe = "300ms", exit)]
fn main() {
    println!("BODY RAN");
}
