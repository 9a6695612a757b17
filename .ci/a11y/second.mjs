// The second audit (issue 15): a second engine beside axe, and checks for
// what engines miss. Called from check.mjs with what it shares (env):
//   { newContext(width, height, options), open(ctx, url), pages, htmlFiles,
//     pageUrl(rel), result(name, problems, notes), short(s, n), ARTIFACTS,
//     axeSource }
//
// The second engine is HTML_CodeSniffer (npm `html_codesniffer`), the engine
// behind pa11y's default runner, injected into the page the way pa11y does
// it, but driven by playwright-core with Debian's Chromium: pa11y itself
// brings puppeteer and its own browser download, which CI cannot fetch.
// Standard WCAG2AA. Its errors fail the run unless the rule is listed in
// htmlcs-not-applicable.txt with a reason; its warnings and notices are the
// items it leaves for a person to review, listed by rule.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const here = path.dirname(new URL(import.meta.url).pathname);

/** Rules judged not applicable, with the reason: `CODE  reason` lines. */
export function notApplicable() {
  const file = path.join(here, 'htmlcs-not-applicable.txt');
  const out = new Map();
  if (!fs.existsSync(file)) return out;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = line.match(/^(\S+)\s+(.+)$/);
    if (m && !line.startsWith('#')) out.set(m[1], m[2].trim());
  }
  return out;
}

const TYPE = { 1: 'error', 2: 'warning', 3: 'notice' };

// ---- The second engine on every page (every page type, both languages).
export async function htmlcsChecks(env) {
  const src = fs.readFileSync(require.resolve('html_codesniffer/build/HTMLCS.js'), 'utf8');
  const na = notApplicable();
  const counts = {}; // code → { error, warning, notice, pages }
  const ctx = await env.newContext(1280);
  for (const p of env.pages) {
    const { page } = await env.open(ctx, p.url);
    await page.addScriptTag({ content: src });
    const msgs = await page.evaluate(() => new Promise((resolve, reject) => {
      /* global HTMLCS */
      HTMLCS.process('WCAG2AA', document, () => {
        const sel = (el) => {
          if (!el || !el.tagName) return '(document)';
          if (el.id) return `#${el.id}`;
          const parts = [];
          for (let e = el; e && e.tagName && parts.length < 4; e = e.parentElement) {
            let s = e.tagName.toLowerCase();
            if (e.id) { parts.unshift(`#${e.id} ${s}`.split(' ')[0]); break; }
            if (typeof e.className === 'string' && e.className.trim()) s += `.${e.className.trim().split(/\s+/)[0]}`;
            parts.unshift(s);
          }
          return parts.join(' > ');
        };
        resolve(HTMLCS.getMessages().map((m) => ({
          type: m.type, code: m.code, msg: m.msg, target: sel(m.element),
          html: m.element && m.element.outerHTML ? m.element.outerHTML.slice(0, 160) : '',
        })));
      }, () => reject(new Error('HTML_CodeSniffer failed')), 'en');
    }));
    const problems = [];
    const review = new Map();
    for (const m of msgs) {
      const kind = TYPE[m.type] || 'notice';
      const c = (counts[m.code] ||= { error: 0, warning: 0, notice: 0, pages: 0, lastPage: '' });
      c[kind]++;
      if (c.lastPage !== p.name) { c.pages++; c.lastPage = p.name; }
      if (kind === 'error') {
        if (na.has(m.code)) continue;
        problems.push(`${p.name}: [${m.code}] ${m.msg}\n  element: ${m.target}\n  html: ${env.short(m.html)}`);
      } else {
        const k = `${kind} ${m.code}`;
        if (!review.has(k)) review.set(k, { n: 0, msg: m.msg, target: m.target });
        review.get(k).n++;
      }
    }
    const notes = [...review].map(([k, v]) => `to review: ${k} ×${v.n} (e.g. ${v.target}): ${env.short(v.msg, 140)}`);
    result(env, `HTML_CodeSniffer ${p.name}`, problems, notes);
    await page.close();
  }
  await ctx.close();
  // Counts by rule over all pages: the numbers for the note.
  const rows = Object.entries(counts).sort((a, b) => a[0].localeCompare(b[0]));
  console.log(`        HTML_CodeSniffer by rule over ${env.pages.length} pages (error / warning / notice, pages):`);
  for (const [code, c] of rows) {
    const mark = c.error && na.has(code) ? `  [not applicable: ${na.get(code)}]` : '';
    console.log(`          ${code}: ${c.error} / ${c.warning} / ${c.notice} on ${c.pages} page(s)${mark}`);
  }
  fs.mkdirSync(env.ARTIFACTS, { recursive: true });
  const json = Object.fromEntries(rows.map(([code, c]) => [code, { error: c.error, warning: c.warning, notice: c.notice, pages: c.pages }]));
  fs.writeFileSync(path.join(env.ARTIFACTS, 'htmlcs-counts.json'), `${JSON.stringify(json, null, 1)}\n`);
}

