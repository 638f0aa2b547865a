// Shared helpers for the browser tests: build the real example programmes once, serve a site on
// 127.0.0.1 under an intranet-like sub-path (optionally with a strict CSP), and drive Debian's
// headless Chromium through playwright-core. No browser is ever downloaded and no request may
// leave the machine: every request that is not to the local server or a file:// URL is recorded
// and aborted, so a test can assert the list is empty.

import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'";

let builtSites = null;

/** Builds every programme in content/ into a fresh temporary folder (once per test file). */
export function sites() {
  if (builtSites) return builtSites;
  const bin = process.env.HANDBOOK_BIN || join(repo, 'target', 'debug', 'handbook');
  if (!existsSync(bin)) throw new Error(`no handbook binary at ${bin}: run cargo build first`);
  const out = mkdtempSync(join(tmpdir(), 'handbook-sites-'));
  // HANDBOOK_PROJECT builds another project folder (a fixture) instead of this repository.
  const project = process.env.HANDBOOK_PROJECT || repo;
  execFileSync(bin, ['build', '--quiet', '--root', project, '--out', out], { stdio: 'inherit' });
  builtSites = out;
  return out;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ics': 'text/calendar; charset=utf-8',
  '.json': 'application/json',
};

/**
 * Serves `root` at http://127.0.0.1:PORT/<prefix>/ . Returns { url, requests, close }.
 * `requests` lists every path asked for, so tests can see what a page loaded.
 */
export async function serve(root, { prefix = '/intranet/mentor/', csp = true } = {}) {
  const requests = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requests.push(path);
    if (!path.startsWith(prefix)) {
      res.writeHead(404).end('outside the site');
      return;
    }
    let file = normalize(join(root, path.slice(prefix.length)));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    const headers = { 'content-type': TYPES[extname(file)] || 'application/octet-stream' };
    if (csp) headers['content-security-policy'] = CSP;
    res.writeHead(200, headers).end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${server.address().port}${prefix}`;
  return { url, requests, close: () => new Promise((ok) => server.close(ok)) };
}

/** The file:// URL of a page of a built site. */
export function fileUrl(site, page = 'index.html') {
  return pathToFileURL(join(site, page)).href;
}

/** Launches Debian's Chromium headless. */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

/**
 * A new page that records console errors, page errors, CSP violations and any request that
 * would leave the site (anything not on 127.0.0.1 and not file:, data: or blob:), which is aborted.
 */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext({ acceptDownloads: true, ...options });
  const page = await context.newPage();
  const problems = { console: [], outside: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.console.push(msg.text());
  });
  page.on('pageerror', (err) => problems.console.push(String(err)));
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    const local = url.protocol === 'file:' || url.protocol === 'data:' || url.protocol === 'blob:' || url.hostname === '127.0.0.1';
    if (local) return route.continue();
    problems.outside.push(url.href);
    return route.abort();
  });
  return { context, page, problems };
}

/**
 * The usual set-up of a test file: the example sites built, served under a sub-path with the
 * strict CSP, and a browser. Returns an object whose fields are filled in `before` and closed in
 * `after`, plus `ways`: the two ways a reader opens a page (http and file://).
 */
export function useSites({ before, after }) {
  const env = { root: null, server: null, browser: null };
  before(async () => {
    env.root = sites();
    env.server = await serve(env.root);
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  env.ways = [
    ['http under a sub-path with CSP', (rel) => env.server.url + rel],
    ['file://', (rel) => fileUrl(env.root, rel)],
  ];
  return env;
}

/** Types a query and returns the result links (relative to the site) and the time taken. */
export async function query(page, text) {
  await page.fill('#search-input', '');
  await page.evaluate(() => { document.getElementById('search-results').dataset.took = ''; });
  await page.fill('#search-input', text);
  await page.waitForFunction(() => document.getElementById('search-results').dataset.took !== '', null, { timeout: 5000 })
    .catch(() => { throw new Error(`no results rendered for ${JSON.stringify(text)}`); });
  return page.evaluate(() => ({
    hrefs: Array.from(document.querySelectorAll('#search-results [role=option]')).map((a) => a.getAttribute('href')),
    took: Number(document.getElementById('search-results').dataset.took),
    none: document.querySelector('#search-results .no-results')?.textContent || null,
  }));
}

/**
 * Types each question (`{ site, q }`) into the search box of its site's front page under `url`,
 * opening a front page only when the site changes; yields each question with what `query` found.
 */
export async function* asked(page, url, questions) {
  let site = null;
  for (const question of questions) {
    if (question.site !== site) {
      site = question.site;
      await page.goto(`${url}${site}/index.html`);
    }
    yield [question, await query(page, question.q)];
  }
}
