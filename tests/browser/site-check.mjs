// Checks every page of a built coachsite site in headless Chromium, as a person would
// meet it: opened from file:// and served under a sub-path (/coaching/acme/), no console
// error or failed request, no serious or critical axe-core violation, no horizontal
// scrolling at 390 and 1280 px in light and dark mode, screenshots for a person to look
// at, and the print report as PDF with every chart.
// Usage: node site-check.mjs SITE_DIR SHOT_DIR LABEL
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const [siteDir, shotDir, label] = process.argv.slice(2);
fs.mkdirSync(shotDir, { recursive: true });

const pages = [];
(function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.name.endsWith('.html')) pages.push(full);
  }
})(siteDir);
pages.sort();

// A plain static server for the site under a sub-path.
const prefix = '/coaching/acme/';
const types = { html: 'text/html; charset=utf-8', css: 'text/css', svg: 'image/svg+xml', txt: 'text/plain' };
const server = http.createServer((req, res) => {
  const url = decodeURIComponent(req.url.split('?')[0]);
  if (!url.startsWith(prefix)) { res.writeHead(404); res.end(); return; }
  let rel = url.slice(prefix.length) || 'index.html';
  if (rel.endsWith('/')) rel += 'index.html';
  const file = path.join(siteDir, rel);
  if (!file.startsWith(path.resolve(siteDir)) || !fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { 'Content-Type': types[path.extname(file).slice(1)] || 'application/octet-stream' });
  res.end(fs.readFileSync(file));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}${prefix}`;

const shots = new Set(['index.html', 'report.html', 'plan/index.html', 'assessments/index.html', 'sessions/index.html']);
const problems = [];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  let current = '';
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`${current}: console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`${current}: script error: ${e}`));
  page.on('requestfailed', (r) => problems.push(`${current}: failed request: ${r.url()}`));
  // From the file system: every page and everything it loads.
  for (const file of pages) {
    current = `${label} file://${path.relative(siteDir, file)}`;
    await page.goto('file://' + file);
  }
  // Served under a sub-path: accessibility, widths, colour schemes, screenshots.
  for (const file of pages) {
    const rel = path.relative(siteDir, file).split(path.sep).join('/');
    current = `${label} ${prefix}${rel}`;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ colorScheme: 'light', media: 'screen' });
    const response = await page.goto(base + rel);
    if (!response || response.status() !== 200) problems.push(`${current}: status ${response && response.status()}`);
    await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async () => {
      const result = await window.axe.run(document, { resultTypes: ['violations'] });
      return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    });
    for (const v of violations) problems.push(`${current}: axe: ${v}`);
    for (const width of [390, 1280]) {
      for (const scheme of ['light', 'dark']) {
        await page.setViewportSize({ width, height: 900 });
        await page.emulateMedia({ colorScheme: scheme, media: 'screen' });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (overflow > 1) problems.push(`${current}: scrolls sideways by ${overflow}px at ${width}px (${scheme})`);
        if (shots.has(rel)) {
          const name = `${label}-${rel.replace(/[\/.]/g, '_')}-${width}-${scheme}.png`;
          await page.screenshot({ path: path.join(shotDir, name), fullPage: true });
        }
      }
    }
  }
  // The print report: every chart visible on paper, printed to PDF.
  const report = path.join(siteDir, 'report.html');
  if (fs.existsSync(report)) {
    current = `${label} report.html (print)`;
    await page.goto('file://' + report);
    await page.emulateMedia({ media: 'print', colorScheme: 'light' });
    const hidden = await page.evaluate(() => [...document.querySelectorAll('svg.chart')]
      .filter((svg) => { const r = svg.getBoundingClientRect(); return r.width < 50 || r.height < 20; })
      .map((svg) => svg.id));
    const charts = await page.evaluate(() => document.querySelectorAll('svg.chart').length);
    if (charts === 0) problems.push(`${current}: no chart in the report`);
    for (const id of hidden) problems.push(`${current}: chart ${id} is not visible in print`);
    await page.pdf({ path: path.join(shotDir, `${label}-report.pdf`), format: 'A4', printBackground: true });
  }
} finally {
  await browser.close();
  server.close();
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`ok: ${pages.length} pages of the ${label} site`);
