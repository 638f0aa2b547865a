// Worksheets in a real browser: answers survive a reload, go out and come back as a file, never
// run what an imported file contains, print whole, and work without storage, over http under a
// sub-path with a strict CSP and from file://.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useSites, openPage, fileUrl } from './helpers.mjs';

const env = useSites({ before, after });

const SWOT = 'randers/vaerktoejer/swot.html';
const LOGBOOK = 'randers/vaerktoejer/logbog.html';

/** Both ways a reader opens the site. */
const WAYS = env.ways;

async function fill(page, selector, text) {
  await page.fill(selector, text);
  // The form saves 150 ms after the last keystroke.
  await page.waitForFunction(
    (sel) => document.querySelector(sel).closest('form').querySelector('.ws-status').textContent !== '',
    selector,
  );
}

for (const [way, url] of WAYS) {
  test(`answers are kept across a reload (${way})`, async () => {
    const { page, context, problems } = await openPage(env.browser);
    await page.goto(url(SWOT));
    const multiline = 'Lytter godt\nTager ansvar – også når det er svært\nÆøå ÄÖ 漢字 🙂';
    await fill(page, '#ws-swot-strengths', multiline);
    await fill(page, '#ws-swot-threats', 'Travlhed');
    await page.reload();
    assert.equal(await page.inputValue('#ws-swot-strengths'), multiline);
    assert.equal(await page.inputValue('#ws-swot-threats'), 'Travlhed');
    assert.match(await page.textContent('#ws-swot .ws-privacy'), /kun i denne browser/);
    const keys = await page.evaluate(() => Object.keys(localStorage));
    assert.deepEqual(keys, ['handbook:randers:swot:v1']);
    await context.close();
    assert.deepEqual(problems.console, []);
    assert.deepEqual(problems.outside, []);
  });
}

test('answers written in another tab show at once, and a tab left open never overwrites them', async () => {
  const { page, context, problems } = await openPage(env.browser);
  await page.goto(env.server.url + SWOT);
  await fill(page, '#ws-swot-strengths', 'Første udkast');
  const other = await context.newPage();
  await other.goto(env.server.url + SWOT);
  await fill(other, '#ws-swot-strengths', 'Skrevet i den anden fane');
  await page.waitForFunction(() => document.querySelector('#ws-swot-strengths').value === 'Skrevet i den anden fane');
  // The first tab closes last: it must not put its older answers back.
  await other.close({ runBeforeUnload: true });
  await page.close({ runBeforeUnload: true });
  const again = await context.newPage();
  await again.goto(env.server.url + SWOT);
  assert.equal(await again.inputValue('#ws-swot-strengths'), 'Skrevet i den anden fane');
  // Clearing in one tab empties the other.
  const second = await context.newPage();
  await second.goto(env.server.url + SWOT);
  second.on('dialog', (dialog) => dialog.accept());
  await second.click('#ws-swot [data-action="clear"]');
  await again.waitForFunction(() => document.querySelector('#ws-swot-strengths').value === '');
  await context.close();
  assert.deepEqual(problems.console, []);
});

test('table rows can be added, are saved, and come back', async () => {
  const { page, context, problems } = await openPage(env.browser);
  await page.goto(env.server.url + LOGBOOK);
  const rows = () => page.locator('table[data-table="meetings"] tbody tr').count();
  assert.equal(await rows(), 3);
  await page.click('button[data-action="add-row"]');
  assert.equal(await rows(), 4);
  // Focus moves into the new row for keyboard users.
  assert.equal(await page.evaluate(() => document.activeElement.name), 'meetings.3.date');
  await fill(page, '[name="meetings.3.happened"]', 'Fjerde møde');
  await page.reload();
  assert.equal(await rows(), 4);
  assert.equal(await page.inputValue('[name="meetings.3.happened"]'), 'Fjerde møde');
  assert.equal(await page.getAttribute('[name="meetings.3.happened"]', 'aria-label'), 'Hvad skete der på mødet?, række 4');
  await context.close();
  assert.deepEqual(problems.console, []);
});

async function exportJson(page, form) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(`${form} [data-action="export-json"]`)]);
  const path = join(mkdtempSync(join(tmpdir(), 'ws-')), download.suggestedFilename());
  await download.saveAs(path);
  return path;
}

