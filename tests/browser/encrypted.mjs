// Opens an encrypted coachsite page in headless Chromium: a wrong password shows the
// error and no content; the right one shows the page; another page then opens without
// asking again (the key is kept for the tab's session).
// Search works on the sealed shards of the index: a query finds its session.
// The password is typed as TYPED when given: the same words in another Unicode form.
// Usage: node encrypted.mjs BASE_URL PASSWORD EXPECTED_TEXT QUERY [TYPED]
import { chromium } from 'playwright-core';

const [base, sealedWith, expected, query, typed] = process.argv.slice(2);
const password = typed || sealedWith;
const fail = (message) => { console.error(`FAIL: ${message}`); process.exit(1); };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${base}index.html`);
  if (!(await page.isVisible('#coachsite-password'))) fail('no password field');
  if ((await page.content()).includes(expected)) fail('content visible before the password');

  await page.fill('#coachsite-password', 'not the password');
  await page.click('button[type=submit]');
  await page.waitForFunction(() => /wrong|incorrect|falsch/i.test(document.getElementById('coachsite-lock-message')?.textContent || ''), null, { timeout: 30000 });
  if ((await page.content()).includes(expected)) fail('content visible after a wrong password');

  await page.fill('#coachsite-password', password);
  await page.click('button[type=submit]');
  await page.waitForFunction((text) => document.body && document.body.innerText.includes(text), expected, { timeout: 30000 });

  await page.goto(`${base}objectives/index.html`);
  await page.waitForFunction(() => document.querySelector('h1') && !document.getElementById('coachsite-password'), null, { timeout: 30000 });
  await page.goto(`${base}search.html?q=${encodeURIComponent(query)}`);
  await page.waitForFunction(() => document.querySelectorAll('#search-results a').length > 0, null, { timeout: 30000 });
  const first = await page.getAttribute('#search-results a', 'href');
  if (!first.startsWith('sessions/')) fail(`search for "${query}" gave ${first} first`);
  // The index came from its sealed shards, opened with the key kept for the tab.
  const shards = await page.$$eval('script[src^="search/words-"]', (s) => s.length);
  if (shards === 0) fail('no shard of the index was loaded');
  if (errors.length) fail(`page errors: ${errors.join('; ')}`);
  console.log('ok: wrong password refused, right password opened, second page opened from the session, search found a session');
} finally {
  await browser.close();
}
