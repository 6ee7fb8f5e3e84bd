//! `#[tokio::main]` below `#[production_safe]`: the check runs inside the
//! runtime, still before the body.

use prodguard::production_safe;

#[production_safe]
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let in_runtime = tokio::runtime::Handle::try_current().is_ok();
    println!("BODY RAN in_runtime={in_runtime}");
}
