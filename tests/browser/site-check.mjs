// Checks every page of a built coachsite site in headless Chromium, as a person would
// meet it: opened from file:// and served under a sub-path (/coaching/acme/), no console
// error or failed request, no serious or critical axe-core violation, no horizontal
// scrolling at 320, 390 and 1280 px in light and dark mode, every chart and table whole on
// the screen (not wider, not in a box that scrolls or cuts it), chart labels that can be
// read (not on top of each other, not cut off, 11 px or more, 4.5:1 contrast in light and
// dark mode), screenshots for a person to look at, and the print report: every chart on
// paper, the paper size the reader expects, no more than two pages for the sponsor and four
// for the example's client, nothing to click on paper.
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

// ---------------------------------------------------------------------------------------
// Chart labels. A person cannot read a label that sits on another one, that is cut off at
// the chart's edge, or that is tiny on a phone. Measured in the browser, in CSS pixels.

// Smallest chart text a person can read on a phone, in CSS pixels.
const MIN_PHONE_TEXT_PX = 11;
// Overlaps and overhangs up to this many pixels are rounding, not a problem.
const SLACK_PX = 1;

// Runs in the page: every chart a person can see now (not display:none, not in a closed
// <details>, not a hidden narrow/wide variant), with every non-empty label it shows.
function measureCharts() {
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && el.checkVisibility({ checkVisibilityCSS: true });
  };
  const box = (r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
  return [...document.querySelectorAll('svg.chart')].map((svg, index) => ({ svg, index }))
    .filter(({ svg }) => shown(svg))
    .map(({ svg, index }) => {
      // From the laid-out width: getScreenCTM() can be stale just after a resize.
      const view = svg.viewBox?.baseVal;
      const scale = view && view.width > 0
        ? Math.min(svg.getBoundingClientRect().width / view.width, svg.getBoundingClientRect().height / view.height)
        : svg.getScreenCTM()?.a ?? 1;
      const texts = [...svg.querySelectorAll('text')]
        .filter((t) => t.textContent.trim() !== '' && shown(t))
        .map((t) => ({
          text: t.textContent.trim().replace(/\s+/g, ' '),
          box: box(t.getBoundingClientRect()),
          renderedPx: parseFloat(getComputedStyle(t).fontSize) * scale,
        }));
      return { id: svg.id ? `#${svg.id}` : `svg.chart[${index}]`, box: box(svg.getBoundingClientRect()), texts };
    });
}

const px = (n) => `${Math.round(n * 10) / 10}px`;
const quote = (s) => JSON.stringify(s.length > 40 ? `${s.slice(0, 39)}…` : s);

// How far two boxes overlap across and down (negative: a gap).
function overlap(a, b) {
  return {
    x: Math.min(a.right, b.right) - Math.max(a.left, b.left),
    y: Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top),
  };
}

// (a) Two labels of one chart drawn on top of each other.
function overlappingLabels(chart) {
  const found = [];
  chart.texts.forEach((a, i) => chart.texts.slice(i + 1).forEach((b) => {
    const o = overlap(a.box, b.box);
    if (o.x > SLACK_PX && o.y > SLACK_PX) {
      found.push(`labels ${quote(a.text)} and ${quote(b.text)} overlap by ${px(o.x)} × ${px(o.y)}`);
    }
  }));
  return found;
}

// (b) A label that sticks out of the chart, where the browser cuts it off.
function clippedLabels(chart) {
  const c = chart.box;
  return chart.texts.flatMap((t) => {
    const out = {
      left: c.left - t.box.left, right: t.box.right - c.right,
      top: c.top - t.box.top, bottom: t.box.bottom - c.bottom,
    };
    const sides = Object.entries(out).filter(([, by]) => by > SLACK_PX)
      .map(([side, by]) => `${px(by)} past the ${side}`);
    return sides.length ? [`label ${quote(t.text)} is cut off: ${sides.join(', ')}`] : [];
  });
}

