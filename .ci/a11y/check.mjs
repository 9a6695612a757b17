// Accessibility, validity and hosting checks of a built planvev site that is
// served (by .ci/a11y.sh, with nginx) under a sub-path.
//
//   node check.mjs --site DIR --base http://127.0.0.1:PORT/plan/2017/ \
//     --site-yaml content/site.yaml --artifacts tests/artifacts --vnu vnu.jar \
//     [--only axe,reflow,keyboard,use,shots,crawl,vnu,htmlcs,titles,spacing,regions,forced,printnames,dark,search]
//
// Every check is one named test; failures are printed with page, rule and
// element. The last line is `a11y: N passed, M failed`.

import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as second from './second.mjs';
import { searchChecks } from './search.mjs';

const require = createRequire(import.meta.url);
const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
for (const k of ['site', 'base', 'site-yaml', 'artifacts', 'vnu']) {
  if (!args[k]) throw new Error(`missing --${k}`);
}
const ONLY = args.only ? new Set(args.only.split(',')) : null;
const want = (phase) => !ONLY || ONLY.has(phase);
const SITE = path.resolve(args.site);
const BASE = new URL(args.base);
const PREFIX = BASE.pathname;
const ARTIFACTS = path.resolve(args.artifacts);
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync',
];

// ---------------------------------------------------------------- results
let passed = 0;
let failed = 0;
const failures = [];
function result(name, problems, notes = []) {
  if (problems.length === 0) {
    passed++;
    console.log(`ok    ${name}`);
  } else {
    failed++;
    failures.push(name);
    console.log(`FAIL  ${name}`);
    for (const p of problems) console.log(`        ${p.replace(/\n/g, '\n        ')}`);
  }
  for (const n of notes) console.log(`        note: ${n.replace(/\n/g, '\n        ')}`);
}
const short = (s, n = 160) => (s.length > n ? `${s.slice(0, n - 1)}…` : s).replace(/\s+/g, ' ');

// ---------------------------------------------------------------- the site
function walk(dir, rel = '') {
  const out = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...walk(dir, r));
    else out.push(r);
  }
  return out.sort();
}
const htmlFiles = walk(SITE).filter((f) => f.endsWith('.html'));
const pageUrl = (rel) => new URL(rel, BASE).href;
const langs = [...new Set(htmlFiles.map((f) => f.split('/')[0]).filter((d) => /^[a-z]{2,3}$/.test(d)))];
const areaPages = htmlFiles.filter((f) => f.split('/').length === 4 && f.endsWith('/index.html'));
// The 404 page is checked as nginx serves it for a missing address two
// folders deep, where relative links and stylesheets break most easily.
const MISSING = 'nn/finst-ikkje/her/';
const pages = htmlFiles
  .filter((f) => f !== '404.html')
  .map((f) => ({ name: f, url: pageUrl(f), status: 200 }));
if (htmlFiles.includes('404.html')) pages.push({ name: `404.html (served for ${MISSING})`, url: pageUrl(MISSING), status: 404, notFound: true });

const yaml = fs.readFileSync(args['site-yaml'], 'utf8');
// One address for every language (`accessibility_statement: URL`), or one
// per language (`accessibility_statement: { nn: URL, nb: URL }` or a block).
const STATEMENTS = (() => {
  const m = yaml.match(/^accessibility_statement:[ \t]*(.*)$/m);
  if (!m) return null;
  const v = m[1].replace(/#.*$/, '').trim();
  const url = (x) => x.trim().replace(/^["']|["']$/g, '');
  if (v && !v.startsWith('{')) return { '*': url(v) };
  const out = {};
  const body = v.startsWith('{') ? v.slice(1, v.lastIndexOf('}')).split(',') : yaml.slice(m.index + m[0].length).split('\n').filter((l, i, a) => a.slice(0, i + 1).every((x) => /^\s+\S|^\s*$/.test(x)));
  for (const part of body) {
    const kv = part.match(/^\s*([a-z]{2,3})\s*:\s*(\S+)/);
    if (kv) out[kv[1]] = url(kv[2]);
  }
  return Object.keys(out).length ? out : null;
})();
const statementFor = (lang) => (STATEMENTS ? STATEMENTS[lang] || STATEMENTS['*'] || Object.values(STATEMENTS)[0] : null);

// ---------------------------------------------------------------- browser
let browser;
async function newContext(width, height = 800, extra = {}) {
  const ctx = await browser.newContext({ viewport: { width, height }, acceptDownloads: true, reducedMotion: 'reduce', ...extra });
  // Nothing leaves the machine: only the server under test is reachable.
  await ctx.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (u.host === BASE.host) return route.continue();
    return route.abort('blockedbyclient');
  });
  return ctx;
}
async function open(ctx, url) {
  const page = await ctx.newPage();
  const resp = await page.goto(url, { waitUntil: 'load' });
  return { page, status: resp ? resp.status() : 0 };
}
const blur = (page) => page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });

