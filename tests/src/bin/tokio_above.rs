//! `#[tokio::main]` above `#[production_safe]`: the check runs before the
//! runtime is built.

use prodguard::production_safe;

#[tokio::main(flavor = "current_thread")]
#[production_safe]
async fn main() {
    let in_runtime = tokio::runtime::Handle::try_current().is_ok();
    println!("BODY RAN in_runtime={in_runtime}");
}
