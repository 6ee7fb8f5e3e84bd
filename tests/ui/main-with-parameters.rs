// `main` takes no parameters.
use prodguard::production_safe;

#[production_safe]
fn main(args: Vec<String>) {
    let _ = args;
}