const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// ---- 1. axe-core on every page; the footer's accessibility statement link;
// the 404 page's status and stylesheet.
async function axeChecks() {
  const ctx = await newContext(1280);
  for (const p of pages) {
    const { page, status } = await open(ctx, p.url);
    const problems = [];
    const notes = [];
    if (status !== p.status) problems.push(`${p.url}: HTTP ${status}, expected ${p.status}`);
    await page.addScriptTag({ content: axeSource });
    const r = await page.evaluate(async (tags) => {
      // eslint-disable-next-line no-undef
      const res = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations', 'incomplete'] });
      const pick = (list) => list.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary || '' })),
      }));
      return { violations: pick(res.violations), incomplete: pick(res.incomplete) };
    }, TAGS);
    for (const v of r.violations) {
      for (const n of v.nodes) {
        problems.push(`${p.name}: [${v.id}] (${v.impact}) ${v.help}\n  element: ${n.target}\n  html: ${short(n.html)}\n  ${short(n.summary.split('\n').slice(1).join(' '), 300)}`);
      }
    }
    for (const v of r.incomplete) notes.push(`axe leaves for a person to judge: [${v.id}] ${v.help}: ${v.nodes.length} element(s), e.g. ${v.nodes[0].target}`);
    result(`axe ${p.name}`, problems, notes);

    const fp = [];
    if (!STATEMENTS) fp.push('content/site.yaml has no accessibility_statement');
    else {
      // The statement in the page's language; the 404 page, which speaks
      // every language, links each language's.
      const pageLang = await page.evaluate(() => document.documentElement.lang);
      for (const l of p.notFound ? langs : [pageLang]) {
        const href = statementFor(l);
        const found = await page.evaluate(([href, l]) => {
          const a = [...document.querySelectorAll('footer a[href]')].find((x) => x.getAttribute('href') === href && (x.closest('[lang]')?.lang || '') === l);
          if (!a) return null;
          const rc = a.getBoundingClientRect();
          return { text: a.textContent.trim(), visible: rc.width > 0 && rc.height > 0 };
        }, [href, l]);
        if (!found) fp.push(`${p.name}: no link to the ${l} statement ${href} in the footer (inside lang="${l}")`);
        else if (!found.text || !found.visible) fp.push(`${p.name}: the footer link to ${href} is empty or hidden`);
      }
    }
    result(`footer accessibility statement ${p.name}`, fp);

    if (p.notFound) {
      // Styled (the header has the theme's colour) even two folders deep.
      const bg = await page.evaluate(() => getComputedStyle(document.querySelector('.site-header') || document.body).backgroundColor);
      result(`404 page is styled at ${MISSING}`, bg === 'rgba(0, 0, 0, 0)' ? [`the header has no background: the stylesheet did not load at ${p.url}`] : []);
    }
    await page.close();
  }
  await ctx.close();
}

