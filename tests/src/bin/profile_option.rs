//! A framework profile in options: Laravel's names and rules, with the
//! app's key renamed as Laravel calls it.

use prodguard::production_safe;

#[production_safe(profile(laravel), rename(APP_KEY = "SHOP_KEY"), exit)]
fn main() {
    println!("BODY RAN");
}
