//! `main` returning `!`.

use prodguard::production_safe;

#[production_safe]
fn main() -> ! {
    println!("BODY RAN");
    std::process::exit(0)
}
