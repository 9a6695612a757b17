// What one search downloads, measured in Chromium on a built site: each
// query typed into a fresh page, every response after the page's own load
// counted (the index files and the search scripts). Prints bytes and the
// number of results per query. Measure, never assert.
//
//   node scripts/search-bytes.mjs OUT PAGE QUERY...
//   (e.g. node scripts/search-bytes.mjs /dev/shm/out nn/index.html tenesta "barnevern klepp")
//
// Needs playwright-core (npm ci in .ci/a11y) and Chromium (/usr/bin/chromium).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../.ci/a11y/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const [out, start, ...queries] = process.argv.slice(2);
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.json': 'application/json', '.css': 'text/css' };
const server = http.createServer((req, res) => {
  let p = path.join(out, decodeURIComponent(new URL(req.url, 'http://x').pathname));
  if (p.endsWith('/')) p += 'index.html';
  fs.readFile(p, (err, body) => {
    if (err) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': TYPES[path.extname(p)] || 'application/octet-stream' });
    res.end(body);
  });
}).listen(0);
const port = server.address().port;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const q of queries) {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/${start}`, { waitUntil: 'networkidle' });
  const got = [];
  page.on('response', async (r) => { try { got.push([r.url(), (await r.body()).length]); } catch { /* redirect */ } });
  await page.fill('#search-q', q);
  await page.press('#search-q', 'Enter');
  await page.waitForFunction(() => { const s = document.querySelector('.search-status').textContent; return s && !/…$/.test(s); });
  await page.waitForLoadState('networkidle');
  const status = await page.textContent('.search-status');
  const bytes = got.reduce((s, [, n]) => s + n, 0);
  console.log(`${JSON.stringify(q)}\t${(bytes / 1000).toFixed(1)} kB in ${got.length} files\t${status}`);
  await page.close();
}
await browser.close();
server.close();
