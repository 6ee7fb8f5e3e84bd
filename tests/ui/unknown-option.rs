// A misspelled option.
use guard_core::production_safe;

#[production_safe(quite)]
fn main() {}
