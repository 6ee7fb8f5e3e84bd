// A variable name, not `NAME=value`.
use prodguard::production_safe;

#[production_safe(require("REDIS_URL=redis://localhost"))]
fn main() {}
