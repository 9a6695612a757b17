//! Human-readable text: one string for every language, or a map by language.

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::fmt;

/// A language code as used in `lang`, `hreflang` and file names (`nn`, `nb`).
pub type Lang = String;

#[derive(Debug, Clone, PartialEq, Eq, schemars::JsonSchema)]
#[schemars(schema_with = "super::schema::text")]
pub enum Text {
    /// The same text in every language (names, sources, years).
    Plain(String),
    /// Text per language, in the order written.
    ByLang(Vec<(Lang, String)>),
}

/// Text chosen for one page's language.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Localized {
    pub text: String,
    /// Set when the text is in another language than the page (a fallback),
    /// so the page can mark it with `lang` and say so.
    pub fallback_lang: Option<Lang>,
}

impl Text {
    /// The text for `lang`; if missing, the first language in `order` that has
    /// it, marked as a fallback.
    pub fn get(&self, lang: &str, order: &[Lang]) -> Localized {
        match self {
            Text::Plain(s) => Localized {
                text: s.clone(),
                fallback_lang: None,
            },
            Text::ByLang(map) => {
                if let Some((_, s)) = map.iter().find(|(l, _)| l == lang) {
                    return Localized {
                        text: s.clone(),
                        fallback_lang: None,
                    };
                }
                let found = order
                    .iter()
                    .find_map(|o| map.iter().find(|(l, _)| l == o))
                    .or_else(|| map.first());
                match found {
                    Some((l, s)) => Localized {
                        text: s.clone(),
                        fallback_lang: Some(l.clone()),
                    },
                    None => Localized {
                        text: String::new(),
                        fallback_lang: None,
                    },
                }
            }
        }
    }

    /// The text in `lang` or its fallback, without the marking.
    pub fn plain(&self, lang: &str, order: &[Lang]) -> String {
        self.get(lang, order).text
    }

    /// Languages this text is missing in (always none for plain text).
    pub fn missing_in<'a>(&self, langs: &'a [Lang]) -> Vec<&'a Lang> {
        match self {
            Text::Plain(_) => vec![],
            Text::ByLang(map) => langs.iter().filter(|l| !map.iter().any(|(k, _)| k == *l)).collect(),
        }
    }

    pub fn langs(&self) -> Vec<&str> {
        match self {
            Text::Plain(_) => vec![],
            Text::ByLang(map) => map.iter().map(|(l, _)| l.as_str()).collect(),
        }
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TextVisitor)
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a text, or texts by language such as { nn: ..., nb: ... }")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
        Ok(Text::Plain(v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
        Ok(Text::Plain(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
        Ok(Text::Plain(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
        Ok(Text::Plain(v.to_string().replace('.', ",")))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Text, E> {
        Err(E::invalid_type(de::Unexpected::Bool(v), &self))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
        let mut out: Vec<(Lang, String)> = Vec::new();
        while let Some(lang) = map.next_key::<String>()? {
            // Checked before the value: a key indented one step too far
            // (`values:` under `label:`) lands here, and the key is the clue.
            if !is_lang_code(&lang) {
                return Err(de::Error::custom(format!(
                    "`{lang}` is not a language code; a text by language has keys such as nn and nb. If `{lang}` belongs beside this text, indent it less"
                )));
            }
            let text: Text = map.next_value()?;
            let Text::Plain(text) = text else {
                return Err(de::Error::custom(format!(
                    "the text for `{lang}` must be a plain text, not a list or another map"
                )));
            };
            out.push((lang, text));
        }
        Ok(Text::ByLang(out))
    }
}

/// A language code of two or three lowercase letters (ISO 639).
pub fn is_lang_code(s: &str) -> bool {
    (2..=3).contains(&s.len()) && s.chars().all(|c| c.is_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_back_in_site_order_and_marks_it() {
        let t = Text::ByLang(vec![("nb".into(), "Sosiale tjenester".into())]);
        let order = vec!["nn".to_string(), "nb".to_string()];
        let got = t.get("nn", &order);
        assert_eq!(got.text, "Sosiale tjenester");
        assert_eq!(got.fallback_lang.as_deref(), Some("nb"));
        assert_eq!(t.get("nb", &order).fallback_lang, None);
        assert_eq!(t.missing_in(&order), vec![&"nn".to_string()]);
    }
}
