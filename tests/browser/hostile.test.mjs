// A hostile programme (issue 15): a page and settings full of things that would run script if
// they were published as written – script tags, event-handler attributes, `javascript:` links and
// images in raw HTML (which is off by default), and HTML in setting values. The site must build
// and publish nothing executable: no dialog opens, no element carries an event handler, no link
// or image uses a script URL, and the only scripts are the theme's own. A Markdown link or image
// to a script URL is refused by the build (tests/integration/bad_input.rs).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repo, serve, launch, openPage } from './helpers.mjs';

const HOSTILE = `---
title: Farlig side
---

Et <script>alert('script')</script> i teksten og et billede <img src=x onerror="alert('img')">.

<div onclick="alert('div')" onmouseover="alert('over')">Klik her</div>

<a href="javascript:alert('link')">Et link</a> og <iframe src="javascript:alert('frame')"></iframe>

<svg onload="alert('svg')"><script>alert('svg-script')</script></svg>

<img src="javascript:alert('src')" alt="x">

| Kolonne | <b onmouseover="alert('cell')">celle</b> |
|---|---|
| {{ unit }} | <style>body{display:none}</style> |

## Overskrift <span onclick="alert('heading')">med span</span>

\`<script>alert('kode')</script>\`
`;

let root, server, browser;

before(async () => {
  const project = mkdtempSync(join(tmpdir(), 'handbook-hostile-'));
  cpSync(join(repo, 'tests', 'fixtures', 'minimal', 'content'), join(project, 'content'), { recursive: true });
  cpSync(join(repo, 'themes'), join(project, 'themes'), { recursive: true });
  const yaml = join(project, 'content', 'da-prog', 'programme.yaml');
  writeFileSync(
    yaml,
    readFileSync(yaml, 'utf8')
      .replace('organisation: Testby Kommune', `organisation: "Testby <img src=x onerror=alert('org')> Kommune"`)
      + `unit: "Enheden <script>alert('unit')</script> for ledelse"\n`,
  );
  writeFileSync(join(project, 'content', 'da-prog', 'farlig.md'), HOSTILE);
  root = join(project, 'site');
  const bin = process.env.HANDBOOK_BIN || join(repo, 'target', 'debug', 'handbook');
  execFileSync(bin, ['build', '--quiet', '--root', project, '--out', root], { stdio: 'inherit' });
  server = await serve(root);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('a hostile page and hostile settings publish nothing that runs', async () => {
  const { page, context, problems } = await openPage(browser);
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  for (const rel of ['da-prog/farlig.html', 'da-prog/index.html', 'da-prog/print.html']) {
    await page.goto(server.url + rel);
    // Give every handler a chance: hover over and click everything in the hostile page's text
    // (the site's own links and buttons aside).
    if (rel === 'da-prog/farlig.html') {
      for (const el of await page.$$('main article *:not(a):not(button):not(input):not(textarea)')) {
        await el.hover({ timeout: 200 }).catch(() => {});
        await el.click({ timeout: 200 }).catch(() => {});
      }
      assert.equal(page.url().split('#')[0], server.url + rel);
    }
    const found = await page.evaluate(() => {
      const handlers = [];
      for (const el of document.querySelectorAll('*')) {
        for (const a of el.attributes) if (a.name.startsWith('on')) handlers.push(`${el.tagName} ${a.name}`);
      }
      const scriptUrls = Array.from(document.querySelectorAll('body [href], body [src], body [action], body [formaction]'))
        .map((el) => el.getAttribute('href') || el.getAttribute('src') || el.getAttribute('action') || el.getAttribute('formaction'))
        .filter((u) => /^\s*(javascript|vbscript|data):/i.test(u));
      const scripts = Array.from(document.scripts).map((s) => s.getAttribute('src') || `inline: ${s.textContent.slice(0, 40)}`);
      const raw = Array.from(document.querySelectorAll('main iframe, main svg script, main style, main script')).map((e) => e.tagName);
      return { handlers, scriptUrls, scripts, raw, text: document.querySelector('main').textContent };
    });
    assert.deepEqual(found.handlers, [], `${rel}: event handlers`);
    assert.deepEqual(found.scriptUrls, [], `${rel}: script URLs`);
    assert.deepEqual(found.raw, [], `${rel}: raw elements`);
    for (const src of found.scripts) {
      assert.match(src, /^(\.\.\/)*(static\/[\w.-]+\.js|search-index\.js)(\?.*)?$/, `${rel}: script ${src}`);
    }
    if (rel === 'da-prog/farlig.html') {
      // The hostile text is shown as text, for the author to see and remove.
      assert.ok(found.text.includes("<script>alert('script')</script>"), found.text);
      assert.ok(found.text.includes("<script>alert('unit')</script>"), found.text);
    }
  }
  await context.close();
  assert.deepEqual(dialogs, []);
  assert.deepEqual(problems.outside, []);
});