// ---- 2. 320 px: no horizontal scrolling; with `spacing`, also with WCAG
// 1.4.12's text spacing applied.
async function reflowChecks(spacing = false) {
  const ctx = await newContext(320, 640);
  for (const p of pages) {
    const { page } = await open(ctx, p.url);
    if (spacing) await page.addStyleTag({ content: second.TEXT_SPACING });
    const r = await page.evaluate(() => {
      const doc = document.documentElement;
      const over = [];
      // Clipped by a scrolling ancestor that is also its containing block
      // chain (absolutely positioned boxes escape a static scroller).
      const clipped = (el) => {
        let abs = getComputedStyle(el).position === 'absolute' || getComputedStyle(el).position === 'fixed';
        for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
          const st = getComputedStyle(a);
          if (abs && st.position === 'static') continue;
          if (['auto', 'scroll', 'hidden', 'clip'].includes(st.overflowX)) return true;
          abs = st.position === 'absolute' || st.position === 'fixed' ? true : abs && st.position === 'static';
        }
        return false;
      };
      for (const el of document.body.querySelectorAll('*')) {
        const rc = el.getBoundingClientRect();
        if (rc.width > 0 && rc.right > doc.clientWidth + 0.5 && !clipped(el)) {
          const cls = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
          over.push(`${el.tagName.toLowerCase()}${cls} (${Math.round(rc.left)}–${Math.round(rc.right)} px, ${getComputedStyle(el).position}): "${el.textContent.trim().slice(0, 50)}"`);
        }
      }
      return { scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, over: over.slice(0, 8) };
    });
    const problems = [];
    if (r.scrollWidth > r.clientWidth) {
      problems.push(`${p.name}: scrolls sideways at 320 px (the page is ${r.scrollWidth} px wide)`);
      for (const o of r.over) problems.push(`  too wide: ${o}`);
    }
    result(`320px${spacing ? ' with text spacing' : ''} ${p.name}`, problems);
    await page.close();
  }
  await ctx.close();
}

// ---- 3. Keyboard: Tab reaches every link and control, focus is visible.
const FOCUSABLE = 'a[href], area[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), summary, iframe, audio[controls], video[controls], [contenteditable]:not([contenteditable=false]), [tabindex]';

async function focusedInfo(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const st = getComputedStyle(el);
    const rc = el.getBoundingClientRect();
    return {
      idx: el.dataset.a11yIdx ?? null,
      tag: el.tagName.toLowerCase(),
      text: el.textContent.trim().replace(/\s+/g, ' ').slice(0, 50),
      outlineStyle: st.outlineStyle, outlineWidth: parseFloat(st.outlineWidth) || 0, boxShadow: st.boxShadow,
      rect: { x: rc.left, y: rc.top, w: rc.width, h: rc.height },
      scroll: { x: window.scrollX, y: window.scrollY },
      view: { w: document.documentElement.clientWidth, h: window.innerHeight },
    };
  });
}
// The focused element and its outline, as on screen (viewport coordinates).
function clipOf(info) {
  const m = 6;
  const x = Math.max(0, Math.floor(info.rect.x - m));
  const y = Math.max(0, Math.floor(info.rect.y - m));
  const w = Math.min(info.view.w, Math.ceil(info.rect.x + info.rect.w + m)) - x;
  const h = Math.min(info.view.h, Math.ceil(info.rect.y + info.rect.h + m)) - y;
  return w > 0 && h > 0 ? { x, y, width: w, height: h } : null;
}
const shoot = (page, clip) => page.screenshot({ clip, animations: 'disabled', caret: 'hide' });

async function keyboardChecks() {
  const ctx = await newContext(1280);
  for (const p of pages) {
    const { page } = await open(ctx, p.url);
    await page.mouse.move(1279, 799);
    const problems = [];
    // Every element that ought to be reachable.
    const expected = await page.evaluate((sel) => {
      const out = [];
      for (const el of document.querySelectorAll(sel)) {
        if (el.hasAttribute('tabindex') && el.tabIndex < 0) continue;
        if (el.getClientRects().length === 0 && !el.classList.contains('skip-link')) continue;
        if (getComputedStyle(el).visibility === 'hidden' || el.closest('[inert],[hidden]')) continue;
        el.dataset.a11yIdx = String(out.length);
        out.push(`${el.tagName.toLowerCase()}${el.getAttribute('href') ? ` href="${el.getAttribute('href')}"` : ''} "${el.textContent.trim().replace(/\s+/g, ' ').slice(0, 50)}"`);
      }
      return out;
    }, FOCUSABLE);
    await blur(page);
    const seq = [];
    for (let n = 0; n < expected.length + 20; n++) {
      await page.keyboard.press('Tab');
      const info = await focusedInfo(page);
      if (!info || (seq.length && info.idx !== null && info.idx === seq[0].idx)) break;
      const clip = clipOf(info);
      info.clip = clip;
      info.shot = clip ? await shoot(page, clip) : null;
      seq.push(info);
    }
    const reached = new Set(seq.map((s) => s.idx));
    expected.forEach((desc, i) => { if (!reached.has(String(i))) problems.push(`${p.name}: Tab never reaches ${desc}`); });
    await page.evaluate(() => document.activeElement?.blur());
    for (const s of seq) {
      const what = `${s.tag} "${s.text}"`;
      if (s.idx === null) problems.push(`${p.name}: Tab stops on something that is not a link or control: ${what}`);
      if ((s.outlineStyle === 'none' || s.outlineWidth < 2) && s.boxShadow === 'none') problems.push(`${p.name}: no focus outline on ${what} (outline: ${s.outlineStyle} ${s.outlineWidth}px)`);
      if (!s.clip || s.rect.w < 1 || s.rect.h < 1) { problems.push(`${p.name}: the focused ${what} is not on screen`); continue; }
      // Same spot without focus: the pixels must differ.
      await page.evaluate((sc) => window.scrollTo(sc.x, sc.y), s.scroll);
      const plain = await shoot(page, s.clip);
      if (Buffer.compare(plain, s.shot) === 0) problems.push(`${p.name}: focus changes nothing on screen for ${what}`);
    }
    result(`keyboard ${p.name} (${seq.length} Tab stops)`, problems);
    await page.close();
  }
  await ctx.close();
}

