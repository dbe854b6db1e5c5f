// Search by shards against the whole index: opens a built site's search page from
// file://, and for each query compares what the page shows (its shards loaded as the
// query needs them) with what elasticlunr finds in the whole index, put together by the
// test from every shard and given here as one JSON file (as search.html held it before
// the index was cut). Prints the queries whose results differ, as JSON.
// Usage: node search-whole.mjs SITE_FOLDER WHOLE_JSON QUERIES_JSON
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import fs from 'node:fs';

const [folder, wholeFile, queriesFile] = process.argv.slice(2);
const whole = fs.readFileSync(wholeFile, 'utf8');
const queries = JSON.parse(fs.readFileSync(queriesFile, 'utf8'));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${pathToFileURL(folder).href}/search.html`);
  await page.waitForFunction(() => document.documentElement.hasAttribute('data-search-ready'), null, { timeout: 30000 });
  const differ = {};
  for (const q of queries) {
    const expected = await page.evaluate(({ whole, q }) => {
      const data = JSON.parse(whole);
      const index = elasticlunr.Index.load(data.index);
      const hits = index.search(q, { fields: { title: { boost: 3 }, body: { boost: 1 } }, bool: 'AND', expand: true });
      return { n: hits.length, urls: hits.slice(0, 50).map((h) => data.urls[Number(h.ref)]) };
    }, { whole, q });
    await page.fill('#search-q', q);
    await page.press('#search-q', 'Enter');
    const word = expected.n === 0 ? 'Nothing' : expected.n === 1 ? '1 match' : `${expected.n} matches`;
    await page.waitForFunction(({ q, word }) => {
      const s = document.getElementById('search-status').textContent;
      return s.includes(`“${q}”`) && (s.includes(word) || s.includes('too common'));
    }, { q, word }, { timeout: 10000 }).catch(() => {});
    const shown = await page.$$eval('#search-results a', (links) => links.map((a) => a.getAttribute('href')));
    const status = await page.textContent('#search-status');
    if (JSON.stringify(shown) !== JSON.stringify(expected.urls) || !(status.includes(word) || (expected.n === 0 && status.includes('too common')))) {
      differ[q] = { shown, status, expected };
    }
  }
  if (errors.length) { console.error(`FAIL: page errors: ${errors.join('; ')}`); process.exit(1); }
  console.log(JSON.stringify({ queries: queries.length, differ }));
} finally {
  await browser.close();
}
