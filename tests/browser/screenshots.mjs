// Screenshots of built pages for a person to look at (not a test):
//   node tests/browser/screenshots.mjs SITE_DIR OUT_DIR page.html [page.html ...]
// Each page at desktop width (light and dark), at 320 px (light and dark), and in print emulation.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openPage, fileUrl } from './helpers.mjs';

const [site, out, ...pages] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const browser = await launch();
for (const [name, viewport, media, colorScheme] of [
  ['desktop', { width: 1280, height: 900 }, 'screen', 'light'],
  ['desktop-dark', { width: 1280, height: 900 }, 'screen', 'dark'],
  ['phone', { width: 320, height: 640 }, 'screen', 'light'],
  ['phone-dark', { width: 320, height: 640 }, 'screen', 'dark'],
  ['print', { width: 800, height: 1100 }, 'print', 'light'],
]) {
  const { page, context } = await openPage(browser, { viewport, colorScheme });
  await page.emulateMedia({ media, colorScheme });
  for (const rel of pages) {
    await page.goto(fileUrl(site, rel));
    const file = join(out, `${rel.replaceAll('/', '_').replace('.html', '')}-${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(file);
  }
  await context.close();
}
await browser.close();
