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
    const top = await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
    list.replaceChildren(...top.map(item));
    const n = found.results.length;
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
