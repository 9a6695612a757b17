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

    #[test]
    fn validity() {
        assert!(is_valid("sosiale-tenester"));
        assert!(is_valid("4-21"));
        for bad in ["Hå", "a b", "..", "", "-a", "Klepp", "a_b"] {
            assert!(!is_valid(bad), "{bad}");
        }
    }
}
