//! What the `planvev` binary sets up for itself before it runs: its
//! allocator, the allocator's options, and its worker threads. Kept out of
//! the library (a library does not choose its users' allocator), and
//! included by the benchmark and probe examples too (`#[path]`), so that
//! what they measure is what the binary does.

/// mimalloc instead of glibc's malloc: page rendering allocates many small
/// strings on every thread, and glibc keeps each thread's freed memory in
/// its own arena, so a country's build held twice its heap (heaptrack: 420 MB
/// of heap at the peak, 1 GB resident).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `arena_eager_commit` option (`mi_option_e` in mimalloc.h;
/// the sys crate names only the older options).
#[cfg(target_os = "linux")]
const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;

/// Arenas committed as used instead of all at once: on Linux mimalloc
/// commits each 1 GiB arena eagerly, and the memory it frees there stays
/// resident. Without it a country's build peaks at 250 MB instead of
/// 290 MB, in the same time (3 runs each; issue #10's note). It is a
/// default: `MIMALLOC_ARENA_EAGER_COMMIT` in the environment still wins.
///
/// It runs from `.init_array`, before `main`: the Rust runtime allocates
/// before `main`, and that first allocation reserves the arena.
#[cfg(target_os = "linux")]
extern "C" fn allocator_defaults() {
    // SAFETY: sets one option's default value, before any thread exists
    // (mimalloc's option setters are not thread-safe); the option number
    // is in range, and an unknown one would be ignored.
    unsafe { libmimalloc_sys::mi_option_set_default(ARENA_EAGER_COMMIT, 0) }
}

#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static ALLOCATOR_DEFAULTS: extern "C" fn() = allocator_defaults;

/// Twice as many worker threads as cores, unless `RAYON_NUM_THREADS` says
/// otherwise. rust_xlsxwriter (0.102, the newest) starts a thread for each
/// worksheet and waits for it, and the worker that made the workbook waits
/// with it: on the country, 8 568 workbooks kept a worker waiting 2 s in all,
/// half of the 4 s they took (measured with each workbook's thread CPU
/// time against its wall time). A second worker per core renders pages
/// meanwhile (issue #10's note has the numbers).
pub(crate) fn worker_threads() {
    if std::env::var_os("RAYON_NUM_THREADS").is_some() {
        return;
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    // An error means a pool exists already: it is kept.
    let _ = rayon::ThreadPoolBuilder::new().num_threads(2 * cores).build_global();
}
