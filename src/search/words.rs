//! Words as search sees them, the same on both sides: here when the index
//! is made, and in the theme's `static/stem.js` when a reader types. A
//! word is a run of letters and digits with at least one letter, in lower
//! case; its stem is what Snowball's Norwegian stemmer (the one Pagefind
//! uses for both written standards) leaves of it, so "tenesta" and
//! "tenester" are both "tenest". tests/search.rs runs stem.js on every
//! word of the example site and compares.

// Words are looked up once per occurrence: a fast hash (foldhash, which
// hashbrown already builds) instead of SipHash, whose protection against
// chosen keys a build of the editor's own files does not need.
use foldhash::HashMap;

/// The longest word searched, in letters. Nobody types a longer one, and
/// a run of letters without end (a pasted code) would otherwise make one
/// long shard key after another.
pub const LONGEST: usize = 64;

/// The words of `text`, in order, as written (`Stems::stem` lower-cases):
/// the runs of `char::is_alphanumeric` characters that hold a letter and
/// are at most `LONGEST` long. One pass, a byte at a time where the text
/// is ASCII: a country's pages are 100 MB of text, and splitting it char
/// by char, then reading each word twice more for its letters and length,
/// was a sixth of the index's time.
pub fn words(text: &str) -> Words<'_> {
    Words { text, at: 0 }
}

/// The iterator `words` gives.
pub struct Words<'a> {
    text: &'a str,
    /// Where the next word is looked for.
    at: usize,
}

/// The character at byte `i` of `s` (a character boundary), and its length.
fn char_at(s: &str, i: usize) -> (char, usize) {
    match s.as_bytes()[i] {
        b if b.is_ascii() => (char::from(b), 1),
        _ => {
            let c = s[i..].chars().next().unwrap_or_default();
            (c, c.len_utf8())
        }
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let s = self.text;
        let mut i = self.at;
        while i < s.len() {
            let (c, len) = char_at(s, i);
            if !c.is_alphanumeric() {
                i += len;
                continue;
            }
            let start = i;
            let (mut letter, mut chars) = (false, 0);
            while i < s.len() {
                let (c, len) = char_at(s, i);
                if !c.is_alphanumeric() {
                    break;
                }
                letter |= c.is_alphabetic();
                chars += 1;
                i += len;
            }
            if letter && chars <= LONGEST {
                self.at = i;
                return Some(&s[start..i]);
            }
        }
        self.at = s.len();
        None
    }
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
            seen: HashMap::default(),
            numbers: HashMap::default(),
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

    /// The definition `words` implements, written the plain way.
    fn by_definition(text: &str) -> Vec<&str> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().any(char::is_alphabetic) && w.chars().nth(LONGEST).is_none())
            .collect()
    }

    #[test]
    fn words_are_the_runs_of_letters_and_digits_with_a_letter() {
        let long = "ø".repeat(LONGEST);
        for text in [
            "",
            " ",
            "KOSTRA-tala 1 234,5 2024",
            "«Mål» — 3,2 %\u{a0}av 12\u{2009}345 innbyggjarar; k2, 2b, ½ og Ⅻ",
            "Ærlege æøå ÆØÅ ǅ ß ﬁ ٣٤ abc٣",
            &format!("{long} {long}a a{long} x"),
            "tenest<em>a</em> &amp; \u{301}e e\u{301}",
        ] {
            assert_eq!(words(text).collect::<Vec<_>>(), by_definition(text), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn words_are_as_defined_for_any_text(text in "\\PC{0,200}") {
            proptest::prop_assert_eq!(words(&text).collect::<Vec<_>>(), by_definition(&text));
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