// Tab to the first element matching `selector`.
async function tabTo(page, selector, max = 400) {
  await blur(page);
  for (let n = 0; n < max; n++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((sel) => document.activeElement?.matches(sel), selector)) return true;
  }
  return false;
}

// ---- 4. The language choice, the language switch and the CSV links by keyboard.
async function keyboardUse() {
  const ctx = await newContext(1280);
  for (const l of langs) {
    const { page } = await open(ctx, pageUrl('index.html'));
    const problems = [];
    if (!(await tabTo(page, `.language-choice a[hreflang="${l}"]`))) problems.push(`index.html: Tab never reaches the ${l} choice`);
    else {
      await Promise.all([page.waitForURL((u) => u.href !== pageUrl('index.html')), page.keyboard.press('Enter')]);
      const lang = await page.evaluate(() => document.documentElement.lang);
      if (page.url() !== pageUrl(`${l}/index.html`) || lang !== l) problems.push(`index.html: Enter on ${l} went to ${page.url()} (lang ${lang})`);
    }
    result(`keyboard: language choice → ${l}`, problems);
    await page.close();
  }
  // The language switch on every page that has one, each way.
  for (const src of htmlFiles.filter((f) => langs.includes(f.split('/')[0]))) {
    const from = src.split('/')[0];
    const rest = src.split('/').slice(1).join('/');
    for (const to of langs) {
      if (to === from || !htmlFiles.includes(`${to}/${rest}`)) continue;
      const { page } = await open(ctx, pageUrl(src));
      const problems = [];
      if (!(await tabTo(page, `.lang-switch a[hreflang="${to}"]`, 12))) problems.push(`${src}: Tab never reaches the ${to} link of the language switch`);
      else {
        await Promise.all([page.waitForURL((u) => u.href !== pageUrl(src)), page.keyboard.press('Enter')]);
        const lang = await page.evaluate(() => document.documentElement.lang);
        const target = pageUrl(`${to}/${rest}`);
        if (page.url() !== target || lang !== to) problems.push(`${src}: Enter on ${to} went to ${page.url()} (lang ${lang}), expected ${target}`);
        const cur = await page.evaluate(() => document.querySelector('.lang-switch [aria-current="page"]')?.getAttribute('hreflang'));
        if (cur !== to) problems.push(`${target}: the language switch marks ${cur} as the current language`);
      }
      result(`keyboard: language switch ${src} → ${to}`, problems);
      await page.close();
    }
  }
  // Every CSV link on the area pages: Tab onto it from the element before
  // it, Enter, and a CSV file arrives. (Tab reaching every link at all is
  // the keyboard test above.) One tab per download: Chromium holds back
  // quick runs of downloads from one tab.
  for (const f of areaPages) {
    const probe = await open(ctx, pageUrl(f));
    const hrefs = await probe.page.evaluate(() => [...document.querySelectorAll('a[href$=".csv"]')].map((a) => a.getAttribute('href')));
    await probe.page.close();
    const problems = [];
    for (let i = 0; i < hrefs.length; i++) {
      const href = hrefs[i];
      const { page } = await open(ctx, pageUrl(f));
      const ok = await page.evaluate(([sel, i]) => {
        const link = document.querySelectorAll('a[href$=".csv"]')[i];
        const all = [...document.querySelectorAll(sel)].filter((el) => !(el.hasAttribute('tabindex') && el.tabIndex < 0));
        const before = all[all.indexOf(link) - 1];
        if (!before) return false;
        before.focus();
        return document.activeElement === before;
      }, [FOCUSABLE, i]);
      if (!ok) { problems.push(`${f}: could not focus the element before ${href}`); await page.close(); continue; }
      await page.keyboard.press('Tab');
      const at = await page.evaluate(() => document.activeElement?.getAttribute('href'));
      if (at !== href) { problems.push(`${f}: Tab from the element before ${href} lands on ${at}`); await page.close(); continue; }
      try {
        const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 15000 }), page.keyboard.press('Enter')]);
        const text = fs.readFileSync(await dl.path(), 'utf8').replace(/^\uFEFF/, '');
        const lines = text.split(/\r?\n/).filter(Boolean);
        if (!dl.suggestedFilename().endsWith('.csv')) problems.push(`${f}: ${href} downloads as ${dl.suggestedFilename()}`);
        if (lines.length < 2) problems.push(`${f}: ${href} gave ${lines.length} line(s)`);
      } catch (e) {
        problems.push(`${f}: Enter on ${href} started no download (${short(String(e.message || e), 120)})`);
      }
      await page.close();
    }
    result(`keyboard: CSV downloads ${f} (${hrefs.length})`, problems);
  }
  await ctx.close();
}

