// `allow()` with nothing in it.
use prodguard::production_safe;

#[production_safe(allow())]
fn main() {}
