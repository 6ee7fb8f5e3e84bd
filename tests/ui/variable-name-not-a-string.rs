// A variable name is a string literal.
use prodguard::production_safe;

#[production_safe(require(REDIS_URL))]
fn main() {}
