//! `planvev serve` (being written).

pub fn run(_content: &std::path::Path, _port: u16, _bind: &str, _open: bool) -> i32 {
    eprintln!("serve is not available yet");
    2
}
