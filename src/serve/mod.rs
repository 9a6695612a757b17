//! `planvev serve`: builds the site into memory with the same pipeline as
//! `build`, serves it over HTTP and rebuilds when a file changes; the page
//! open in the browser reloads itself. A bad edit never stops the server:
//! the last good site stays served, with the errors over it.
//!
//! - `rebuild`: the full pipeline, or only what one service area feeds
//! - `watch`: file events → what to rebuild
//! - `http`: requests → files of the site in memory, refusals, types
//! - `live`: the reload event stream, the injected script, the overlay

pub mod http;
pub mod live;
pub mod rebuild;
pub mod search;
pub mod watch;
pub mod wire;

pub use rebuild::{Builder, Change, Live, Report};

use crate::diag::{Diagnostic, Diagnostics};
use std::net::{SocketAddr, TcpListener, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock, RwLockReadGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How a preview server is started.
#[derive(Debug, Clone)]
pub struct Options {
    pub content: PathBuf,
    /// The address to listen on (`127.0.0.1` unless told otherwise).
    pub bind: String,
    /// 0 for any free port. When a given port is taken, the next free one
    /// close to it is used.
    pub port: u16,
    /// Print what happens (the command does; tests and benchmarks do not).
    pub verbose: bool,
}

impl Options {
    pub fn new(content: impl Into<PathBuf>) -> Options {
        Options {
            content: content.into(),
            bind: "127.0.0.1".into(),
            port: 0,
            verbose: false,
        }
    }
}

/// What the request handlers and the rebuild thread share.
pub struct Shared {
    live: RwLock<Live>,
    clients: live::Clients,
    /// Listening on loopback only: then only requests addressed to this
    /// computer by name are answered, so a web page elsewhere cannot reach
    /// the preview through a DNS name that points to 127.0.0.1 (DNS rebinding).
    pub(crate) loopback: bool,
}

impl Shared {
    pub fn live(&self) -> RwLockReadGuard<'_, Live> {
        self.live.read().unwrap_or_else(|e| e.into_inner())
    }
}

/// A running preview server.
pub struct Handle {
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: Arc<AtomicBool>,
    threads: Vec<JoinHandle<()>>,
    /// The title of the site (when it could be read) for the message.
    title: Option<String>,
}

impl Handle {
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The address to open in a browser.
    pub fn url(&self) -> String {
        let ip = self.addr.ip();
        let host = if ip.is_unspecified() {
            if ip.is_ipv4() {
                "127.0.0.1".to_string()
            } else {
                "[::1]".to_string()
            }
        } else if ip.is_ipv6() {
            format!("[{ip}]")
        } else {
            ip.to_string()
        };
        format!("http://{host}:{}/", self.addr.port())
    }

    /// The state being served (last good site, errors, version).
    pub fn live(&self) -> RwLockReadGuard<'_, Live> {
        self.shared.live()
    }

    /// Browsers listening for reloads.
    pub fn listeners(&self) -> usize {
        self.shared.clients.count()
    }

    /// Stops watching and serving, and ends the event streams.
    pub fn stop(mut self) {
        self.shutdown();
    }

    /// Serves until the process is asked to stop (Ctrl+C, SIGTERM), then
    /// stops at once: the event streams are ended properly and the process
    /// exits with 0. Without its own handler, a process that is PID 1 in a
    /// container would ignore SIGTERM.
    pub fn wait(mut self) {
        signals::install();
        while !signals::asked_to_stop() && self.threads.iter().all(|t| !t.is_finished()) {
            std::thread::sleep(Duration::from_millis(25));
        }
        self.shutdown();
    }

    fn shutdown(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // The accepting thread waits for a connection: give it one.
        let mut wake = self.addr;
        if wake.ip().is_unspecified() {
            wake.set_ip(if wake.is_ipv4() {
                std::net::Ipv4Addr::LOCALHOST.into()
            } else {
                std::net::Ipv6Addr::LOCALHOST.into()
            });
        }
        let _ = std::net::TcpStream::connect_timeout(&wake, Duration::from_secs(1));
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
        self.shared.clients.close_all();
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// SIGTERM and SIGINT as a flag that `Handle::wait` looks at.
mod signals {
    use std::sync::atomic::{AtomicBool, Ordering};

    static STOP: AtomicBool = AtomicBool::new(false);

    extern "C" fn on_signal(_: libc::c_int) {
        // Only an atomic store: safe in a signal handler.
        STOP.store(true, Ordering::SeqCst);
    }

    pub(crate) fn install() {
        let handler = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
        // SAFETY: the handler only stores to an atomic.
        unsafe {
            libc::signal(libc::SIGTERM, handler);
            libc::signal(libc::SIGINT, handler);
        }
    }

    pub(crate) fn asked_to_stop() -> bool {
        STOP.load(Ordering::SeqCst)
    }
}

/// Builds the site, starts watching and serving. The first build may fail:
/// the server starts all the same and shows the errors.
pub fn start(opts: &Options) -> Result<Handle, String> {
    let listener = bind(&opts.bind, opts.port, opts.verbose)?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;

    // Watch before the first build, so that nothing saved during it is lost.
    let mut watcher = watch::Watcher::new(&opts.content)?;
    let instance = format!(
        "{:x}",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0)
            ^ u128::from(std::process::id())
    );
    let shared = Arc::new(Shared {
        live: RwLock::new(Live {
            instance,
            ..Live::default()
        }),
        clients: live::Clients::default(),
        loopback: addr.ip().is_loopback(),
    });
    let mut builder = Builder::new(&opts.content);
    let first = builder.full(&shared.live);
    if opts.verbose {
        print_first(&first);
    }
    watcher.watch_themes();
    let indexer = search::Indexer::start(shared.clone()).map_err(|e| e.to_string())?;
    if let Some(job) = builder.search_job(&shared.live) {
        indexer.request(job);
    }
    let stop = Arc::new(AtomicBool::new(false));

    let serving = {
        let (shared, stop) = (shared.clone(), stop.clone());
        std::thread::Builder::new()
            .name("planvev-http".into())
            .spawn(move || serve_loop(listener, shared, stop))
            .map_err(|e| e.to_string())?
    };
    let rebuilding = {
        let (shared, stop, verbose) = (shared.clone(), stop.clone(), opts.verbose);
        std::thread::Builder::new()
            .name("planvev-watch".into())
            .spawn(move || watch_loop(watcher, Rebuilder { builder, indexer }, shared, stop, verbose))
            .map_err(|e| e.to_string())?
    };
    Ok(Handle {
        addr,
        shared,
        stop,
        threads: vec![serving, rebuilding],
        title: first.title,
    })
}

