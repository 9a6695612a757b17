//! File sizes in messages, in the units the limits are set in.

/// `5.9 MiB`, `740 KiB`, `12 bytes`: binary units (the limits are powers of
/// 1024), one decimal, rounded up so that a size just over a limit never
/// reads as the limit itself ("5 MiB, too large (at most 5 MiB)").
pub fn describe(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * 1024;
    let (unit, size) = match bytes {
        b if b < KIB => return format!("{b} bytes"),
        b if b < MIB => ("KiB", KIB),
        _ => ("MiB", MIB),
    };
    // Tenths of the unit, rounded up, in integers (no float rounding).
    let tenths = (u128::from(bytes) * 10).div_ceil(u128::from(size));
    let whole = tenths / 10;
    match tenths % 10 {
        0 => format!("{whole} {unit}"),
        t => format!("{whole}.{t} {unit}"),
    }
}

#[cfg(test)]
mod tests {
    use super::describe;

    #[test]
    fn sizes_are_named_in_binary_units_and_never_rounded_down() {
        // Issue 11.30: a 5.9 MiB file was called "5 MB".
        assert_eq!(describe(6_186_598), "5.9 MiB");
        assert_eq!(describe(5 * 1024 * 1024), "5 MiB");
        assert_eq!(describe(5 * 1024 * 1024 + 1), "5.1 MiB");
        assert_eq!(describe(1024), "1 KiB");
        assert_eq!(describe(1536), "1.5 KiB");
        assert_eq!(describe(1000), "1000 bytes");
        assert_eq!(describe(0), "0 bytes");
    }
}
