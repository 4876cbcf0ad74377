//! Mounts the khabar app. Everything else lives in the library.
#![forbid(unsafe_code)]

fn main() {
    khabar::start();
}
