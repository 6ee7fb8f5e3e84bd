//! `crate = "…"`: the attribute with prodguard known by another name, as a
//! renamed dependency (`guard = { package = "prodguard", … }`) makes it;
//! here the name comes from `extern crate … as`, since one package cannot
//! depend on one crate twice. Its options' expansion names the crate.

extern crate prodguard as renamed_guard;

#[renamed_guard::production_safe(crate = "renamed_guard", allow(database_host_local), quiet)]
fn main() {
    println!("BODY RAN");
}
