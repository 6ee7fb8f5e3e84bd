// #[production_safe] goes on `main`; other start-up code calls
// `prodguard::validate()`.
use prodguard::production_safe;

#[production_safe]
fn start() {}

fn main() {
    start();
}