function result(env, name, problems, notes = []) {
  env.result(name, problems, notes);
}

// ---- Every page's title is its own (WCAG 2.4.2), as the browser shows it.
export async function titleChecks(env) {
  const ctx = await env.newContext(1280);
  const seen = new Map();
  const problems = [];
  for (const p of env.pages) {
    const { page } = await env.open(ctx, p.url);
    const title = (await page.title()).trim();
    if (!title) problems.push(`${p.name} has no title`);
    else if (seen.has(title)) problems.push(`${p.name} and ${seen.get(title)} share the title «${title}»`);
    else seen.set(title, p.name);
    await page.close();
  }
  await ctx.close();
  result(env, `every page title is unique (${env.pages.length} pages)`, problems);
}

// WCAG 1.4.12's text spacing, as the bookmarklets testers use apply it.
export const TEXT_SPACING = `*, *::before, *::after {
  line-height: 1.5 !important; letter-spacing: 0.12em !important;
  word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }`;

// ---- Table wrappers are a focusable, named region only where they scroll.
export async function tableRegionChecks(env) {
  for (const width of [320, 1280]) {
    const ctx = await env.newContext(width);
    const problems = [];
    let regions = 0;
    let wrappers = 0;
    let scrolling = 0;
    for (const p of env.pages) {
      const { page } = await env.open(ctx, p.url);
      // The script runs on load and on resize: give it a frame.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const r = await page.evaluate(() => [...document.querySelectorAll('.table-scroll')].map((el) => ({
        id: el.closest('[id]')?.id || '',
        overflows: el.scrollWidth > el.clientWidth + 1,
        focusable: el.getAttribute('tabindex') === '0',
        region: el.getAttribute('role') === 'region' && !!el.getAttribute('aria-labelledby'),
      })));
      for (const w of r) {
        wrappers++;
        if (w.region) regions++;
        if (w.overflows) scrolling++;
        if (w.overflows && !(w.focusable && w.region)) problems.push(`${p.name} #${w.id}: scrolls at ${width} px but is not a focusable, named region`);
        if (!w.overflows && (w.focusable || w.region)) problems.push(`${p.name} #${w.id}: does not scroll at ${width} px but is a tab stop or region`);
      }
      await page.close();
    }
    await ctx.close();
    result(env, `table wrappers at ${width} px: of ${wrappers}, ${scrolling} scroll and ${regions} are regions`, problems);
  }
}

// Reads a PNG's pixels in the browser (no image library needed).
async function pixels(page, png) {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width; c.height = img.height;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    return { w: img.width, h: img.height, data: Array.from(g.getImageData(0, 0, img.width, img.height).data) };
  }, png.toString('base64'));
}
const differs = (d, i, bg) => Math.abs(d[i] - bg[0]) + Math.abs(d[i + 1] - bg[1]) + Math.abs(d[i + 2] - bg[2]) > 60;
function share(img, bg, x0, x1) {
  let n = 0; let on = 0;
  for (let y = 0; y < img.h; y++) {
    for (let x = Math.max(0, x0); x < Math.min(img.w, x1); x++) {
      n++;
      if (differs(img.data, (y * img.w + x) * 4, bg)) on++;
    }
  }
  return n ? on / n : 0;
}

