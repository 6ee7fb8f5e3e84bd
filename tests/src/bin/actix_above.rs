//! `#[actix_rt::main]` (what `#[actix_web::main]` is) above
//! `#[production_safe]`.

use prodguard::production_safe;

#[actix_rt::main]
#[production_safe]
async fn main() {
    println!("BODY RAN");
}
