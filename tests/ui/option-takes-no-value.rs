// A flag is written alone, not `= true`.
use prodguard::production_safe;

#[production_safe(quiet = true)]
fn main() {}
