// planvev default theme: search over planvev's index in ../search/LANG/
// (src/search/write.rs describes its files), stemmed as the index is
// (stem.js).
// The form stays hidden where search cannot work (no JavaScript, or a page
// opened from file://, where browsers do not load the index). Messages come
// from the form's data- attributes (strings/nn.yaml and nb.yaml).
import { stem, words } from "./stem.js";

const form = document.querySelector(".site-search");
const root = new URL("../", import.meta.url);

if (form && location.protocol !== "file:") {
  const input = form.querySelector("input");
  const status = form.querySelector(".search-status");
  const list = form.querySelector(".search-results");
  const say = (name, n, q) =>
    (form.dataset[name] || "").replace("{n}", String(n)).replace("{q}", q || "");
  const lang = document.documentElement.lang;
  const base = new URL(`search/${lang}/`, root);

  // Each index file is fetched once per page view.
  const files = new Map();
  const get = (name) => {
    if (!files.has(name)) {
      files.set(name, fetch(new URL(name, base)).then((r) => {
        if (!r.ok) throw new Error(`${name}: ${r.status}`);
        return r.json();
      }).catch((e) => {
        files.delete(name); // try again with the next query
        throw e;
      }));
    }
    return files.get(name);
  };
  const load = () => get("meta.json");

  const hex = (key) =>
    key ? Array.from(new TextEncoder().encode(key), (b) => b.toString(16).padStart(2, "0")).join("") : "_";

  // The shards that may hold stems equal to `stem` or beginning with
  // `prefix`: the longest key that begins either, and for the word being
  // typed (`more`, three letters or more) up to three keys that begin
  // with it. A search downloads a few shards of at most 32 kB.
  const shardsFor = (meta, stem, prefix, more) => {
    const keys = new Set();
    for (const w of [stem, prefix]) {
      let best = null;
      for (const k of meta.shards) if (w.startsWith(k) && (best === null || k.length > best.length)) best = k;
      if (best !== null) keys.add(best);
    }
    if (more && [...prefix].length >= 3) {
      const longer = meta.shards.filter((k) => k.startsWith(prefix) && !keys.has(k));
      for (const k of longer.slice(0, 3)) keys.add(k);
    }
    return [...keys];
  };

  // A query word matches a page's word when their stems are equal, or
  // when the page's stem begins with the word as typed (half a word while
  // typing: "barnevernt" finds "barneverntjenesten"). The word's own stem
  // is not used as a prefix: "overgangsboliger" stems to "overgangsbo",
  // which would find nynorsk "overgangsbustader".
  const matches = (word) => {
    const s = stem(word);
    const typed = word.toLocaleLowerCase();
    return (t) => t === s || t.startsWith(typed);
  };

  // Pages with every query word, best first: [{ page, score }], and per
  // word the stems that matched.
  const find = async (q) => {
    const meta = await load();
    const qs = words(q).map((w) => w.word);
    if (!qs.length) return { hits: [], tests: [] };
    const tests = qs.map(matches);
    let hits = null;
    for (const [i, w] of qs.entries()) {
      const keys = shardsFor(meta, stem(w), w.toLocaleLowerCase(), i === qs.length - 1);
      const shards = await Promise.all(keys.map((k) => get(`w/${hex(k)}.json`)));
      const counts = new Map();
      for (const shard of shards) {
        for (const [t, list] of Object.entries(shard)) {
          if (!tests[i](t)) continue;
          for (let j = 0, page = 0; j < list.length; j += 2) {
            page += list[j];
            counts.set(page, (counts.get(page) || 0) + list[j + 1]);
          }
        }
      }
      const idf = Math.log(1 + meta.pages / Math.max(1, counts.size));
      const next = new Map();
      for (const [page, n] of counts) {
        if (hits && !hits.has(page)) continue;
        next.set(page, (hits ? hits.get(page) : 0) + (1 + Math.log(n)) * idf);
      }
      hits = next;
    }
    const list = [...hits].map(([page, score]) => ({ page, score }));
    list.sort((a, b) => b.score - a.score || a.page - b.page);
    return { hits: list, tests };
  };

  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  };

  // Whether a word of the page matches any query word.
  const hit = (tests) => (w) => {
    const t = stem(w);
    return tests.some((test) => test(t));
  };

  // The section with most matches (the page's first when only its title
  // matched), and an excerpt of it around the first match, with the
  // matching words marked.
  const best = (page, isHit) => {
    let top = page.sections[0] || { text: "" };
    let most = 0;
    for (const s of page.sections) {
      const n = words(`${s.title || ""} ${s.text}`).filter((w) => isHit(w.word)).length;
      if (n > most) [top, most] = [s, n];
    }
    return top;
  };

  const excerpt = (text, isHit) => {
    const p = el("p", "search-excerpt");
    const ws = words(text);
    const first = Math.max(0, ws.findIndex((w) => isHit(w.word)));
    const from = Math.max(0, first - 8);
    const to = Math.min(ws.length, from + 24);
    if (!ws.length) return p;
    let at = ws[from].start;
    if (from > 0) p.append("… ");
    for (const w of ws.slice(from, to)) {
      if (isHit(w.word)) {
        p.append(text.slice(at, w.start), el("mark", null, text.slice(w.start, w.end)));
        at = w.end;
      }
    }
    p.append(text.slice(at, ws[to - 1].end));
    if (to < ws.length) p.append(" …");
    return p;
  };

  const item = (page, isHit) => {
    const sec = best(page, isHit);
    const li = el("li", "search-hit");
    const a = el("a", null, page.title || page.url);
    a.href = new URL(page.url, root).href + (sec.anchor ? `#${sec.anchor}` : "");
    if (sec.anchor && sec.title && sec.title !== page.title) {
      a.append(el("span", "search-section", " – " + sec.title));
    }
    li.append(a);
    // An area's result names its municipality; a municipality's is its title.
    const where = page.municipality;
    if (where && where !== page.title) li.append(el("p", "search-where", where));
    li.append(excerpt(sec.text, isHit));
    if (page.fallback) li.append(el("p", "search-fallback", page.fallback));
    return li;
  };

  let timer = null;
  const run = async (now) => {
    clearTimeout(timer);
    if (!now) {
      // While the reader types: say a search is coming (once; a live
      // region repeats nothing unchanged) and search when they pause.
      if (input.value.trim() && status.textContent !== say("busy")) status.textContent = say("busy");
      timer = setTimeout(() => run(true), 250);
      return;
    }
    const q = input.value.trim();
    if (!q) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    let found;
    let pages;
    try {
      found = await find(q);
      if (q !== input.value.trim()) return; // a newer query is on its way
      pages = await Promise.all(found.hits.slice(0, 10).map((h) => get(`p/${h.page}.json`)));
    } catch (e) {
      status.textContent = say("failed");
      return;
    }
    if (q !== input.value.trim()) return;
    const isHit = hit(found.tests);
    list.replaceChildren(...pages.map((p) => item(p, isHit)));
    const n = found.hits.length;
    status.textContent = n === 0 ? say("none", 0, q) : n === 1 ? say("one", 1) : say("many", n);
  };

  form.hidden = false;
  input.addEventListener("focus", () => load().catch(() => {}), { once: true });
  input.addEventListener("input", () => run(false));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    run(true);
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      input.value = "";
      run(true);
    } else if (e.key === "ArrowDown" && list.querySelector("a")) {
      e.preventDefault();
      list.querySelector("a").focus();
    }
  });
}