// ---- 5. Screenshots, to be looked at by a person.
async function screenshots() {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const shots = [['index.html', 'root', [360]]];
  for (const l of langs) {
    const area = htmlFiles.find((f) => f.startsWith(`${l}/klepp/sosiale-tenester/`)) || areaPages.find((f) => f.startsWith(`${l}/`));
    const muni = htmlFiles.find((f) => f === `${l}/klepp/index.html`);
    const print = htmlFiles.find((f) => f === `${l}/klepp/print.html`);
    shots.push([`${l}/index.html`, `${l}-front`, [360]]);
    if (muni) shots.push([muni, `${l}-municipality`, [360]]);
    if (area) shots.push([area, `${l}-area`, [360, 1280]]);
    if (print) shots.push([print, `${l}-print`, [360]]);
  }
  shots.push([MISSING, '404', [360]]);
  let n = 0;
  // Light as the default, and the area and municipality pages also in dark
  // mode and in forced colours (Windows high contrast).
  const modes = [['', {}], ['-dark', { colorScheme: 'dark' }], ['-forced', { forcedColors: 'active' }]];
  for (const [suffix, opts] of modes) {
    for (const width of [360, 1280]) {
      const ctx = await newContext(width, 800, opts);
      for (const [f, name, widths] of shots) {
        if (suffix && !/-(area|municipality)$/.test(name)) continue;
        if (!widths.includes(width) && !(suffix && name.endsWith('-area'))) continue;
        const { page } = await open(ctx, pageUrl(f));
        await page.screenshot({ path: path.join(ARTIFACTS, `${name}${suffix}-${width}.png`), fullPage: true });
        n++;
        await page.close();
      }
      await ctx.close();
    }
  }
  console.log(`        ${n} screenshots in ${ARTIFACTS}`);
}