// On a phone: labels rendered smaller than a person can read (one line per chart).
function tinyLabels(chart) {
  const tiny = chart.texts.filter((t) => t.renderedPx < MIN_PHONE_TEXT_PX);
  if (tiny.length === 0) return [];
  const sizes = tiny.map((t) => t.renderedPx);
  const [low, high] = [Math.min(...sizes), Math.max(...sizes)];
  const range = high - low < 0.05 ? px(low) : `${px(low)}–${px(high)}`;
  const examples = tiny.slice(0, 4).map((t) => quote(t.text)).join(', ');
  return [`${tiny.length} of ${chart.texts.length} labels are ${range} tall on a phone, `
    + `under ${MIN_PHONE_TEXT_PX}px (${examples}${tiny.length > 4 ? ', …' : ''})`];
}

// All label problems of the page as it is laid out now, one line each. Text is checked
// for size at every width: a chart is drawn for the width it is shown at.
async function checkChartLabels(page, where, width) {
  for (const chart of await page.evaluate(measureCharts)) {
    const found = [...overlappingLabels(chart), ...clippedLabels(chart), ...tinyLabels(chart)];
    for (const f of found) problems.push(`${where} at ${width}px: chart ${chart.id}: ${f}`);
  }
}

// ---------------------------------------------------------------------------------------
// Fit. A person on a phone reads a chart or a table whole: none is wider than the screen,
// none sits in a box that scrolls sideways or cuts it off.

// Runs in the page: every chart and table a person can see that does not fit, one line each.
function unfitting() {
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && el.checkVisibility({ checkVisibilityCSS: true });
  };
  const screen = document.documentElement.clientWidth;
  const name = (el) => (el.id ? `#${el.id}` : `${el.localName}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`);
  const what = (el) => {
    if (el.localName === 'table') {
      const caption = el.querySelector('caption, th')?.textContent.trim().replace(/\s+/g, ' ').slice(0, 40) || '';
      const heading = el.closest('section, details, figure')?.querySelector('h2, h3, summary')?.textContent.trim().slice(0, 40) || '';
      return `table "${heading || caption}"`;
    }
    return `chart ${name(el)}`;
  };
  const found = [];
  for (const el of document.querySelectorAll('svg.chart, table')) {
    if (!shown(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.right > screen + 1 || r.left < -1) {
      found.push(`${what(el)} is ${Math.round(r.width)}px wide, past the ${screen}px screen`);
      continue;
    }
    // The table itself (a Markdown table in a note is a block that can scroll), then
    // every box around it.
    for (let box = el; box && box !== document.documentElement; box = box.parentElement) {
      if (box.scrollWidth > box.clientWidth + 1) {
        found.push(`${what(el)} is in ${name(box)}, which is ${box.scrollWidth - box.clientWidth}px wider inside than it shows (it scrolls or cuts)`);
        break;
      }
      const b = box.getBoundingClientRect();
      if (box !== el && getComputedStyle(box).overflowX !== 'visible' && (r.right > b.right + 1 || r.left < b.left - 1)) {
        found.push(`${what(el)} runs past the edge of ${name(box)}`);
        break;
      }
    }
  }
  return found;
}

async function checkFit(page, where, width) {
  for (const f of await page.evaluate(unfitting)) problems.push(`${where} at ${width}px: ${f}`);
}

// ---------------------------------------------------------------------------------------
// Contrast. Chart text reaches 4.5:1 (WCAG AA) against what is behind it: the page (the
// first ancestor with a background), or a heat map's cell for the number in it.

const MIN_CONTRAST = 4.5;

