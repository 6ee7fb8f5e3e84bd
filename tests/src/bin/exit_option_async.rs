//! `exit` inside a runtime (`#[tokio::main]` below): still 78, no panic.

use prodguard::production_safe;

#[production_safe(exit)]
#[tokio::main(flavor = "current_thread")]
async fn main() {
    println!("BODY RAN");
}
