//! URL slugs from folder names and ids.

/// A slug is lowercase ASCII letters, digits and `-`, not starting or ending
/// with `-`.
pub fn is_valid(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// The valid slug closest to a name: `Hå` → `ha`, `Sosiale tenester` →
/// `sosiale-tenester`, `Bø i Telemark` → `bo-i-telemark`.
pub fn propose(name: &str) -> String {
    let mut out = String::new();
    for ch in name.chars().flat_map(char::to_lowercase) {
        let mapped: &str = match ch {
            'æ' => "ae",
            'ø' | 'ö' | 'ó' | 'ò' | 'ô' => "o",
            'å' | 'ä' | 'á' | 'à' | 'â' => "a",
            'é' | 'è' | 'ê' | 'ë' => "e",
            'ü' | 'ú' => "u",
            'í' | 'ï' => "i",
            'č' => "c",
            'š' => "s",
            'ž' => "z",
            'đ' => "d",
            'ŋ' => "n",
            'ŧ' => "t",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            // A name in decomposed form (NFD, as macOS writes `Hå`): the
            // accent is a mark of its own, dropped like the precomposed one.
            '\u{300}'..='\u{36f}' => continue,
            _ => "-",
        };
        out.push_str(mapped);
    }
    let collapsed: Vec<&str> = out.split('-').filter(|p| !p.is_empty()).collect();
    let s = collapsed.join("-");
    if s.is_empty() {
        "side".to_string()
    } else {
        s
    }
}

/// The proposal for the bad name `name` among the names beside it: never a
/// name that is already there, nor the proposal made for another bad name
/// beside it (`Hå` in NFC and in NFD both become `ha`; `Testvik` beside
/// `testvik`), so following every hint never makes two folders one.
pub fn propose_among(name: &str, beside: &[String]) -> String {
    let mut taken: std::collections::BTreeSet<String> = beside.iter().filter(|s| is_valid(s)).cloned().collect();
    let mut bad: Vec<&str> = beside.iter().map(String::as_str).filter(|s| !is_valid(s)).collect();
    if !bad.contains(&name) {
        bad.push(name);
    }
    bad.sort_unstable();
    bad.dedup();
    let mut mine = propose(name);
    for b in bad {
        let base = propose(b);
        let free = (1..)
            .map(|n| if n == 1 { base.clone() } else { format!("{base}-{n}") })
            .find(|c| !taken.contains(c))
            .unwrap_or(base);
        taken.insert(free.clone());
        if b == name {
            mine = free;
        }
    }
    mine
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proposals() {
        assert_eq!(propose("Hå"), "ha");
        assert_eq!(propose("Sosiale tenester"), "sosiale-tenester");
        assert_eq!(propose("Bø i Telemark"), "bo-i-telemark");
        assert_eq!(propose(".."), "side");
        assert_eq!(propose("Nav-kontorene"), "nav-kontorene");
        assert_eq!(propose("Kárášjohka"), "karasjohka");
    }

    /// Issue 11.30: the hint proposed a name that already existed.
    #[test]
    fn proposals_never_take_a_name_that_is_there() {
        let nfc = "Hå".to_string();
        let nfd = "Ha\u{30a}".to_string();
        assert_eq!(propose(&nfd), "ha");
        assert_eq!(propose("Ha\u{30a}land"), "haland");
        let beside = vec![nfc.clone(), nfd.clone()];
        let (a, b) = (propose_among(&nfc, &beside), propose_among(&nfd, &beside));
        assert_ne!(a, b, "two folders, two names");
        assert!([&a, &b].iter().all(|p| is_valid(p)));
        let beside = vec!["Testvik".to_string(), "testvik".to_string()];
        assert_eq!(propose_among("Testvik", &beside), "testvik-2");
        assert_eq!(propose_among("Sosiale tenester", &[]), "sosiale-tenester");
        // A name listed twice (Mål.nn.md and Mål.nb.md) is one name.
        let beside = vec!["Mål".to_string(), "Mål".to_string(), "mal".to_string()];
        assert_eq!(propose_among("Mål", &beside), "mal-2");
    }

    #[test]
    fn validity() {
        assert!(is_valid("sosiale-tenester"));
        assert!(is_valid("4-21"));
        for bad in ["Hå", "a b", "..", "", "-a", "Klepp", "a_b"] {
            assert!(!is_valid(bad), "{bad}");
        }
    }
}
