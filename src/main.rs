/// mimalloc instead of glibc's malloc: page rendering allocates many small
/// strings on every thread, and glibc keeps each thread's freed memory in
/// its own arena, so a country's build held twice its heap (heaptrack: 420 MB
/// of heap at the peak, 1 GB resident).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(planvev::cli::main());
}