// ---- Forced colours (Windows high contrast): progress fills and chart
// bars must still show, and an empty part of a progress bar must not.
export async function forcedColorChecks(env) {
  const ctx = await env.newContext(1280, 800, { forcedColors: 'active' });
  const candidates = env.htmlFiles.filter((f) => f !== '404.html');
  let marks = 0;
  const problems = [];
  for (const f of candidates) {
    const { page } = await env.open(ctx, env.pageUrl(f));
    const found = await page.evaluate(() => {
      const bg = getComputedStyle(document.body).backgroundColor.match(/\d+/g).slice(0, 3).map(Number);
      const list = [];
      document.querySelectorAll('.progress-bar, .bar').forEach((el, i) => {
        el.dataset.markIdx = String(i);
        const fill = el.classList.contains('bar') ? el : el.querySelector('.progress-fill');
        const pct = el.classList.contains('bar') ? 100 : parseFloat(fill?.style.width || '0');
        list.push({ i, kind: el.classList.contains('bar') ? 'chart bar' : 'progress bar', pct });
      });
      return { bg, list };
    });
    for (const m of found.list) {
      if (m.pct <= 0) continue;
      const loc = page.locator(`[data-mark-idx="${m.i}"]`);
      await loc.scrollIntoViewIfNeeded();
      const box = await loc.boundingBox();
      if (!box || box.width < 3 || box.height < 3) { problems.push(`${f}: a ${m.kind} has no size`); continue; }
      // Inside the border: 2 px in from each edge.
      const clip = { x: box.x + 2, y: box.y + 2, width: box.width - 4, height: box.height - 4 };
      if (clip.width < 1 || clip.height < 1) continue;
      const img = await pixels(page, await page.screenshot({ clip }));
      const fillW = Math.floor(img.w * m.pct / 100);
      const filled = share(img, found.bg, 0, Math.max(1, fillW - 1));
      marks++;
      if (filled < 0.6) problems.push(`${f}: ${m.kind} ${m.i} (${m.pct} %) is invisible in forced colours: ${Math.round(filled * 100)} % of its filled part differs from the page's background`);
      if (m.kind === 'progress bar' && m.pct <= 85) {
        const empty = share(img, found.bg, fillW + 2, img.w);
        if (empty > 0.4) problems.push(`${f}: progress bar ${m.i} (${m.pct} %) looks full in forced colours (${Math.round(empty * 100)} % of its empty part is drawn)`);
      }
    }
    await page.close();
  }
  await ctx.close();
  result(env, `forced colours: ${marks} progress and chart marks visible (pixels compared)`, problems);
}

// ---- Print pages: tables, scrolling regions and CSV links each have a name
// of their own (an area's "Nøkkeltal" is not another area's "Nøkkeltal").
export async function printNameChecks(env) {
  // 320 px, where the wide tables scroll and their boxes are named regions.
  const ctx = await env.newContext(320);
  for (const f of env.htmlFiles.filter((x) => x.endsWith('/print.html'))) {
    const { page } = await env.open(ctx, env.pageUrl(f));
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const cdp = await ctx.newCDPSession(page);
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    await cdp.detach();
    const byRole = new Map();
    for (const n of nodes) {
      if (n.ignored) continue;
      const role = n.role?.value;
      if (!['table', 'region', 'link'].includes(role)) continue;
      const name = (n.name?.value || '').trim();
      const url = (n.properties || []).find((x) => x.name === 'url')?.value?.value || '';
      if (role === 'link' && !/\.csv$/.test(url)) continue;
      if (!byRole.has(role)) byRole.set(role, []);
      byRole.get(role).push({ name, url });
    }
    const problems = [];
    const counts = [];
    for (const [role, list] of byRole) {
      counts.push(`${list.length} ${role === 'link' ? 'CSV link' : role}s`);
      const seen = new Map();
      for (const x of list) {
        if (!x.name) problems.push(`${f}: a ${role} has no accessible name`);
        // Two links may share a name only if they go to the same file.
        else if (seen.has(x.name) && (role !== 'link' || seen.get(x.name) !== x.url)) problems.push(`${f}: two ${role}s are both named «${x.name}»`);
        seen.set(x.name, x.url);
      }
    }
    result(env, `print page names distinct ${f} (${counts.join(', ') || 'nothing named'})`, problems);
    await page.close();
  }
  await ctx.close();
}

