//! `dotenv = "PATH"`: that file is loaded before the checks.

use prodguard::production_safe;

#[production_safe(dotenv = "config/app.env")]
fn main() {
    println!("BODY RAN");
}
