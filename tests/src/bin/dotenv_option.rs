//! `dotenv`: `.env` in the working directory is loaded before the checks.

use prodguard::production_safe;

#[production_safe(dotenv)]
fn main() {
    println!("BODY RAN");
}
