// planvev default theme: words and stems as planvev's index has them
// (src/search/words.rs). A word is a run of letters and digits with at
// least one letter; its stem is what Snowball's Norwegian stemmer (version
// 3, the one the index was made with) leaves of it in lower case.
// tests/search.rs runs this file on every word of the example site and
// compares it with planvev's stems.

const WORD = /[\p{Alphabetic}\p{N}]+/gu;
const LETTER = /\p{Alphabetic}/u;

// The longest word searched, in letters (src/search/words.rs: LONGEST).
const LONGEST = 64;

/** The words of `text` with where they are: [{ word, start, end }]. */
export function words(text) {
  const out = [];
  for (const m of text.matchAll(WORD)) {
    if (LETTER.test(m[0]) && [...m[0]].length <= LONGEST) {
      out.push({ word: m[0], start: m.index, end: m.index + m[0].length });
    }
  }
  return out;
}

const VOWELS = "aeiouyåæêòóôø";
const S_ENDING = "bcdfghjlmnoptvyz";
// Suffixes removed in R1, longest first, with what is done: 1 delete,
// 2 "ers" (delete unless the word before it ends as below), 3 "s" (delete
// after an s-ending), 4 replace by "er".
const MAIN = [
  ["hetenes", 1], ["hetene", 1], ["hetens", 1], ["heten", 1], ["heter", 1],
  ["endes", 1], ["ande", 1], ["ende", 1], ["edes", 1], ["enes", 1], ["erte", 4],
  ["ede", 1], ["ane", 1], ["ene", 1], ["ens", 1], ["ers", 2], ["ets", 1], ["het", 1],
  ["ert", 4], ["ast", 1], ["en", 1], ["ar", 1], ["er", 1], ["as", 1], ["es", 1], ["et", 1],
  ["a", 1], ["e", 1], ["s", 3],
];
// Before "ers": these keep it (-1), these remove it (1); anything else removes it.
const ERS = [
  ["skap", 1], ["amm", -1], ["omm", -1], ["kap", -1], ["ast", -1], ["øst", -1],
  ["ind", -1], ["hav", 1], ["giv", 1], ["kk", -1], ["nk", -1], ["pp", -1], ["lt", -1], ["v", -1],
];
const OTHER = ["hetslov", "elig", "eleg", "elov", "slov", "leg", "eig", "lig", "els", "lov", "ig"];

const isVowel = (c) => VOWELS.includes(c);
// Whether the letters `w` end with `s`, starting at `from` or later.
const endsWith = (w, s, from) => {
  const n = [...s].length;
  return w.length - n >= from && w.slice(w.length - n).join("") === s;
};
// The longest of `list`'s [suffix, action] that `w` ends with in R1.
const longest = (w, list, from) => list.find(([s]) => endsWith(w, s, from)) || null;

// R1: after the first non-vowel that follows a vowel, but at least 3 letters in.
function region(w) {
  if (w.length < 3) return w.length;
  let i = 0;
  while (i < w.length && !isVowel(w[i])) i++;
  if (i >= w.length) return w.length;
  i++;
  while (i < w.length && isVowel(w[i])) i++;
  if (i >= w.length) return w.length;
  return Math.max(i + 1, 3);
}

function mainSuffix(w, p1) {
  const hit = longest(w, MAIN, p1);
  if (!hit) return w;
  const [suffix, action] = hit;
  const n = [...suffix].length;
  const stem = w.slice(0, w.length - n);
  if (action === 1) return stem;
  if (action === 4) return [...stem, "e", "r"];
  if (action === 2) {
    const before = longest(stem, ERS, 0);
    return before && before[1] === -1 ? w : stem;
  }
  // "s": after an s-ending, after "r" not after "e", or after "k" after a non-vowel.
  const c = stem[stem.length - 1];
  const b = stem[stem.length - 2];
  if (c === undefined) return w;
  if (S_ENDING.includes(c)) return stem;
  if (c === "r" && b !== "e") return stem;
  if (c === "k" && b !== undefined && !isVowel(b)) return stem;
  return w;
}

/** The stem of `word` (any case). */
export function stem(word) {
  let w = [...word.toLowerCase()];
  const p1 = region(w);
  w = mainSuffix(w, p1);
  if (w.length >= p1 && (endsWith(w, "dt", p1) || endsWith(w, "vt", p1))) w = w.slice(0, -1);
  if (w.length >= p1) {
    const o = OTHER.find((s) => endsWith(w, s, p1));
    if (o) w = w.slice(0, w.length - [...o].length);
  }
  return w.join("");
}