/// Listens on `bind:port`, or on a free port near it when it is taken.
fn bind(bind: &str, port: u16, verbose: bool) -> Result<TcpListener, String> {
    let addrs: Vec<SocketAddr> = (bind, 0)
        .to_socket_addrs()
        .map_err(|e| format!("`{bind}` is not an address to listen on: {e}"))?
        .collect();
    let Some(ip) = addrs.first().map(|a| a.ip()) else {
        return Err(format!("`{bind}` is not an address to listen on"));
    };
    let mut last_err = None;
    let tries = std::iter::once(port)
        .chain((1..=10).map(|i| port.saturating_add(i)).filter(|_| port != 0))
        .chain(std::iter::once(0));
    for p in tries {
        match TcpListener::bind((ip, p)) {
            Ok(l) => {
                if verbose && p != port {
                    let got = l.local_addr().map(|a| a.port()).unwrap_or(p);
                    println!("Port {port} is in use; using {got}.");
                }
                return Ok(l);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => last_err = Some(e),
            Err(e) => return Err(format!("cannot listen on {ip}:{p}: {e}")),
        }
    }
    Err(format!(
        "cannot listen on {ip}: {}",
        last_err.map(|e| e.to_string()).unwrap_or_default()
    ))
}

fn serve_loop(listener: TcpListener, shared: Arc<Shared>, stop: Arc<AtomicBool>) {
    for conn in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            return;
        }
        let Ok(stream) = conn else {
            // Out of file descriptors and the like: let it pass.
            std::thread::sleep(Duration::from_millis(10));
            continue;
        };
        let shared = shared.clone();
        // One thread per connection: a slow browser never holds up another.
        let spawned = std::thread::Builder::new()
            .name("planvev-request".into())
            .spawn(move || {
                if let Ok(rq) = wire::read_request(stream) {
                    http::handle(rq, &shared);
                }
            });
        if spawned.is_err() {
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

/// The rebuilding side of the server: the builder, and the search indexer
/// that follows each rebuild in the background.
struct Rebuilder {
    builder: Builder,
    indexer: search::Indexer,
}

/// Waits for file events, rebuilds, tells the browsers, then has the search
/// index made again.
fn watch_loop(
    mut watcher: watch::Watcher,
    Rebuilder { mut builder, indexer }: Rebuilder,
    shared: Arc<Shared>,
    stop: Arc<AtomicBool>,
    verbose: bool,
) {
    let mut last_ping = Instant::now();
    let mut had_errors = !shared.live().errors.is_empty();
    // Events that came while the last rebuild ran, taken to see whether
    // there were any (the channel cannot be peeked).
    let mut pending = None;
    while !stop.load(Ordering::SeqCst) {
        let next = match pending.take() {
            Some(r) => Ok(r),
            None => watcher.events.recv_timeout(Duration::from_millis(100)),
        };
        let first = match next {
            Ok(r) => Some(r),
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                if last_ping.elapsed() > Duration::from_secs(15) {
                    shared.clients.ping();
                    last_ping = Instant::now();
                }
                None
            }
            Err(_) => return,
        };
        // Everything that queued up while the last rebuild ran is one change;
        // a content folder removed or put back is a change of everything.
        let mut change = watcher.root_replaced().then_some(Change::Full);
        if first.is_none() && change.is_none() {
            continue;
        }
        let note = |r: notify_debouncer_full::DebounceEventResult, change: &mut Option<Change>| {
            let c = match r {
                Ok(events) => watcher.classify(&events),
                Err(errors) => {
                    if verbose {
                        for e in errors {
                            eprintln!("warning: file watching: {e}");
                        }
                    }
                    Some(Change::Full)
                }
            };
            if let Some(c) = c {
                *change = Some(match change.take() {
                    Some(o) => o.merge(c),
                    None => c,
                });
            }
        };
        if let Some(first) = first {
            note(first, &mut change);
        }
        while let Ok(more) = watcher.events.try_recv() {
            note(more, &mut change);
        }
        let Some(change) = change else { continue };
        let mut report = builder.rebuild(&change, &shared.live);
        if report.changed {
            let tag = shared.live().tag();
            shared.clients.broadcast("reload", &tag);
        }
        // The link check reads every text of the site (tens of ms on a
        // country) and only warns: when the editor has saved again
        // meanwhile, that save is rebuilt first, and the check runs after it.
        pending = watcher.events.try_recv().ok();
        if pending.is_none() {
            let before = shared.live().generation;
            builder.finish(&mut report, &shared.live);
            if shared.live().generation != before {
                let tag = shared.live().tag();
                shared.clients.broadcast("reload", &tag);
            }
        }
        if report.changed {
            if let Some(job) = builder.search_job(&shared.live) {
                indexer.request(job);
            }
        }
        if report.full {
            watcher.watch_themes();
        }
        if verbose {
            print_report(&change, &report, had_errors);
            had_errors = !report.errors.is_empty();
        }
    }
}

fn errors_text(errors: &[Diagnostic]) -> String {
    Diagnostics { items: errors.to_vec() }.render_all()
}

fn print_first(r: &Report) {
    if r.errors.is_empty() {
        println!("Built {} pages in {} ms.", r.pages, r.elapsed.as_millis());
        if r.warnings > 0 {
            println!(
                "{} — run `planvev check` to see them.",
                crate::diag::summary(0, r.warnings)
            );
        }
    } else {
        eprint!("{}", errors_text(&r.errors));
        eprintln!("The site has errors; the preview shows them over every page until they are fixed.");
    }
}

/// One line per rebuild that changed something; the errors in full when
/// they change. `had_errors`: whether the last report had errors.
fn print_report(change: &Change, r: &Report, had_errors: bool) {
    if !r.changed {
        return;
    }
    let what = match change {
        Change::Full => "the site".to_string(),
        Change::Areas(set) => set
            .iter()
            .map(|(m, a)| format!("{m}/{a}"))
            .collect::<Vec<_>>()
            .join(", "),
    };
    let ms = r.elapsed.as_millis();
    if !r.errors.is_empty() {
        eprint!("{}", errors_text(&r.errors));
        eprintln!("Still serving the last good version, with the errors shown over it.");
    } else {
        let fixed = if had_errors { " The errors are fixed." } else { "" };
        println!("Rebuilt {what}: {} pages in {ms} ms.{fixed}", r.pages);
    }
}

/// Opens `url` in the default browser.
fn open_browser(url: &str) {
    use std::process::{Command, Stdio};
    let mut cmd = if cfg!(target_os = "macos") {
        let mut c = Command::new("open");
        c.arg(url);
        c
    } else if cfg!(windows) {
        let mut c = Command::new("cmd");
        c.args(["/C", "start", "", url]);
        c
    } else {
        let mut c = Command::new("xdg-open");
        c.arg(url);
        c
    };
    let spawned = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    if spawned.is_err() {
        eprintln!("Could not open a browser; open {url} yourself.");
    }
}

/// `planvev serve`.
pub fn run(content: &Path, port: u16, bind: &str, open: bool) -> i32 {
    let opts = Options {
        content: content.to_path_buf(),
        bind: bind.to_string(),
        port,
        verbose: true,
    };
    if !content.is_dir() {
        eprintln!("error: the content folder {} does not exist", content.display());
        eprintln!("  = hint: run planvev in the folder that holds content/, give --content DIR, or make a new site with `planvev init DIR`");
        return 1;
    }
    let handle = match start(&opts) {
        Ok(h) => h,
        Err(e) => {
            eprintln!("error: {e}");
            return 1;
        }
    };
    let url = handle.url();
    let title = handle.title.clone().unwrap_or_else(|| "the site".into());
    println!("Serving {title} at {url} (Ctrl+C to stop)");
    if handle.addr().ip().is_unspecified() {
        println!(
            "Listening on every network interface ({}); others on the network can see the preview.",
            handle.addr()
        );
    }
    if open {
        open_browser(&url);
    }
    handle.wait();
    0
}
