//! An app with no database and nothing to sign.

use prodguard::production_safe;

#[production_safe(no_database, no_secret)]
fn main() {
    println!("BODY RAN");
}