// Runs in the page: chart texts under the contrast, one per chart and colour.
function lowContrastChartText(min) {
  const rgb = (text) => {
    const m = text.match(/rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/);
    return m ? { c: [m[1], m[2], m[3]].map(Number), a: m[4] === undefined ? 1 : Number(m[4]) } : null;
  };
  const luminance = ([r, g, b]) => {
    const f = (v) => { const c = v / 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a, b) => { const [x, y] = [luminance(a), luminance(b)]; return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const pageBackground = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const bg = rgb(getComputedStyle(e).backgroundColor);
      if (bg && bg.a > 0.5) return bg.c;
    }
    return [255, 255, 255];
  };
  const found = new Map();
  for (const svg of document.querySelectorAll('svg.chart')) {
    if (!svg.checkVisibility({ checkVisibilityCSS: true }) || svg.getBoundingClientRect().width === 0) continue;
    const page = pageBackground(svg);
    for (const t of svg.querySelectorAll('text')) {
      if (t.textContent.trim() === '') continue;
      const fill = rgb(getComputedStyle(t).fill);
      if (!fill) continue;
      const level = [...t.classList].find((c) => /^f-l\d$/.test(c));
      const cell = level && svg.querySelector(`rect.${level}`);
      const behind = cell ? rgb(getComputedStyle(cell).fill)?.c ?? page : page;
      const r = ratio(fill.c, behind);
      const key = `${svg.id} ${t.getAttribute('class') || ''}`;
      if (r < min && !found.has(key)) {
        found.set(key, `chart #${svg.id}: "${t.textContent.trim().slice(0, 30)}" (${t.getAttribute('class') || 'no class'}) is rgb(${fill.c.join(', ')}) on rgb(${behind.join(', ')}), ${r.toFixed(2)}:1 (at least ${min}:1)`);
      }
    }
  }
  return [...found.values()];
}

async function checkContrast(page, where, scheme) {
  for (const f of await page.evaluate(lowContrastChartText, MIN_CONTRAST)) problems.push(`${where} (${scheme}): ${f}`);
}

// ---------------------------------------------------------------------------------------
// The printed report. A reader prints on the paper of their country, a sponsor reads two
// pages at most, and paper has no buttons to press or summaries to open.

const PAPERS = { a4: { name: 'A4', width: 595, height: 842 }, letter: { name: 'US Letter', width: 612, height: 792 } };

// The paper the report is meant for: the site's own choice (<html data-paper="a4|letter">)
// if it states one, else from the language: English → US Letter, French, German and
// everything else → A4 (the ISO size used outside North America).
async function expectedPaper(page) {
  const { paper, lang } = await page.evaluate(() => ({
    paper: document.documentElement.dataset.paper || '',
    lang: document.documentElement.lang || '',
  }));
  const key = PAPERS[paper.toLowerCase()] ? paper.toLowerCase() : (/^en\b/i.test(lang) ? 'letter' : 'a4');
  const why = PAPERS[paper.toLowerCase()] ? `data-paper="${paper}"` : `lang="${lang}"`;
  return { ...PAPERS[key], why };
}

// The first page's size in points, from its /MediaBox (Chromium writes the PDF uncompressed
// enough for this), and the number of pages (/Type /Page, not /Type /Pages).
function pdfFacts(bytes) {
  const text = bytes.toString('latin1');
  const box = text.match(/\/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]/);
  const size = box && { width: box[3] - box[1], height: box[4] - box[2] };
  const pageCount = (text.match(/\/Type\s*\/Page(?!s)/g) || []).length;
  return { size, pageCount };
}

function checkPaper(where, facts, paper) {
  if (!facts.size) { problems.push(`${where}: no /MediaBox found in the PDF`); return; }
  const { width, height } = facts.size;
  const fits = Math.abs(width - paper.width) <= 2 && Math.abs(height - paper.height) <= 2;
  if (!fits) {
    problems.push(`${where}: printed on ${Math.round(width)}×${Math.round(height)} pt, expected ${paper.name} `
      + `(${paper.width}×${paper.height} pt, from ${paper.why})`);
  }
}

