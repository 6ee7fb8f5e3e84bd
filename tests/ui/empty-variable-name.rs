// A variable name cannot be empty.
use guard_core::production_safe;

#[production_safe(require(""))]
fn main() {}
