// Only guard's own variables can be renamed: rustc's own error, with its
// similar-name hint.
use guard_core::production_safe;

#[production_safe(rename(SECRET_KYE = "SESSION_SECRET"))]
fn main() {}