// ---------------------------------------------------------------- crawl
function decode(s) {
  return s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
async function crawl() {
  const start = BASE.href;
  const queue = [start];
  const seen = new Map([[start, ['(start)']]]);
  const external = new Map();
  const bodies = new Map();
  const fragments = [];
  const statuses = new Map();
  while (queue.length) {
    const url = queue.shift();
    const res = await fetch(url, { redirect: 'manual' });
    statuses.set(url, res.status);
    const type = res.headers.get('content-type') || '';
    const body = await res.text();
    if (res.status !== 200 || !type.startsWith('text/html')) continue;
    bodies.set(url, body);
    for (const m of body.matchAll(/\s(?:href|src)\s*=\s*"([^"]*)"/g)) {
      const raw = decode(m[1]);
      if (/^(mailto|tel|javascript|data):/i.test(raw)) continue;
      const u = new URL(raw, url);
      if (u.origin !== BASE.origin) {
        if (!external.has(u.href)) external.set(u.href, url);
        continue;
      }
      const hash = u.hash;
      u.hash = '';
      if (hash.length > 1) fragments.push({ from: url, to: u.href, id: decodeURIComponent(hash.slice(1)) });
      if (!seen.has(u.href)) {
        seen.set(u.href, [url]);
        queue.push(u.href);
      } else seen.get(u.href).push(url);
    }
  }
  const rel = (u) => (u.startsWith(BASE.origin) ? u.slice(BASE.origin.length) : u);
  for (const [u, from] of seen) {
    const problems = [];
    if (!new URL(u).pathname.startsWith(PREFIX)) problems.push(`${rel(u)} is outside ${PREFIX} (linked from ${rel(from[0])})`);
    const st = statuses.get(u);
    if (st !== 200) problems.push(`${rel(u)} answers ${st} (linked from ${[...new Set(from)].slice(0, 3).map(rel).join(', ')})`);
    result(`link ${rel(u)}`, problems);
  }
  const fragProblems = new Set();
  for (const f of fragments) {
    const body = bodies.get(f.to);
    if (body === undefined) continue;
    const esc = f.id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (!new RegExp(`\\sid="${esc}"`).test(body)) fragProblems.add(`${rel(f.from)} links to #${f.id} in ${rel(f.to)}, which has no such id`);
  }
  result(`fragment links (${fragments.length})`, [...fragProblems]);
  const unreached = htmlFiles.filter((f) => f !== '404.html' && f !== 'index.html' && !seen.has(pageUrl(f)));
  result('every page can be reached from the root page', unreached.map((f) => `${f} is not reached by following links from ${PREFIX}`));
  console.log(`        crawled ${seen.size} addresses under ${PREFIX}; ${external.size} links leave the site (not fetched):`);
  for (const [u, from] of external) console.log(`          ${u} (e.g. from ${rel(from)})`);
  // The sitemap's addresses (absolute, from --base-url).
  const smUrl = pageUrl('sitemap.xml');
  const sm = await fetch(smUrl);
  const smProblems = [];
  const smBody = await sm.text();
  if (sm.status !== 200) smProblems.push(`${rel(smUrl)} answers ${sm.status}`);
  const locs = [...smBody.matchAll(/<(?:loc>([^<]*)<\/loc|xhtml:link[^>]*href="([^"]*)")/g)].map((m) => decode(m[1] || m[2]));
  for (const u of new Set(locs)) {
    if (!u.startsWith(BASE.href)) { smProblems.push(`the sitemap lists ${u}, outside ${BASE.href}`); continue; }
    const st = statuses.get(u) ?? (await fetch(u, { redirect: 'manual' })).status;
    if (st !== 200) smProblems.push(`the sitemap lists ${rel(u)}, which answers ${st}`);
  }
  result(`sitemap.xml (${new Set(locs).size} addresses)`, smProblems);
  // The 404 page's own links, as served for a missing address.
  const nf = await fetch(pageUrl(MISSING));
  const nfBody = await nf.text();
  const nfProblems = [];
  if (nf.status !== 404) nfProblems.push(`${rel(pageUrl(MISSING))} answers ${nf.status}, not 404`);
  for (const m of nfBody.matchAll(/\s(?:href|src)\s*=\s*"([^"]*)"/g)) {
    const u = new URL(decode(m[1]), pageUrl(MISSING));
    if (u.origin !== BASE.origin || (u.hash && u.pathname === new URL(pageUrl(MISSING)).pathname)) continue;
    const st = (await fetch(u.href, { redirect: 'manual' })).status;
    if (st !== 200) nfProblems.push(`the 404 page links to ${rel(u.href)}, which answers ${st}`);
    if (!u.pathname.startsWith(PREFIX)) nfProblems.push(`the 404 page links to ${rel(u.href)}, outside ${PREFIX}`);
  }
  result(`404 page's links work at ${MISSING}`, nfProblems);
  return seen.size;
}

