// A variable name holds no whitespace.
use prodguard::production_safe;

#[production_safe(require(" REDIS_URL"))]
fn main() {}
