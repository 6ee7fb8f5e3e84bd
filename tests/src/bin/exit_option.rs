//! `exit`: on failure the report and exit status 78, no panic.

use prodguard::production_safe;

#[production_safe(exit)]
fn main() {
    println!("BODY RAN");
}
