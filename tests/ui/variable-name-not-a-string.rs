// A variable name is a string literal.
use guard_core::production_safe;

#[production_safe(require(REDIS_URL))]
fn main() {}