// ---- Dark mode keeps the light theme's contrast: axe's colour rules with
// prefers-color-scheme: dark on every page.
export async function darkChecks(env) {
  const ctx = await env.newContext(1280, 800, { colorScheme: 'dark' });
  for (const p of env.pages) {
    const { page } = await env.open(ctx, p.url);
    await page.addScriptTag({ content: env.axeSource });
    const r = await page.evaluate(async () => {
      // eslint-disable-next-line no-undef
      const res = await axe.run(document, { runOnly: { type: 'rule', values: ['color-contrast', 'link-in-text-block'] } });
      const dark = matchMedia('(prefers-color-scheme: dark)').matches;
      const bg = getComputedStyle(document.body).backgroundColor;
      return { dark, bg, v: res.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${(n.failureSummary || '').split('\n').slice(1).join(' ')}`) })) };
    });
    const problems = [];
    if (!r.dark) problems.push(`${p.name}: prefers-color-scheme: dark did not apply`);
    const lum = (r.bg.match(/\d+/g) || [255, 255, 255]).slice(0, 3).map(Number).reduce((a, b) => a + b, 0) / 765;
    if (lum > 0.3) problems.push(`${p.name}: the page stays light in dark mode (background ${r.bg})`);
    for (const v of r.v) for (const n of v.nodes) problems.push(`${p.name}: [${v.id}] ${env.short(n, 300)}`);
    result(env, `dark mode contrast ${p.name} (background ${r.bg})`, problems);
    await page.close();
  }
  await ctx.close();
}

// ---- Chromium's accessibility tree on the pages with charts (issue 12):
// each chart figure is exposed as a figure named by its caption's title and
// described by its subtitle and summary (Chromium 156 names a figure by its
// figcaption only through aria-labelledby: without it the name was empty), its SVG is
// not exposed at all (aria-hidden: the caption and the table say it all),
// and the data table beside it is exposed as a table named by its caption.
export async function axTreeChecks(env) {
  const ctx = await env.newContext(1280, 800);
  const problems = [];
  let figures = 0;
  const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();
  for (const f of env.htmlFiles.filter((x) => x.split('/').length === 4 && x.endsWith('/index.html'))) {
    const { page } = await env.open(ctx, env.pageUrl(f));
    if ((await page.locator('figure.chart-figure').count()) === 0) {
      await page.close();
      continue;
    }
    const cdp = await ctx.newCDPSession(page);
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const byBackend = new Map(nodes.filter((n) => n.backendDOMNodeId).map((n) => [n.backendDOMNodeId, n]));
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const backendIds = async (selector) => {
      const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector });
      const out = [];
      for (const nodeId of nodeIds) out.push((await cdp.send('DOM.describeNode', { nodeId })).node.backendNodeId);
      return out;
    };
    const captions = await page.$$eval('figure.chart-figure', (els) => els.map((e) => ({
      id: e.id,
      caption: e.querySelector('figcaption .chart-title')?.textContent || '',
      more: [...e.querySelectorAll('figcaption .chart-subtitle, figcaption .chart-summary')].map((p) => p.textContent).join(' '),
      table: (() => {
        const next = e.nextElementSibling;
        const t = next && next.matches('.data-table') ? next.querySelector('table') : null;
        return t ? t.caption?.textContent || '' : null;
      })(),
    })));
    const figIds = await backendIds('figure.chart-figure');
    const svgIds = await backendIds('figure.chart-figure svg');
    const tableIds = await backendIds('figure.chart-figure + .data-table table');
    figIds.forEach((b, i) => {
      figures++;
      const ax = byBackend.get(b);
      const want = norm(captions[i].caption);
      if (!ax || ax.ignored) problems.push(`${f}#${captions[i].id}: the figure is not in the accessibility tree`);
      else {
        if (ax.role?.value !== 'figure') problems.push(`${f}#${captions[i].id}: role ${ax.role?.value}, not figure`);
        if (norm(ax.name?.value) !== want) problems.push(`${f}#${captions[i].id}: named «${env.short(norm(ax.name?.value))}», not its caption's title «${env.short(want)}»`);
        if (norm(ax.description?.value) !== norm(captions[i].more)) problems.push(`${f}#${captions[i].id}: described as «${env.short(norm(ax.description?.value))}», not by its subtitle and summary «${env.short(norm(captions[i].more))}»`);
      }
    });
    for (const b of svgIds) {
      const ax = byBackend.get(b);
      if (ax && !ax.ignored) problems.push(`${f}: a chart's SVG is exposed as ${ax.role?.value} «${env.short(norm(ax.name?.value))}»`);
    }
    const withTables = captions.filter((c) => c.table !== null);
    if (tableIds.length !== withTables.length) problems.push(`${f}: ${withTables.length} charts have a table beside them, ${tableIds.length} found`);
    tableIds.forEach((b, i) => {
      const ax = byBackend.get(b);
      const want = norm(withTables[i]?.table);
      if (!ax || ax.ignored || ax.role?.value !== 'table') problems.push(`${f}: the table beside chart ${i + 1} is not exposed as a table`);
      else if (norm(ax.name?.value) !== want) problems.push(`${f}: the table beside chart ${i + 1} is named «${env.short(norm(ax.name?.value))}», not «${env.short(want)}»`);
    });
    await page.close();
  }
  if (figures === 0) problems.push('no page with a chart was found');
  env.result(`accessibility tree: ${figures} chart figures named and described by their captions, SVGs hidden, tables beside them named`, problems);
  await ctx.close();
}
