// A misspelled check id: the error lists the valid ids.
use prodguard::production_safe;

#[production_safe(allow(sqlite_in_prodution))]
fn main() {}
