// The auditors' checks over every page of every example programme (issue 6): axe-core's WCAG 2.1
// A and AA rules on screen and in print, the Nu HTML Checker, a strict Content-Security-Policy
// with no console error, no request leaving the site (over http under a sub-path and from
// file://), no horizontal scrolling at 320 px, text at 200 %, and the skip link.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repo, sites, serve, launch, openPage, fileUrl } from './helpers.mjs';

const AXE = join(repo, 'node_modules', 'axe-core', 'axe.min.js');
const VNU = join(repo, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

function htmlFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...htmlFiles(path));
    else if (name.endsWith('.html')) out.push(path);
  }
  return out;
}

let root, server, browser, pages;

before(async () => {
  root = sites();
  pages = htmlFiles(root).map((file) => relative(root, file));
  if (!process.env.HANDBOOK_PROJECT) {
    assert.ok(pages.length > 20, `expected the example programmes' pages, found ${pages.length}`);
  }
  server = await serve(root, { prefix: '/intranet/mentor/' });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** axe's violations as readable lines: rule, impact, target. */
function describe(violations) {
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} – ${v.help}`));
}

/** Runs axe on the open page with the given rules' tags (or only the given rule ids). */
async function axe(page, { tags, rules }) {
  const result = await page.evaluate(async ({ tags, rules }) => {
    const runOnly = rules ? { type: 'rule', values: rules } : { type: 'tag', values: tags };
    // eslint-disable-next-line no-undef
    return axe.run(document, { runOnly, resultTypes: ['violations'] });
  }, { tags, rules });
  return describe(result.violations);
}

/** Words of table cells that the browser broke inside: a word whose letters lie on two lines. */
async function brokenWords(page) {
  return page.evaluate(() => {
    const broken = [];
    for (const cell of document.querySelectorAll('main td, main th')) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent;
        const re = /[^\s\-–]+/gu;
        for (let m = re.exec(text); m; m = re.exec(text)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0);
          const lines = new Set(rects.map((r) => Math.round(r.top)));
          if (lines.size > 1) broken.push(m[0]);
        }
      }
    }
    return broken;
  });
}

// One visit per page does every check that needs the page's layout: axe (WCAG 2.1 A and AA) on
// screen, in print and in the dark scheme (there only the colour rules, the only ones a scheme
// changes), nothing scrolling sideways at 320 px or with text at 200 %, and no word of a table cell
// broken inside at 320 px or 390 px (the print view, which repeats every page, on screen and in
// print only). The pages are shared between four browser pages at a time.
test('every page passes axe in both colour schemes and in print, reflows, and keeps table words whole', async () => {
  // axe is injected as a script, which a strict CSP would block: this run bypasses CSP; the CSP
  // itself is tested below without bypass.
  const findings = [];
  const queue = pages.slice();
  async function worker() {
    const { page, context } = await openPage(browser, { bypassCSP: true, viewport: { width: 1280, height: 800 } });
    for (let rel = queue.shift(); rel; rel = queue.shift()) {
      await page.goto(server.url + rel);
      await page.addScriptTag({ path: AXE });
      // The print view holds every page of the handbook, each audited on its own in every
      // scheme and width: it is audited as it is used, on screen and in print.
      const whole = rel.endsWith('print.html');
      for (const [label, media, colorScheme, which] of [
        ['screen', 'screen', 'light', { tags: TAGS }],
        ['print', 'print', 'light', { tags: TAGS }],
        ['dark', 'screen', 'dark', { rules: ['color-contrast', 'link-in-text-block'] }],
      ].filter(([label]) => !whole || label !== 'dark')) {
        await page.emulateMedia({ media, colorScheme });
        for (const line of await axe(page, which)) findings.push(`${rel} [${label}] ${line}`);
      }
      await page.emulateMedia({ media: 'screen', colorScheme: 'light' });
      if (whole) continue;
      const zoomed = await page.evaluate(() => {
        document.documentElement.style.fontSize = '200%';
        const w = document.documentElement.scrollWidth;
        document.documentElement.style.fontSize = '';
        return w;
      });
      if (zoomed > 1280) findings.push(`${rel}: ${zoomed}px wide with text at 200%`);
      for (const width of [320, 390]) {
        await page.setViewportSize({ width, height: 700 });
        const w = await page.evaluate(() => document.documentElement.scrollWidth);
        if (w > width) findings.push(`${rel}: ${w}px wide at ${width}px`);
        for (const word of await brokenWords(page)) findings.push(`${rel}: the table word "${word}" is broken at ${width}px`);
      }
      await page.setViewportSize({ width: 1280, height: 800 });
    }
    await context.close();
  }
  await Promise.all([worker(), worker(), worker(), worker()]);
  assert.deepEqual(findings, []);
});

test('a table wider than a phone scrolls in its own focusable, named region', async () => {
  const { page, context } = await openPage(browser, { viewport: { width: 320, height: 640 } });
  const withTables = [];
  for (const rel of pages.filter((p) => !p.endsWith('print.html'))) {
    await page.goto(server.url + rel);
    const regions = await page.$$eval('main .table-scroll', (els) => els.map((el) => ({
      scrolls: el.scrollWidth > el.clientWidth,
      focusable: el.tabIndex === 0,
      named: Boolean(el.getAttribute('aria-label') || (el.getAttribute('aria-labelledby') && document.getElementById(el.getAttribute('aria-labelledby')))),
    })));
    for (const r of regions) {
      assert.ok(r.focusable && r.named, `${rel}: a table region is not focusable and named`);
      if (r.scrolls) withTables.push(rel);
    }
  }
  await context.close();
  assert.ok(withTables.length > 0, 'no table of the examples is wider than a phone; the check checked nothing');
});

test('every page is valid HTML for the Nu HTML Checker', () => {
  const files = pages.map((rel) => join(root, rel));
  // vnu writes its JSON report to stderr; a run that printed no report is a failure, not a pass.
  const run = spawnSync('java', ['-jar', VNU, '--errors-only', '--format', 'json', '--exit-zero-always', ...files], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(run.status, 0, `vnu did not run: ${run.error || run.stderr}`);
  const messages = JSON.parse(run.stderr).messages;
  const errors = messages.filter((m) => m.type === 'error').map((m) => `${relative(root, new URL(m.url).pathname)}:${m.lastLine}: ${m.message}`);
  assert.deepEqual(errors, []);
});

test('every page works under the strict CSP from a sub-path, with nothing requested from outside', async () => {
  const { page, context, problems } = await openPage(browser);
  for (const rel of pages) {
    await page.goto(server.url + rel);
    await page.waitForLoadState('load');
  }
  await context.close();
  assert.deepEqual(problems.console, []);
  assert.deepEqual(problems.outside, []);
  assert.ok(server.requests.every((p) => p.startsWith('/intranet/mentor/')), 'a request left the sub-path');
});

test('every page works opened from a file share (file://)', async () => {
  const { page, context, problems } = await openPage(browser);
  for (const rel of pages) {
    await page.goto(fileUrl(root, rel));
  }
  await context.close();
  assert.deepEqual(problems.console, []);
  assert.deepEqual(problems.outside, []);
});

test('the skip link is the first stop and moves focus to the content', async () => {
  const { page, context } = await openPage(browser);
  for (const rel of pages.filter((p) => p.endsWith('index.html'))) {
    await page.goto(server.url + rel);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link', rel);
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => location.hash), '#main', rel);
    const visible = await page.evaluate(() => document.activeElement.closest('main') !== null || document.activeElement.id === 'main');
    assert.ok(visible, `${rel}: focus did not move into main`);
  }
  await context.close();
});

test('the navigation is always shown on a wide screen and folded on a phone, where it opens', async () => {
  const rel = 'randers/formaal.html';
  const wide = await openPage(browser, { viewport: { width: 1280, height: 800 } });
  await wide.page.goto(server.url + rel);
  assert.ok(await wide.page.isVisible('.site-nav a[aria-current="page"]'));
  assert.ok(!(await wide.page.isVisible('.nav-toggle > summary')));
  // Keyboard users reach the links after the header's skip link, site name and search.
  let focused = false;
  for (let i = 0; i < 6 && !focused; i++) {
    await wide.page.keyboard.press('Tab');
    focused = await wide.page.evaluate(() => document.activeElement.matches('.site-nav a'));
  }
  assert.ok(focused, 'a navigation link takes focus on a wide screen');
  await wide.context.close();

  const phone = await openPage(browser, { viewport: { width: 320, height: 640 } });
  await phone.page.goto(server.url + rel);
  assert.ok(!(await phone.page.isVisible('.site-nav a[aria-current="page"]')));
  // The page's own heading is on the first screen, not below a long list of links.
  const top = await phone.page.evaluate(() => document.querySelector('main h1').getBoundingClientRect().top);
  assert.ok(top < 640, `the heading starts at ${top}px`);
  await phone.page.click('.nav-toggle > summary');
  assert.ok(await phone.page.isVisible('.site-nav a[aria-current="page"]'));
  await phone.context.close();
});
