//! The `planvev` command: the library's CLI, with the binary's own
//! allocator and worker threads (`runtime`).

mod runtime;

fn main() {
    runtime::worker_threads();
    std::process::exit(planvev::cli::main());
}
