// #[production_safe] goes on `main`; other start-up code calls
// `guard_core::validate()`.
use guard_core::production_safe;

#[production_safe]
fn start() {}

fn main() {
    start();
}
