// One variable plays one role: a secret renamed onto DEBUG would be read,
// and printed, as a boolean.
use prodguard::production_safe;

#[production_safe(rename(SECRET_KEY = "DEBUG"))]
fn main() {}
