// `allow()` with nothing in it.
use guard_core::production_safe;

#[production_safe(allow())]
fn main() {}
