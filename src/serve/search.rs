//! The preview's search index, made in the background after a rebuild has
//! been published and the browsers told to reload, so it never delays the
//! reload. Until it is ready the last index stays served (a search may find
//! the text as it was a moment ago). An index made while a newer rebuild
//! was published is thrown away; the newer rebuild asks for its own.

use super::rebuild::Live;
use super::Shared;
use crate::search;
use std::collections::HashMap;
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, RwLock};

/// What to index: the searched pages of the served site at one version.
#[derive(Debug, Clone)]
pub struct Job {
    /// The languages and the pages, in route order.
    pub pages: search::Pages,
    /// `Live::generation` when the pages were published.
    pub generation: u64,
}

/// The queue to the indexing thread. The thread ends when this is dropped
/// and its current index is done; the server does not wait for it.
pub struct Indexer {
    tx: Sender<Job>,
}

impl Indexer {
    /// Starts the thread that indexes what the served site shows.
    pub fn start(shared: Arc<Shared>) -> std::io::Result<Indexer> {
        let (tx, rx) = channel::<Job>();
        std::thread::Builder::new()
            .name("planvev-search".into())
            .spawn(move || {
                lower_priority();
                work(&rx, &shared.live)
            })?;
        Ok(Indexer { tx })
    }

    /// Asks for the index of the served site (returns at once).
    pub fn request(&self, job: Job) {
        // Fails only when the thread has ended, with the server.
        let _ = self.tx.send(job);
    }
}

/// Makes the calling thread give way to the others: on a machine with few
/// cores the index of a country (a second or two) would otherwise take a
/// core from the next save's rebuild, and the reload waits for it.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: gettid and setpriority take and return plain integers; on
    // Linux the priority of PRIO_PROCESS with a thread id is that thread's.
    unsafe {
        let tid = libc::gettid();
        libc::setpriority(libc::PRIO_PROCESS, tid as libc::id_t, 19);
    }
}

fn work(rx: &Receiver<Job>, live: &RwLock<Live>) {
    let mut docs = Docs::default();
    while let Ok(mut job) = rx.recv() {
        // Only the newest request matters.
        while let Ok(newer) = rx.try_recv() {
            job = newer;
        }
        run(&job, live, &mut docs);
    }
}

/// The served pages as search read them, with the bytes they were read
/// from. A rebuild hands out new bytes only for the pages it changed (an
/// edit: a few of a country's 10 000), so the others are not read again.
#[derive(Default)]
pub struct Docs(HashMap<String, (Arc<[u8]>, Arc<search::Doc>)>);

/// Indexes the pages of `job` as served now and publishes the index if the
/// served site is still the one asked about. Returns whether it did.
pub fn run(job: &Job, live: &RwLock<Live>, docs: &mut Docs) -> bool {
    let site = {
        let l = live.read().unwrap_or_else(|e| e.into_inner());
        if l.generation != job.generation {
            return false;
        }
        // Shared bytes: cheap to hold while indexing, without the lock.
        l.site.clone()
    };
    let mut now = Docs::default();
    let doc = |p: &str| {
        let bytes = site.files.get(p)?;
        let doc = match docs.0.get(p) {
            Some((read, doc)) if Arc::ptr_eq(read, bytes) => doc.clone(),
            _ => Arc::new(search::read_page(bytes)),
        };
        now.0.insert(p.to_string(), (bytes.clone(), doc.clone()));
        Some(doc)
    };
    let bundle = search::index_docs(&job.pages, doc);
    *docs = now;
    let mut l = live.write().unwrap_or_else(|e| e.into_inner());
    if l.generation != job.generation {
        return false;
    }
    l.site.files.retain(|k, _| !search::is_search_file(k));
    for (name, bytes) in bundle.files {
        l.site.files.insert(search::file_path(&name), bytes.into());
    }
    true
}