async function importFile(page, form, path) {
  await page.setInputFiles(`${form} input[type=file]`, path);
  await page.waitForFunction((f) => document.querySelector(`${f} .ws-status`).textContent !== '', form);
  return page.textContent(`${form} .ws-status`);
}

test('export, clear and import bring every answer back, losslessly', async () => {
  const { page, context, problems } = await openPage(env.browser);
  await page.goto(env.server.url + LOGBOOK);
  const text = 'Linje 1\nLinje 2 med "citat" og <b>tags</b>\n中文 ✓';
  await fill(page, '[name="meetings.0.happened"]', text);
  await page.fill('[name="meetings.0.date"]', '2026-11-23');
  await page.click('button[data-action="add-row"]');
  await fill(page, '[name="meetings.3.reflections"]', 'Sidste række');
  const path = await exportJson(page, '#ws-logbook');
  const exported = JSON.parse(readFileSync(path, 'utf8'));
  assert.equal(exported.format, 'handbook-worksheet');
  assert.equal(exported.programme, 'randers');
  assert.equal(exported.tables.meetings[0].happened, text);
  // Clear, with confirmation.
  page.once('dialog', (d) => d.accept());
  await page.click('#ws-logbook [data-action="clear"]');
  assert.equal(await page.inputValue('[name="meetings.0.happened"]'), '');
  assert.equal(await page.evaluate(() => localStorage.length), 0);
  // Import on a fresh browser profile, as on another computer.
  const other = await openPage(env.browser);
  await other.page.goto(fileUrl(env.root, LOGBOOK));
  assert.match(await importFile(other.page, '#ws-logbook', path), /hentet/);
  assert.equal(await other.page.inputValue('[name="meetings.0.happened"]'), text);
  assert.equal(await other.page.inputValue('[name="meetings.0.date"]'), '2026-11-23');
  assert.equal(await other.page.inputValue('[name="meetings.3.reflections"]'), 'Sidste række');
  await other.context.close();
  await context.close();
  assert.deepEqual(problems.console, []);
});

test('the text export lists every question with its answer', async () => {
  const { page, context } = await openPage(env.browser);
  await page.goto(env.server.url + SWOT);
  await fill(page, '#ws-swot-weaknesses', 'Delegering');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#ws-swot [data-action="export-text"]')]);
  const text = readFileSync(await download.path(), 'utf8');
  assert.match(text, /^# SWOT-analyse/);
  assert.match(text, /\*\*Svagheder\*\*\n\nDelegering/);
  assert.match(text, /\*\*Styrker\*\*\n\n–/);
  await context.close();
});

test('a hostile import file changes nothing and runs nothing', async () => {
  const { page, context, problems } = await openPage(env.browser);
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs++; d.dismiss(); });
  await page.goto(env.server.url + SWOT);
  await fill(page, '#ws-swot-strengths', 'Mit eget svar');
  const dir = mkdtempSync(join(tmpdir(), 'ws-hostile-'));
  const base = { format: 'handbook-worksheet', programme: 'randers', worksheet: 'swot', version: 1 };
  const cases = {
    'not-json.json': 'this is not json <script>alert(1)</script>',
    'wrong-type.json': JSON.stringify({ ...base, fields: { strengths: { evil: true } } }),
    'array.json': JSON.stringify({ ...base, fields: ['a', 'b'] }),
    'huge.json': JSON.stringify({ ...base, fields: { strengths: 'x'.repeat(200001) } }),
    'other-sheet.json': JSON.stringify({ ...base, worksheet: 'logbook', fields: { strengths: 'nej' } }),
    'proto.json': '{"format":"handbook-worksheet","worksheet":"swot","version":1,"fields":{"__proto__":{"polluted":"yes"}}}',
  };
  for (const [name, content] of Object.entries(cases)) {
    const path = join(dir, name);
    writeFileSync(path, content);
    await page.evaluate(() => { document.querySelector('#ws-swot .ws-status').textContent = ''; });
    assert.match(await importFile(page, '#ws-swot', path), /kunne ikke læses/, name);
    assert.equal(await page.inputValue('#ws-swot-strengths'), 'Mit eget svar', name);
  }
  // Markup inside an accepted file is text, never HTML.
  const markup = join(dir, 'markup.json');
  writeFileSync(markup, JSON.stringify({
    ...base,
    fields: { strengths: '<img src=x onerror="window.pwned=1">', removed: '<script>window.pwned=2</script>' },
  }));
  await page.evaluate(() => { document.querySelector('#ws-swot .ws-status').textContent = ''; });
  assert.match(await importFile(page, '#ws-swot', markup), /hentet/);
  assert.equal(await page.inputValue('#ws-swot-strengths'), '<img src=x onerror="window.pwned=1">');
  // The unknown field is shown as an earlier answer, as text.
  assert.equal(await page.textContent('#ws-swot .ws-earlier dd'), '<script>window.pwned=2</script>');
  assert.equal(await page.locator('#ws-swot .ws-earlier script, #ws-swot img').count(), 0);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.equal(await page.evaluate(() => ({}).polluted), undefined);
  assert.equal(dialogs, 0);
  await context.close();
  assert.deepEqual(problems.console, []);
});

