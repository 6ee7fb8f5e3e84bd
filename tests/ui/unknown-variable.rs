// Only guard's own variables can be renamed: the error lists them.
use prodguard::production_safe;

#[production_safe(rename(SecretKey = "SESSION_SECRET"))]
fn main() {}
