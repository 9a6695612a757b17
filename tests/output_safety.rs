//! `build` writes only into folders it made itself, and replaces a site
//! only with a complete new one.

mod common;
use common::*;
use std::fs;
use std::path::Path;
use std::process::Command;

fn small_site() -> (tempfile::TempDir, std::path::PathBuf) {
    site(&[
        ("site.yaml", SITE_YAML),
        ("testvik/municipality.yaml", MUNI_YAML),
        ("testvik/omrade/data.yaml", "title: { nn: Område, nb: Område }\n"),
        ("testvik/omrade/index.nn.md", "## Status\n\nTekst.\n"),
    ])
}

#[test]
fn refuses_the_content_folder_itself_and_the_folder_holding_it() {
    let (tmp, content) = small_site();
    let before = snapshot(tmp.path());
    for out in [content.clone(), tmp.path().to_path_buf(), content.join("testvik")] {
        let o = build_into(&content, &out);
        assert_eq!(o.status.code(), Some(1), "{}", text(&o));
        assert!(text(&o).contains("will not write the site here"), "{}", text(&o));
    }
    assert_eq!(before, snapshot(tmp.path()), "nothing touched");
}

#[test]
fn refuses_dot_and_home_and_a_folder_of_someones_files() {
    let (tmp, content) = small_site();
    // `--output .` in a folder with someone's files.
    let work = tmp.path().join("work");
    fs::create_dir_all(&work).unwrap();
    fs::write(work.join("budsjett.xlsx"), b"not ours").unwrap();
    let run = |dir: &Path, out: &str, home: &Path| {
        Command::new(env!("CARGO_BIN_EXE_planvev"))
            .current_dir(dir)
            .env("HOME", home)
            .args(["build", "--content", content.to_str().unwrap(), "--output", out])
            .output()
            .unwrap()
    };
    let o = run(&work, ".", tmp.path());
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("did not write"), "{}", text(&o));
    // The home folder, even when empty of files planvev knows.
    let home = tmp.path().join("home");
    fs::create_dir_all(&home).unwrap();
    let o = run(&work, home.to_str().unwrap(), &home);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("home folder"), "{}", text(&o));
    assert_eq!(fs::read(work.join("budsjett.xlsx")).unwrap(), b"not ours");
    assert_eq!(fs::read_dir(&home).unwrap().count(), 0);
}

#[test]
fn rebuilds_its_own_folder_and_an_empty_one() {
    let (tmp, content) = small_site();
    let out = tmp.path().join("empty");
    fs::create_dir_all(&out).unwrap();
    assert!(build_into(&content, &out).status.success());
    assert!(out.join(".planvev-output").is_file(), "marker left");
    fs::write(out.join("stale.html"), "old").unwrap();
    assert!(
        build_into(&content, &out).status.success(),
        "its own folder is replaced"
    );
    assert!(
        !out.join("stale.html").exists(),
        "the new site replaces the old one whole"
    );
    assert!(out.join("nn/testvik/omrade/index.html").is_file());
    // No staging folders are left beside it.
    let leftovers: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("planvev-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn a_rebuild_reuses_unchanged_files_and_writes_changed_ones() {
    let (tmp, content) = small_site();
    let out = tmp.path().join("output");
    assert!(build_into(&content, &out).status.success());
    let page = out.join("nn/testvik/omrade/index.html");
    let front = out.join("nn/index.html");
    let front_before = fs::read(&front).unwrap();
    fs::write(content.join("testvik/omrade/index.nn.md"), "## Status\n\nNy tekst.\n").unwrap();
    assert!(build_into(&content, &out).status.success());
    assert!(
        fs::read_to_string(&page).unwrap().contains("Ny tekst."),
        "the changed page is new"
    );
    assert_eq!(
        fs::read(&front).unwrap(),
        front_before,
        "the unchanged page is the same"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Unchanged files are linked from the last build, so only one name
        // is left once the old site is removed.
        assert_eq!(fs::metadata(&front).unwrap().nlink(), 1);
    }
}

#[test]
fn leftovers_of_a_killed_build_are_cleared_but_nothing_else() {
    let (tmp, content) = small_site();
    let out = tmp.path().join("output");
    let stale = tmp.path().join(".output.planvev-new-99999");
    fs::create_dir_all(stale.join("nn")).unwrap();
    fs::write(stale.join(".planvev-output"), "").unwrap();
    let theirs = tmp.path().join(".output.planvev-new-mine");
    fs::create_dir_all(&theirs).unwrap();
    fs::write(theirs.join("notes.txt"), "not planvev's").unwrap();
    assert!(build_into(&content, &out).status.success());
    assert!(!stale.exists(), "a half-written site from a killed build is removed");
    assert!(
        theirs.join("notes.txt").is_file(),
        "a folder without the marker is left alone"
    );
}

fn leftovers_beside(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("planvev-new") || n.contains("planvev-old"))
        .collect();
    v.sort();
    v
}

