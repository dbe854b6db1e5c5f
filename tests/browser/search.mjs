// Searches a built coachsite site in headless Chromium, opened from file:// as a reader
// opens a site sent to them: prints, for each query, the urls of the results and the
// shards of the index the page loaded for it (each query in a page of its own), as JSON.
// Usage: node search.mjs SITE_FOLDER QUERY...
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';

const [folder, ...queries] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const found = {};
  for (const query of queries) {
    const url = `${pathToFileURL(folder).href}/search.html?q=${encodeURIComponent(query)}`;
    await page.goto(url);
    await page.waitForFunction(() => document.documentElement.hasAttribute('data-search-ready'), null, { timeout: 30000 });
    found[query] = {
      status: await page.textContent('#search-status'),
      urls: await page.$$eval('#search-results a', (links) => links.map((a) => a.getAttribute('href'))),
      loaded: await page.$$eval('script[src]', (scripts) => scripts.map((s) => s.getAttribute('src'))),
    };
  }
  // Typing a query shows its results without a reload.
  await page.fill('#search-q', '');
  await page.fill('#search-q', queries[0]);
  await page.waitForFunction((n) => document.querySelectorAll('#search-results li').length === n, found[queries[0]].urls.length, { timeout: 10000 });
  if (errors.length) { console.error(`FAIL: page errors: ${errors.join('; ')}`); process.exit(1); }
  console.log(JSON.stringify(found));
} finally {
  await browser.close();
}
