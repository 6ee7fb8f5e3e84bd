// A check named as the Policy builder names it, misspelled: rustc's own
// error, with its similar-name hint.
use prodguard::production_safe;

#[production_safe(allow(Check::SqliteInProdution))]
fn main() {}
