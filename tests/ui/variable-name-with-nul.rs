// No variable name holds a NUL character.
use prodguard::production_safe;

#[production_safe(rename(SECRET_KEY = "SESSION\0SECRET"))]
fn main() {}
