//! `quiet`: nothing printed on success.

use guard_core::production_safe;

#[production_safe(quiet)]
fn main() {
    println!("BODY RAN");
}
