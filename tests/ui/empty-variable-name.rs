// A variable name cannot be empty.
use prodguard::production_safe;

#[production_safe(require(""))]
fn main() {}
