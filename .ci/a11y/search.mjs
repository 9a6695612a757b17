// Search (issue #13) in a real browser, on the example site under the
// sub-path: a word inflected otherwise than in the text finds the page in
// nynorsk and in bokmål; a word only in the other language finds nothing;
// a text shown in the other language says so; Enter on a result opens the
// page at the heading; axe is clean with the results open; the field is
// hidden where the index cannot load (file://). Screenshots of the results
// at 360 and 1280 px go to the artifacts.

import path from 'node:path';
import { pathToFileURL } from 'node:url';

// [page, query, page it must find (with #heading), words in the excerpt]
const FINDS = [
  // nn text: "Overgangsbustader"; the query is the definite singular.
  ['nn/index.html', 'overgangsbustaden', 'nn/klepp/barnevern/index.html#status', 'Klepp'],
  // nb text: "Overgangsboliger".
  ['nb/index.html', 'overgangsboligen', 'nb/klepp/barnevern/index.html#status', 'Klepp'],
  // nn text: "saksbehandlarane"; nb text: "saksbehandlerne".
  ['nn/klepp/index.html', 'saksbehandlar', 'nn/klepp/barnevern/index.html#status', 'Klepp'],
  // Half a word, as while typing: "barnevernt" begins "barneverntjenesten".
  ['nb/klepp/index.html', 'barnevernt', 'nb/klepp/barnevern/index.html', 'Klepp'],
];
// Words that exist only in the other written standard ("overgangsboliger"
// stems to "overgangsbo", a beginning of the nynorsk "overgangsbustader").
const NOTHING = [
  ['nn/index.html', 'overgangsboliger'],
  ['nb/index.html', 'overgangsbustader'],
  ['nb/index.html', 'ikkje'],
  ['nb/index.html', 'hovudmålet'],
];

async function search(page, q) {
  const input = page.locator('#search-q');
  await input.fill('');
  await input.pressSequentially(q, { delay: 20 });
  await page.waitForFunction(() => document.querySelector('.search-status')?.textContent.trim() !== '' && !/…$/.test(document.querySelector('.search-status').textContent), null, { timeout: 15000 });
  return page.evaluate(() => ({
    status: document.querySelector('.search-status').textContent,
    statusRole: document.querySelector('.search-status').getAttribute('role'),
    hits: [...document.querySelectorAll('.search-results li')].map((li) => ({
      href: li.querySelector('a').href,
      text: li.textContent,
      marks: li.querySelectorAll('mark').length,
      fallback: li.querySelector('.search-fallback')?.textContent || null,
    })),
  }));
}

export async function searchChecks({ newContext, open, pageUrl, result, short, ARTIFACTS, axeSource, tabTo, SITE }) {
  const ctx = await newContext(1280);
  for (const [from, q, want, where] of FINDS) {
    const { page } = await open(ctx, pageUrl(from));
    const problems = [];
    // By keyboard alone: Tab to the field, type, Tab to the first result, Enter.
    if (!(await tabTo(page, '#search-q', 20))) problems.push(`${from}: Tab never reaches the search field`);
    const r = await search(page, q);
    const target = pageUrl(want);
    const same = (href) => (want.includes('#') ? href === target : href.split('#')[0] === target);
    const hit = r.hits.find((h) => same(h.href));
    if (r.statusRole !== 'status') problems.push('the result count is not in a role=status element');
    if (!hit) problems.push(`${from}: «${q}» did not find ${want}; got ${JSON.stringify(r.hits.map((h) => h.href))} (${r.status})`);
    else {
      if (!hit.marks) problems.push(`${from}: the result for «${q}» highlights nothing: ${short(hit.text)}`);
      if (!hit.text.includes(where)) problems.push(`${from}: the result does not name ${where}: ${short(hit.text)}`);
      if (same(r.hits[0].href)) {
        await page.keyboard.press('Tab');
        await page.keyboard.press('Tab');
        const at = await page.evaluate(() => document.activeElement?.href);
        if (at !== r.hits[0].href) problems.push(`${from}: Tab from the field lands on ${at}, not the first result`);
        else {
          await Promise.all([page.waitForURL(r.hits[0].href), page.keyboard.press('Enter')]);
          const lang = await page.evaluate(() => document.documentElement.lang);
          if (lang !== want.split('/')[0]) problems.push(`${target} has lang ${lang}`);
        }
      }
    }
    result(`search: «${q}» on ${from} finds ${want}`, problems, [`${r.status}: ${r.hits.map((h) => h.href.replace(pageUrl(''), '')).join(', ')}`]);
    await page.close();
  }
  for (const [from, q] of NOTHING) {
    const { page } = await open(ctx, pageUrl(from));
    const r = await search(page, q);
    const problems = r.hits.length ? [`${from}: «${q}» found ${r.hits.map((h) => h.href).join(', ')}`] : [];
    if (!r.status.includes(q)) problems.push(`${from}: the status says «${r.status}»`);
    result(`search: «${q}» on ${from} finds nothing`, problems, [r.status]);
    await page.close();
  }
  // A page whose text is only in bokmål says so in the nynorsk results.
  {
    const { page } = await open(ctx, pageUrl('nn/index.html'));
    const r = await search(page, 'kvalifiseringsprogram');
    const hit = r.hits.find((h) => h.href.startsWith(pageUrl('nn/stavanger/nav-kontorene/index.html')));
    const problems = [];
    if (!hit) problems.push(`no result on nn/stavanger/nav-kontorene: ${JSON.stringify(r.hits)}`);
    else if (hit.fallback !== 'Teksten finst berre på bokmål') problems.push(`the result says ${JSON.stringify(hit.fallback)}`);
    result('search: a result on a text in the other language says so', problems);
    await page.close();
  }
  await ctx.close();

  // axe with the results open, light and dark, and no sideways scrolling at
  // 320 px; screenshots at 360 and 1280.
  const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
  for (const [width, scheme] of [[1280, 'light'], [360, 'light'], [360, 'dark'], [320, 'light']]) {
    const c = await newContext(width, 800, { colorScheme: scheme });
    for (const l of ['nn', 'nb']) {
      const { page } = await open(c, pageUrl(`${l}/klepp/index.html`));
      await search(page, l === 'nn' ? 'tenesta' : 'tjenesten');
      const problems = [];
      await page.addScriptTag({ content: axeSource });
      const v = await page.evaluate(async (tags) => (await axe.run(document, { runOnly: { type: 'tag', values: tags } })).violations
        .map((x) => `[${x.id}] ${x.help}: ${x.nodes.map((n) => n.target.join(' ')).join(', ')}`), TAGS);
      problems.push(...v);
      const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (over > 0) problems.push(`${over} px of sideways scrolling at ${width} px`);
      result(`search: axe and width with results open, ${l} ${width} px ${scheme}`, problems);
      if (width !== 320) await page.screenshot({ path: path.join(ARTIFACTS, `search-${l}-${scheme}-${width}.png`), fullPage: false });
      await page.close();
    }
    await c.close();
  }

  // From file:// the index cannot load: no field at all rather than a broken one.
  {
    const c = await newContext(1280);
    await c.unroute('**/*');
    const page = await c.newPage();
    await page.goto(pathToFileURL(path.join(SITE, 'nn/klepp/index.html')).href, { waitUntil: 'load' });
    await page.waitForTimeout(500);
    const visible = await page.locator('.site-search').isVisible();
    result('search: hidden when the page is opened from file://', visible ? ['the search field shows'] : []);
    await c.close();
  }
}
