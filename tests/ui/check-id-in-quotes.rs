// A check id is an identifier, not a string.
use guard_core::production_safe;

#[production_safe(allow("database_host_local"))]
fn main() {}
