//! `quiet`: nothing printed on success.

use prodguard::production_safe;

#[production_safe(quiet)]
fn main() {
    println!("BODY RAN");
}
