// A misspelled framework profile: the error lists the valid ones.
use guard_core::production_safe;

#[production_safe(profile(larvel))]
fn main() {}
