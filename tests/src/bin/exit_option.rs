//! `exit`: on failure the report and exit status 78, no panic.

use guard_core::production_safe;

#[production_safe(exit)]
fn main() {
    println!("BODY RAN");
}
