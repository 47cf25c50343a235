//! The browser entry point that Trunk builds.

fn main() {
    fujin_web::start();
}
