// `main` takes no parameters.
use guard_core::production_safe;

#[production_safe]
fn main(args: Vec<String>) {
    let _ = args;
}
