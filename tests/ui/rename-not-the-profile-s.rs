// A rename names the variable as the active profile calls it: APP_KEY is
// Laravel's name, and this app's profile is django (the default).
use prodguard::production_safe;

#[production_safe(rename(APP_KEY = "SHOP_KEY"))]
fn main() {}
