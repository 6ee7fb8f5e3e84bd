//! A sync `main`.

use prodguard::production_safe;

#[production_safe]
fn main() {
    println!("BODY RAN");
}
