//! Words as search sees them, the same on both sides: here when the index
//! is made, and in the theme's `static/stem.js` when a reader types. A
//! word is a run of letters and digits with at least one letter, in lower
//! case; its stem is what Snowball's Norwegian stemmer (the one Pagefind
//! uses for both written standards) leaves of it, so "tenesta" and
//! "tenester" are both "tenest". tests/search.rs runs stem.js on every
//! word of the example site and compares.

use std::collections::HashMap;

/// The longest word searched, in letters. Nobody types a longer one, and
/// a run of letters without end (a pasted code) would otherwise make one
/// long shard key after another.
pub const LONGEST: usize = 64;

/// The words of `text`, in order, as written (`Stems::stem` lower-cases).
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().any(char::is_alphabetic) && w.chars().nth(LONGEST).is_none())
}

/// Stems words and numbers the stems: a plan repeats its words, so each
/// is stemmed once, and the index counts by number.
pub struct Stems {
    stemmer: pagefind_stem::Stemmer,
    /// Word as written → its stem's number.
    seen: HashMap<String, u32>,
    /// Stem → its number, and the stems by number.
    numbers: HashMap<String, u32>,
    pub stems: Vec<String>,
}

impl Default for Stems {
    fn default() -> Self {
        Stems {
            stemmer: pagefind_stem::Stemmer::create(pagefind_stem::Algorithm::Norwegian),
            seen: HashMap::new(),
            numbers: HashMap::new(),
            stems: Vec::new(),
        }
    }
}

impl Stems {
    /// The number of `word`'s stem (any case).
    pub fn number(&mut self, word: &str) -> u32 {
        if let Some(n) = self.seen.get(word) {
            return *n;
        }
        let stem = self.stemmer.stem(&word.to_lowercase()).into_owned();
        let n = match self.numbers.get(&stem) {
            Some(n) => *n,
            None => {
                let n = u32::try_from(self.stems.len()).unwrap_or(u32::MAX);
                self.numbers.insert(stem.clone(), n);
                self.stems.push(stem);
                n
            }
        };
        self.seen.insert(word.to_string(), n);
        n
    }

    /// The stem of `word` (any case).
    pub fn stem(&mut self, word: &str) -> &str {
        let n = self.number(word) as usize;
        &self.stems[n]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_share_a_stem_in_both_written_standards() {
        let mut s = Stems::default();
        for (a, b) in [
            ("tenesta", "tenester"),
            ("barnevernet", "barnevern"),
            ("Tjenestene", "tjenester"),
            ("kommunane", "kommunar"),
        ] {
            assert_eq!(s.stem(a).to_string(), s.stem(b), "{a} / {b}");
        }
    }

    #[test]
    fn words_need_a_letter() {
        let long = "å".repeat(LONGEST + 1);
        let text = format!("KOSTRA-tala 1 234,5 2024 k2 «Mål» {long} {}", &long[2..]);
        let w: Vec<_> = words(&text).collect();
        assert_eq!(w, ["KOSTRA", "tala", "k2", "Mål", &long[2..]]);
    }
}
