// `require` takes a list in parentheses.
use prodguard::production_safe;

#[production_safe(require = "REDIS_URL")]
fn main() {}
