// An option given twice.
use prodguard::production_safe;

#[production_safe(require("REDIS_URL"), quiet, require("STRIPE_KEY"))]
fn main() {}