/// Issue 11.1: a FIFO, a socket or a device node given as --output was
/// deleted and replaced by the site. Everything that exists and is not a
/// folder is refused and left as it was.
#[cfg(unix)]
#[test]
fn refuses_every_existing_path_that_is_not_a_folder() {
    use std::os::unix::fs::FileTypeExt;
    let (tmp, content) = small_site();
    let fifo = tmp.path().join("pipe");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let socket = tmp.path().join("sock");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let mut cases = vec![(fifo.clone(), "named pipe"), (socket.clone(), "socket")];
    // A device node of our own (root in CI containers can make one): what
    // `--output /dev/null` would have destroyed.
    let device = tmp.path().join("null");
    let made = Command::new("mknod").arg(&device).args(["c", "1", "3"]).status();
    if made.is_ok_and(|s| s.success()) {
        cases.push((device.clone(), "a device"));
        let link = tmp.path().join("link-to-device");
        std::os::unix::fs::symlink(&device, &link).unwrap();
        cases.push((link, "a link to a device"));
    }
    for (out, kind) in &cases {
        let o = build_into(&content, out);
        assert_eq!(o.status.code(), Some(1), "{}", text(&o));
        assert!(text(&o).contains("will not write the site here"), "{}", text(&o));
        assert!(text(&o).contains(kind), "{kind}: {}", text(&o));
    }
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    assert!(fs::symlink_metadata(&socket).unwrap().file_type().is_socket());
    if device.exists() {
        assert!(fs::symlink_metadata(&device).unwrap().file_type().is_char_device());
    }
    assert!(leftovers_beside(tmp.path()).is_empty());
}

/// Issue 11.6: --output that is a link to an earlier output is followed: the
/// folder it points to gets the new site, the link stays a link. A link to
/// nothing is refused.
#[cfg(unix)]
#[test]
fn an_output_link_is_followed_and_kept() {
    let (tmp, content) = small_site();
    let real = tmp.path().join("site-v1");
    assert!(build_into(&content, &real).status.success());
    let link = tmp.path().join("web");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    fs::write(content.join("testvik/omrade/index.nn.md"), "## Status\n\nNy tekst.\n").unwrap();
    let o = build_into(&content, &link);
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        fs::symlink_metadata(&link).unwrap().file_type().is_symlink(),
        "the link is kept"
    );
    let page = fs::read_to_string(real.join("nn/testvik/omrade/index.html")).unwrap();
    assert!(page.contains("Ny tekst."), "the folder it points to has the new site");
    assert!(leftovers_beside(tmp.path()).is_empty());
    let dangling = tmp.path().join("dangling");
    std::os::unix::fs::symlink(tmp.path().join("nowhere"), &dangling).unwrap();
    let o = build_into(&content, &dangling);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("does not exist"), "{}", text(&o));
    assert!(!tmp.path().join("nowhere").exists());
}

/// Runs `planvev ARGS` as an ordinary user (uid 1000 in a user namespace
/// when the tests run as root, who may write anywhere). None when that is
/// not possible here.
#[cfg(unix)]
fn as_ordinary_user(args: &[&str]) -> Option<std::process::Output> {
    let root = fs::metadata("/proc/self").map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0);
    if !root.unwrap_or(false) {
        return Some(planvev(args));
    }
    let o = Command::new("unshare")
        .args(["--user", "--map-user=1000", "--map-group=1000"])
        .arg(env!("CARGO_BIN_EXE_planvev"))
        .args(args)
        .output()
        .ok()?;
    let t = text(&o);
    (!t.contains("unshare:")).then_some(o)
}

