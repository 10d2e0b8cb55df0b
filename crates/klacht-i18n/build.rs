//! The catalogue is read in at build time: a changed or added `.ftl` file must rebuild the crate.
fn main() {
    println!("cargo:rerun-if-changed=locales");
    println!("cargo:rerun-if-changed=locales-informal");
}
