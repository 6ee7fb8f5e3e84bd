// The probe's bound is milliseconds or seconds: "500ms", "2s".

use prodguard::production_safe;

#[production_safe(probe = "1.5 seconds")]
fn main() {}