/// Issue 11.5: a read-only output folder (mode 555) was swapped out and left
/// as an undeletable `.out.planvev-old-PID`. It is refused before anything
/// changes, naming the folder.
#[cfg(unix)]
#[test]
fn a_read_only_output_is_refused_and_left_as_it_was() {
    use std::os::unix::fs::PermissionsExt;
    let (tmp, content) = small_site();
    let out = tmp.path().join("out");
    assert!(build_into(&content, &out).status.success());
    let before = snapshot(&out);
    for ro in [out.clone(), out.join("nn")] {
        fs::set_permissions(&ro, fs::Permissions::from_mode(0o555)).unwrap();
        let args = [
            "build",
            "--content",
            content.to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
        ];
        let Some(o) = as_ordinary_user(&args) else {
            eprintln!("skipped: cannot run as an ordinary user here");
            return;
        };
        fs::set_permissions(&ro, fs::Permissions::from_mode(0o755)).unwrap();
        assert_eq!(o.status.code(), Some(1), "{}", text(&o));
        assert!(text(&o).contains("read-only"), "{}", text(&o));
        assert!(text(&o).contains(ro.to_str().unwrap()), "{}", text(&o));
        assert_eq!(before, snapshot(&out), "the old site is untouched");
        assert!(
            leftovers_beside(tmp.path()).is_empty(),
            "{:?}",
            leftovers_beside(tmp.path())
        );
    }
}