// ---------------------------------------------------------------- vnu
function vnuChecks() {
  return new Promise((resolve) => {
    const java = process.env.JAVA || 'java';
    execFile(java, ['-jar', args.vnu, '--format', 'json', '--skip-non-html', SITE], { maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      let messages;
      try {
        messages = JSON.parse(stderr || stdout).messages;
      } catch {
        resolve([['vnu runs', [`vnu.jar gave no JSON: ${short(String(stderr || err), 400)}`], []]]);
        return;
      }
      const errors = new Map(htmlFiles.map((f) => [f, []]));
      const notes = new Map(htmlFiles.map((f) => [f, []]));
      for (const m of messages) {
        const f = m.url ? path.relative(SITE, new URL(m.url).pathname) : '(vnu)';
        if (!errors.has(f)) { errors.set(f, []); notes.set(f, []); }
        const line = `${f}:${m.lastLine ?? '?'}:${m.firstColumn ?? m.lastColumn ?? '?'}: ${m.type}${m.subType ? `/${m.subType}` : ''}: ${m.message}${m.extract ? `\n  ${short(m.extract, 200)}` : ''}`;
        (m.type === 'error' || m.type === 'non-document-error' ? errors : notes).get(f).push(line);
      }
      resolve([...errors].map(([f, errs]) => [`vnu ${f}`, errs, notes.get(f)]));
    });
  });
}

// ---------------------------------------------------------------- main
const t0 = Date.now();
const time = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
try {
  let vnu = Promise.resolve([]);
  if (want('vnu')) {
    console.log(`== vnu (the Nu HTML Checker) on ${htmlFiles.length} HTML files, in the background`);
    vnu = vnuChecks();
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  if (want('axe')) {
    console.log(`== axe-core ${require('axe-core/package.json').version} (${TAGS.join(', ')}) on ${pages.length} pages`);
    await axeChecks();
  }
  if (want('reflow')) {
    console.log(`== 320 px wide (${time()})`);
    await reflowChecks();
  }
  if (want('keyboard')) {
    console.log(`== keyboard: Tab order and visible focus (${time()})`);
    await keyboardChecks();
  }
  if (want('use')) {
    console.log(`== keyboard: language choice and switch, CSV downloads (${time()})`);
    await keyboardUse();
  }
  const env = { newContext, open, pages, htmlFiles, pageUrl, result, short, ARTIFACTS, axeSource };
  if (want('htmlcs')) {
    console.log(`== HTML_CodeSniffer ${require('html_codesniffer/package.json').version} (WCAG2AA) on ${pages.length} pages (${time()})`);
    await second.htmlcsChecks(env);
  }
  if (want('titles')) {
    console.log(`== page titles (${time()})`);
    await second.titleChecks(env);
  }
  if (want('spacing')) {
    console.log(`== 320 px wide with WCAG text spacing (${time()})`);
    await reflowChecks(true);
  }
  if (want('regions')) {
    console.log(`== table wrappers: regions only where they scroll (${time()})`);
    await second.tableRegionChecks(env);
  }
  if (want('forced')) {
    console.log(`== forced colours: progress and chart marks (${time()})`);
    await second.forcedColorChecks(env);
  }
  if (want('axtree')) {
    console.log(`== accessibility tree: chart figures, SVGs and their tables (${time()})`);
    await second.axTreeChecks(env);
  }
  if (want('printnames')) {
    console.log(`== print pages: distinct names (${time()})`);
    await second.printNameChecks(env);
  }
  if (want('dark')) {
    console.log(`== dark mode contrast (${time()})`);
    await second.darkChecks(env);
  }
  if (want('search')) {
    console.log(`== search: stemming, results, keyboard, axe with results open (${time()})`);
    await searchChecks({ ...env, tabTo, SITE });
  }
  if (want('shots')) {
    console.log(`== screenshots (${time()})`);
    await screenshots();
  }
  if (want('crawl')) {
    console.log(`== crawl from ${BASE.href} (${time()})`);
    await crawl();
  }
  if (want('vnu')) console.log(`== vnu results (${time()})`);
  for (const r of await vnu) result(...r);
} catch (e) {
  failed++;
  failures.push('the checks stopped');
  console.log(`FAIL  the checks stopped: ${e && e.stack ? e.stack : e}`);
} finally {
  if (browser) await browser.close().catch(() => {});
}
console.log(`== ${pages.length} pages in ${time()}`);
if (failures.length) console.log(`failed: ${failures.join('; ')}`);
console.log(`a11y: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
