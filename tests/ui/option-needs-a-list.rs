// `require` takes a list in parentheses.
use guard_core::production_safe;

#[production_safe(require = "REDIS_URL")]
fn main() {}
