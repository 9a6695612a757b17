// planvev default theme: search over the Pagefind index in ../pagefind/.
// The form stays hidden where search cannot work (no JavaScript, or a page
// opened from file://, where browsers do not load the index). Messages come
// from the form's data- attributes (strings/nn.yaml and nb.yaml).
const form = document.querySelector(".site-search");
const root = new URL("../", import.meta.url);

if (form && location.protocol !== "file:") {
  const input = form.querySelector("input");
  const status = form.querySelector(".search-status");
  const list = form.querySelector(".search-results");
  const say = (name, n, q) =>
    (form.dataset[name] || "").replace("{n}", String(n)).replace("{q}", q || "");
  let engine = null;

  const load = () => {
    engine ||= import(new URL("pagefind/pagefind.js", root).href).then(async (pf) => {
      await pf.options({ baseUrl: root.pathname, excerptLength: 24 });
      await pf.init();
      return pf;
    });
    return engine;
  };

  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  };

  // The part of a page that matched best: its heading's anchor and excerpt.
  const best = (data) => {
    const subs = (data.sub_results || []).filter((s) => s.anchor || s.url);
    subs.sort((a, b) => (b.locations || []).length - (a.locations || []).length);
    return subs[0] || data;
  };

  const item = (data) => {
    const sub = best(data);
    const li = el("li", "search-hit");
    const a = el("a", null, data.meta.title || data.url);
    a.href = sub.url || data.url;
    if (sub !== data && sub.title && sub.title !== data.meta.title) {
      a.append(el("span", "search-section", " – " + sub.title));
    }
    li.append(a);
    // An area's result names its municipality; a municipality's is its title.
    const where = data.meta.municipality;
    if (where && where !== data.meta.title) li.append(el("p", "search-where", where));
    const ex = el("p", "search-excerpt");
    // Pagefind's excerpt is the page's own text, escaped, with <mark> around the match.
    ex.innerHTML = sub.excerpt || data.excerpt || "";
    li.append(ex);
    if (data.meta.fallback) li.append(el("p", "search-fallback", data.meta.fallback));
    return li;
  };

  // When no indexed word starts with a query word's stem, Pagefind falls
  // back to the longest indexed word that begins the query ("overgangs-
  // boliger" finds "overgangen", "hovudmålet" finds "h"): on a nynorsk page
  // a bokmål word would find unrelated pages. A word whose stem is in the
  // index (Pagefind's quoted search, stemmed the same way) is kept; for any
  // other word only pages where a matched word begins with it are kept,
  // as while the reader is still typing it (of the first 50 results).
  const known = new Map();
  const inIndex = async (pf, w) => {
    if (!known.has(w)) known.set(w, pf.search(`"${w}"`).then((r) => r.results.length > 0));
    return known.get(w);
  };
  const genuine = async (pf, q, results) => {
    const words = q.toLocaleLowerCase().split(/\s+/).filter(Boolean);
    const unknown = [];
    for (const w of words) if (!(await inIndex(pf, w))) unknown.push(w);
    if (!unknown.length) return results;
    // Each page checked is a fragment to download: the first 50 will do.
    const kept = [];
    for (const r of results.slice(0, 50)) {
      const d = await r.data();
      const marks = [d.excerpt, ...(d.sub_results || []).map((x) => x.excerpt)]
        .join(" ")
        .toLocaleLowerCase()
        .match(/<mark>[^<]*<\/mark>/g) || [];
      const marked = marks.map((m) => m.slice(6, -7));
      if (unknown.every((w) => marked.some((m) => m.startsWith(w)))) kept.push(r);
    }
    return kept;
  };

  const run = async (now) => {
    const q = input.value.trim();
    if (!q) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    let pf;
    try {
      pf = await load();
    } catch (e) {
      status.textContent = say("failed");
      return;
    }
    const found = now ? await pf.search(q) : await pf.debouncedSearch(q, {}, 250);
    if (!found || q !== input.value.trim()) return; // a newer query is on its way
    const hits = await genuine(pf, q, found.results);
    if (q !== input.value.trim()) return;
    const top = await Promise.all(hits.slice(0, 10).map((r) => r.data()));
    list.replaceChildren(...top.map(item));
    const n = hits.length;
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
