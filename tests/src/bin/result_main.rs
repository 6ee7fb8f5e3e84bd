//! `main` returning `Result`: the `?` in the body still works.

use prodguard::production_safe;

#[production_safe]
fn main() -> Result<(), std::num::ParseIntError> {
    let answer: u8 = "42".parse()?;
    println!("BODY RAN {answer}");
    Ok(())
}