test('without storage the reader is told plainly, and export still works', async () => {
  const { page, context } = await openPage(env.browser);
  await context.addInitScript(() => {
    Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); };
  });
  await page.goto(env.server.url + SWOT);
  await page.fill('#ws-swot-strengths', 'Svar uden lager');
  await page.waitForFunction(() => document.querySelector('#ws-swot .ws-status').textContent !== '');
  assert.match(await page.textContent('#ws-swot .ws-status'), /ikke gemt – gem dem som fil/);
  const exported = JSON.parse(readFileSync(await exportJson(page, '#ws-swot'), 'utf8'));
  assert.equal(exported.fields.strengths, 'Svar uden lager');
  await context.close();
});

test('answers from an older version of a worksheet are carried over, removed fields are kept', async () => {
  const { page, context } = await openPage(env.browser);
  await page.goto(env.server.url + SWOT);
  // Answers saved by version 1 of the sheet, one of them to a field the sheet no longer has; then
  // the site is republished with version 2 (simulated by raising the form's version and running
  // the script again, as a fresh page load of the new site would).
  await page.evaluate(() => {
    localStorage.clear();
    localStorage.setItem('handbook:randers:swot:v1', JSON.stringify({ fields: { strengths: 'Gammelt svar', focus: 'Fjernet felt' } }));
    document.querySelector('#ws-swot').dataset.version = '2';
  });
  await page.addScriptTag({ url: env.server.url + 'randers/static/worksheets.js' });
  assert.equal(await page.inputValue('#ws-swot-strengths'), 'Gammelt svar');
  assert.match(await page.textContent('#ws-swot .ws-earlier'), /Fjernet felt/);
  assert.ok(await page.evaluate(() => localStorage.getItem('handbook:randers:swot:v2') !== null));
  // Diplomledelse's mentor form is at version 2 and lists the questions version 1 had: an
  // answer to one of them is shown under its question, never under its id.
  await page.goto(env.server.url + 'diplomledelse/saadan-bliver-du-mentor.html');
  await page.evaluate(() => {
    localStorage.clear();
    localStorage.setItem('handbook:diplomledelse:application-mentor:v1',
      JSON.stringify({ fields: { name: 'Kim', motivation: 'Jeg vil give videre, hvad jeg selv har fået' } }));
  });
  await page.reload();
  const form = '#ws-application-mentor';
  assert.equal(await page.inputValue(`${form} [name="name"]`), 'Kim');
  assert.deepEqual(await page.$$eval(`${form} .ws-earlier dt`, (dts) => dts.map((dt) => dt.textContent)),
    ['Hvorfor vil du gerne være mentor?']);
  assert.match(await page.textContent(`${form} .ws-earlier dd`), /give videre/);
  await context.close();
});

