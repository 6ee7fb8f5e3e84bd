// A misspelled option.
use prodguard::production_safe;

#[production_safe(quite)]
fn main() {}
