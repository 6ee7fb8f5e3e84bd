// A check allowed twice.
use prodguard::production_safe;

#[production_safe(allow(database_host_local, database_tls_disabled, database_host_local))]
fn main() {}
