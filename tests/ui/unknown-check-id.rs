// A misspelled check id: rustc's own error, with its similar-name hint.
use guard_core::production_safe;

#[production_safe(allow(sqlite_in_prodution))]
fn main() {}
