fn main() {
    std::process::exit(planvev::cli::main());
}
