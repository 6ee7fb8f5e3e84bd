//! Other attributes, outer and inner, around `#[production_safe]` are kept
//! in order: the `allow`s below silence lints the body would raise.

// Both kinds on one fn are the point of this app.
#![allow(clippy::mixed_attributes_style)]

use prodguard::production_safe;

#[allow(unused_variables)]
#[production_safe]
#[allow(clippy::let_unit_value)]
fn main() {
    #![allow(unused_mut)]
    let mut unused = ();
    println!("BODY RAN");
}