/// Issue 11.4: two builds into one folder at once. The second waits for the
/// first (a lock on the folder) and says so, then builds. Here the "first
/// build" is this test holding the lock, so the wait is certain.
#[test]
fn a_second_build_waits_for_the_first_and_says_so() {
    use std::io::{BufRead, BufReader};
    let (tmp, content) = small_site();
    let out = tmp.path().join("out");
    assert!(build_into(&content, &out).status.success());
    let held = fs::File::open(&out).unwrap();
    held.lock().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_planvev"))
        .args([
            "build",
            "--content",
            content.to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(line.contains("Another planvev build is writing to"), "{line:?}");
    assert!(child.try_wait().unwrap().is_none(), "it waits while the lock is held");
    drop(held);
    assert!(child.wait().unwrap().success());
    assert!(out.join("nn/testvik/omrade/index.html").is_file());
    assert!(leftovers_beside(tmp.path()).is_empty());
}

/// Issue 11.4, as it happened: several builds started together all succeed
/// and leave one whole site and no leftovers.
#[test]
fn builds_started_together_all_succeed() {
    let (tmp, content) = small_site();
    let out = tmp.path().join("out");
    let children: Vec<_> = (0..4)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_planvev"))
                .args([
                    "build",
                    "--content",
                    content.to_str().unwrap(),
                    "--output",
                    out.to_str().unwrap(),
                ])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let o = c.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", text(&o));
    }
    assert!(out.join("nn/testvik/omrade/index.html").is_file());
    assert!(
        leftovers_beside(tmp.path()).is_empty(),
        "{:?}",
        leftovers_beside(tmp.path())
    );
}

/// Issue 11.2: an output folder that is a mount point (a volume) cannot be
/// renamed ("Device or resource busy"). The site is written in place: twice,
/// so the second build replaces the first. Mounted in a private mount
/// namespace: a tmpfs (another device) and a bind mount of a folder on the
/// same file system (which only rename tells apart).
#[cfg(target_os = "linux")]
#[test]
fn builds_into_a_mount_point_in_place() {
    let (tmp, content) = small_site();
    let bin = env!("CARGO_BIN_EXE_planvev");
    let src = tmp.path().join("bind-source");
    fs::create_dir_all(&src).unwrap();
    for (kind, mount) in [
        ("tmpfs", "mount -t tmpfs none \"$OUT\""),
        ("bind", "mount --bind \"$SRC\" \"$OUT\""),
    ] {
        let out = tmp.path().join(format!("vol-{kind}"));
        let copy = tmp.path().join(format!("copy-{kind}"));
        fs::create_dir_all(&out).unwrap();
        fs::create_dir_all(&copy).unwrap();
        let script = format!(
            "set -e; {mount}; \"$BIN\" build --content \"$C\" --output \"$OUT\"; \
             echo stale > \"$OUT/stale.html\"; \
             \"$BIN\" build --content \"$C\" --output \"$OUT\"; cp -a \"$OUT/.\" \"$COPY/\""
        );
        let o = Command::new("unshare")
            .args(["-rm", "sh", "-c", &script])
            .env("BIN", bin)
            .env("C", &content)
            .env("OUT", &out)
            .env("SRC", &src)
            .env("COPY", &copy)
            .output();
        let Ok(o) = o else {
            eprintln!("skipped: no unshare here");
            return;
        };
        if text(&o).contains("unshare:") || text(&o).contains("mount:") {
            eprintln!("skipped: cannot mount here: {}", text(&o));
            return;
        }
        assert!(o.status.success(), "{kind}: {}", text(&o));
        assert!(copy.join("nn/testvik/omrade/index.html").is_file(), "{kind}");
        assert!(copy.join(".planvev-output").is_file(), "{kind}");
        assert!(
            !copy.join("stale.html").exists(),
            "{kind}: the old site is replaced whole"
        );
        assert!(
            leftovers_beside(&copy).is_empty(),
            "{kind}: {:?}",
            leftovers_beside(&copy)
        );
        assert!(
            leftovers_beside(tmp.path()).is_empty(),
            "{kind}: {:?}",
            leftovers_beside(tmp.path())
        );
    }
}

/// The kill test, short (scripts/kill-test.sh runs it 100 times on a large
/// site): a build killed at any moment leaves the old site or the new one,
/// byte for byte, and the next complete build leaves no hidden folder.
#[cfg(unix)]
#[test]
fn a_killed_build_leaves_the_old_or_the_new_site() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    let b = tmp.path().join("b");
    for (from, to) in [(example_content(), &a), (example_content(), &b)] {
        for e in walkdir::WalkDir::new(&from).into_iter().filter_map(|e| e.ok()) {
            let dest = to.join(e.path().strip_prefix(&from).unwrap());
            if e.file_type().is_dir() {
                fs::create_dir_all(&dest).unwrap();
            } else {
                fs::copy(e.path(), &dest).unwrap();
            }
        }
    }
    let md = b.join("klepp/sosiale-tenester/index.nn.md");
    let text = fs::read_to_string(&md).unwrap();
    fs::write(&md, format!("{text}\nEin ny avsnitt.\n")).unwrap();
    let reference = |content: &Path, name: &str| {
        let out = tmp.path().join(name);
        assert!(build_into(content, &out).status.success());
        snapshot(&out)
    };
    let sites = [reference(&a, "ref-a"), reference(&b, "ref-b")];
    assert_ne!(sites[0], sites[1]);
    let out = tmp.path().join("web/out");
    assert!(build_into(&a, &out).status.success());
    let mut current = 0;
    // Kill moments spread from the start of a build past its end.
    for (i, ms) in [0u64, 5, 15, 30, 60, 120, 250, 500].into_iter().enumerate() {
        let next = 1 - current;
        let content = if next == 0 { &a } else { &b };
        let mut child = Command::new(env!("CARGO_BIN_EXE_planvev"))
            .args([
                "build",
                "--content",
                content.to_str().unwrap(),
                "--output",
                out.to_str().unwrap(),
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(ms));
        let _ = child.kill();
        let _ = child.wait();
        let now = snapshot(&out);
        if now == sites[next] {
            current = next;
        } else {
            assert!(
                now == sites[current],
                "kill {i} after {ms} ms: neither the old nor the new site"
            );
        }
    }
    let content = if current == 0 { &a } else { &b };
    assert!(build_into(content, &out).status.success());
    assert!(leftovers_beside(tmp.path().join("web").as_path()).is_empty());
}
