//! `#[actix_rt::main]` below `#[production_safe]`.

use prodguard::production_safe;

#[production_safe]
#[actix_rt::main]
async fn main() {
    println!("BODY RAN");
}
