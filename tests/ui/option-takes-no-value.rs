// A flag is written alone, not `= true`.
use guard_core::production_safe;

#[production_safe(quiet = true)]
fn main() {}
