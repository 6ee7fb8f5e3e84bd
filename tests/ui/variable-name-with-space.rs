// A variable name holds no whitespace.
use guard_core::production_safe;

#[production_safe(require(" REDIS_URL"))]
fn main() {}
