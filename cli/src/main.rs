fn main() {
    eprintln!("bulletin: not yet built");
    std::process::exit(2);
}
