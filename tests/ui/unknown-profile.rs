// A misspelled framework profile: the error lists the valid ones.
use prodguard::production_safe;

#[production_safe(profile(larvel))]
fn main() {}
