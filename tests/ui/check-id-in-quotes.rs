// A check id is an identifier, not a string.
use prodguard::production_safe;

#[production_safe(allow("database_host_local"))]
fn main() {}
