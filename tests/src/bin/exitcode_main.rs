//! `main` returning `ExitCode`: the body's tail expression is still the
//! exit status.

use std::process::ExitCode;

use prodguard::production_safe;

#[production_safe]
fn main() -> ExitCode {
    println!("BODY RAN");
    ExitCode::from(7)
}
