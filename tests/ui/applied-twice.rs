// One #[production_safe] per `main`, with all its options.
use prodguard::production_safe;

#[production_safe(quiet)]
#[production_safe(exit)]
fn main() {}