test('print shows every answer in full and no controls', async () => {
  const { page, context } = await openPage(env.browser);
  await page.goto(env.server.url + SWOT);
  const long = Array.from({ length: 12 }, (_, i) => `Linje ${i + 1} af et langt svar`).join('\n');
  await fill(page, '#ws-swot-strengths', long);
  await page.emulateMedia({ media: 'print' });
  const printed = await page.evaluate(() => {
    const copy = document.querySelector('#ws-swot-strengths + .ws-print-value');
    const visible = (el) => el && getComputedStyle(el).display !== 'none';
    return {
      text: copy.textContent,
      copyVisible: visible(copy),
      textareaVisible: visible(document.querySelector('#ws-swot-strengths')),
      buttons: Array.from(document.querySelectorAll('#ws-swot button')).filter(visible).length,
      height: copy.getBoundingClientRect().height,
    };
  });
  assert.equal(printed.text, long);
  assert.ok(printed.copyVisible && !printed.textareaVisible);
  assert.equal(printed.buttons, 0);
  assert.ok(printed.height > 150, `the printed answer is cut: ${printed.height}px`);
  // A one-line field prints its whole answer too, wrapped, instead of what fits in the box.
  await page.emulateMedia({ media: 'screen' });
  const sentence = 'Tale med mine afdelingsledere om, hvilke af de tre største projekter vi kan udskyde til efteråret, og hvorfor';
  await page.fill('#ws-swot-first-step', sentence);
  // What the browser does when the reader prints.
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  const line = await page.evaluate(() => {
    const copy = document.querySelector('#ws-swot-first-step + .ws-print-value');
    return {
      text: copy.textContent,
      lines: copy.getBoundingClientRect().height / parseFloat(getComputedStyle(copy).lineHeight),
      inputShown: getComputedStyle(document.querySelector('#ws-swot-first-step')).display !== 'none',
    };
  });
  assert.equal(line.text, sentence);
  assert.ok(!line.inputShown && line.lines >= 1.5, JSON.stringify(line));
  // What only matters on screen is not printed: the note on where answers are kept.
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('#ws-swot .ws-privacy')).display), 'none');
  // The print view of the whole handbook shows the saved answer too.
  await page.goto(env.server.url + 'randers/print.html');
  // In the print view ids carry the page's prefix; find the field by worksheet and name.
  assert.equal(await page.inputValue('form[data-worksheet="swot"] [name="strengths"]'), long);
  await context.close();
});

test('keyboard only: Tab reaches every field and button of a worksheet in order', async () => {
  const { page, context } = await openPage(env.browser);
  await page.goto(env.server.url + SWOT);
  await page.focus('#ws-swot-strengths');
  const order = [];
  for (let i = 0; i < 12; i++) {
    order.push(await page.evaluate(() => document.activeElement.id || document.activeElement.dataset.action || document.activeElement.name));
    await page.keyboard.press('Tab');
  }
  assert.deepEqual(order, [
    'ws-swot-strengths', 'ws-swot-weaknesses', 'ws-swot-opportunities', 'ws-swot-threats', 'ws-swot-next-steps',
    'ws-swot-first-step', 'export-json', 'export-text', 'ws-swot-import', 'print', 'clear', order[11],
  ]);
  await context.close();
});

test('the keyboard focus is drawn on the control that has it, the file import included', async () => {
  const { page, context } = await openPage(env.browser);
  await page.goto(env.server.url + SWOT);
  await page.focus('#ws-swot [data-action="export-text"]');
  await page.keyboard.press('Tab');
  const outlines = await page.evaluate(() => {
    const style = (selector) => getComputedStyle(document.querySelector(selector)).outlineStyle;
    return {
      focused: document.activeElement.id,
      label: style('#ws-swot .ws-import-label'),
      print: style('#ws-swot [data-action="print"]'),
    };
  });
  assert.deepEqual(outlines, { focused: 'ws-swot-import', label: 'solid', print: 'none' });
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.action), 'print');
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('#ws-swot .ws-import-label')).outlineStyle), 'none');
  await context.close();
});

test('Swedish worksheets speak Swedish', async () => {
  const { page, context, problems } = await openPage(env.browser);
  await page.goto(env.server.url + 'grundskoleforvaltningen/verktyg/swot.html');
  await fill(page, '#ws-swot-strengths', 'Lyssnar');
  assert.equal(await page.textContent('#ws-swot .ws-status'), 'Sparat i den här webbläsaren');
  assert.match(await page.textContent('#ws-swot .ws-privacy'), /bara i den här webbläsaren/);
  assert.equal(await page.textContent('#ws-swot [data-action="export-json"]'), 'Spara som fil (JSON)');
  await context.close();
  assert.deepEqual(problems.console, []);
});
