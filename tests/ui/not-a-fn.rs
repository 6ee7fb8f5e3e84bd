// #[production_safe] goes on `fn main`, not on a struct.
use prodguard::production_safe;

#[production_safe]
struct Config;

fn main() {
    let _ = Config;
}