function checkPageCount(where, facts) {
  if (label === 'sponsor' && facts.pageCount > 2) {
    problems.push(`${where}: the sponsor's report prints on ${facts.pageCount} pages (at most 2)`);
  }
  // The example's client report: a consultancy's report, four pages at most.
  if (label === 'client' && facts.pageCount > 4) {
    problems.push(`${where}: the client's report prints on ${facts.pageCount} pages (at most 4)`);
  }
}

// Runs in the page (print media): controls a person can see on paper but not use.
function visibleControls() {
  return [...document.querySelectorAll('summary, button, input, select, textarea')]
    .filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0
        && el.checkVisibility({ checkVisibilityCSS: true }) && getComputedStyle(el).visibility !== 'hidden';
    })
    .map((el) => {
      const chart = el.closest('.chart-figure, figure, section')?.querySelector('svg.chart')?.id;
      const text = (el.textContent || el.getAttribute('aria-label') || el.type || '').trim().replace(/\s+/g, ' ');
      return `<${el.localName}> "${text.slice(0, 40)}"${chart ? ` (by chart #${chart})` : ''}`;
    });
}

// The print report: every chart visible on paper, printed to PDF and the PDF checked.
async function checkPrintReport(page, where) {
  const report = path.join(siteDir, 'report.html');
  if (!fs.existsSync(report)) return;
  await page.goto('file://' + report);
  await page.emulateMedia({ media: 'print', colorScheme: 'light' });
  // Paper shows the wide drawing of a chart drawn twice; its narrow one is for phones.
  const hidden = await page.evaluate(() => [...document.querySelectorAll('svg.chart:not(.chart-narrow)')]
    .filter((svg) => { const r = svg.getBoundingClientRect(); return r.width < 50 || r.height < 20; })
    .map((svg) => svg.id));
  const narrowOnPaper = await page.evaluate(() => [...document.querySelectorAll('svg.chart-narrow')]
    .filter((svg) => svg.getBoundingClientRect().width > 0).map((svg) => svg.id));
  for (const id of narrowOnPaper) problems.push(`${where}: the narrow drawing ${id} is printed`);
  const charts = await page.evaluate(() => document.querySelectorAll('svg.chart').length);
  if (charts === 0) problems.push(`${where}: no chart in the report`);
  for (const id of hidden) problems.push(`${where}: chart ${id} is not visible in print`);
  for (const control of await page.evaluate(visibleControls)) {
    problems.push(`${where}: ${control} is printed, but paper cannot be clicked`);
  }
  const pdfPath = path.join(shotDir, `${label}-report.pdf`);
  await page.pdf({ path: pdfPath, preferCSSPageSize: true, printBackground: true });
  const facts = pdfFacts(fs.readFileSync(pdfPath));
  checkPaper(where, facts, await expectedPaper(page));
  checkPageCount(where, facts);
}

// ---------------------------------------------------------------------------------------

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
  // Served under a sub-path: accessibility, widths, colour schemes, chart labels, screenshots.
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
    for (const width of [320, 390, 1280]) {
      for (const scheme of ['light', 'dark']) {
        await page.setViewportSize({ width, height: 900 });
        await page.emulateMedia({ colorScheme: scheme, media: 'screen' });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (overflow > 1) problems.push(`${current}: scrolls sideways by ${overflow}px at ${width}px (${scheme})`);
        if (scheme === 'light') {
          await checkChartLabels(page, current, width);
          await checkFit(page, current, width);
        }
        // Colours do not depend on the width: checked once per scheme.
        if (width === 390) await checkContrast(page, current, scheme);
        if (shots.has(rel) && width !== 320) {
          const name = `${label}-${rel.replace(/[\/.]/g, '_')}-${width}-${scheme}.png`;
          await page.screenshot({ path: path.join(shotDir, name), fullPage: true });
        }
      }
    }
  }
  current = `${label} report.html (print)`;
  await checkPrintReport(page, current);
} finally {
  await browser.close();
  server.close();
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`ok: ${pages.length} pages of the ${label} site`);
