// A variable has one name.
use prodguard::production_safe;

#[production_safe(rename(SECRET_KEY = "SESSION_SECRET", SECRET_KEY = "APP_SECRET"))]
fn main() {}
