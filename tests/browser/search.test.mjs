// Search in Danish and Swedish, in a real browser, over file:// and over http under a sub-path
// with a strict CSP: inflected queries find the right pages, every form of a key word finds what
// every other form finds, the keyboard works, and nothing is requested from outside the site.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useSites, openPage, fileUrl, query } from './helpers.mjs';

const env = useSites({ before, after });

const WAYS = env.ways;

for (const [way, url] of WAYS) {
  test(`Danish inflected queries find the right pages (${way})`, async () => {
    const { page, context, problems } = await openPage(env.browser);
    await page.goto(url('randers/vaerktoejer/swot.html'));
    const meetings = await query(page, 'hvor ofte mødes vi?');
    assert.ok(meetings.hrefs.slice(0, 3).includes('../forloebet.html#moderne'), JSON.stringify(meetings.hrefs));
    const forms = await query(page, 'møderne');
    assert.ok(forms.hrefs.includes('../forloebet.html#moderne'), JSON.stringify(forms.hrefs));
    const stop = await query(page, 'stoppe før tid');
    assert.equal(stop.hrefs[0], '../forloebet.html#stop-for-tid');
    await context.close();
    assert.deepEqual(problems.console, []);
    assert.deepEqual(problems.outside, []);
  });

  test(`Swedish inflected queries find the right pages (${way})`, async () => {
    const { page, context, problems } = await openPage(env.browser);
    await page.goto(url('grundskoleforvaltningen/index.html'));
    const meetings = await query(page, 'hur ofta träffas vi?');
    assert.ok(meetings.hrefs.slice(0, 3).includes('forloppet.html#motena'), JSON.stringify(meetings.hrefs));
    const forms = await query(page, 'mötena');
    assert.ok(forms.hrefs.includes('forloppet.html#motena'), JSON.stringify(forms.hrefs));
    const adepts = await query(page, 'adepter');
    assert.ok(adepts.hrefs.length > 3, JSON.stringify(adepts.hrefs));
    assert.ok(adepts.hrefs.includes('roller-och-ansvar.html#adept'), JSON.stringify(adepts.hrefs));
    await context.close();
    assert.deepEqual(problems.console, []);
    assert.deepEqual(problems.outside, []);
  });
}

const FAMILIES = {
  'randers/index.html': [
    ['mentor', 'mentoren', 'mentorer', 'mentorerne', 'mentors'],
    ['mentee', 'menteen', 'mentees', 'menteene'],
    ['møde', 'mødet', 'møder', 'møderne', 'mødes'],
    ['leder', 'lederen', 'ledere', 'lederne'],
    ['evaluering', 'evalueringen', 'evalueringer', 'evalueringerne'],
  ],
  'grundskoleforvaltningen/index.html': [
    ['mentor', 'mentorn', 'mentorer', 'mentorerna', 'mentorns'],
    ['adept', 'adepten', 'adepter', 'adepterna', 'adeptens'],
    ['möte', 'mötet', 'möten', 'mötena'],
    ['chef', 'chefen', 'chefer', 'cheferna', 'chefens'],
    ['utvärdering', 'utvärderingen', 'utvärderingar'],
    // Not a key word: Snowball stems `rektorer` to `rektor` and `rektor` to `rekt`; the index
    // gives both the stem of the word of the site they lead to.
    ['rektor', 'rektorer'],
  ],
};

test('every inflected form of a key word finds what every other form finds', async () => {
  const { page, context } = await openPage(env.browser);
  for (const [start, families] of Object.entries(FAMILIES)) {
    await page.goto(env.server.url + start);
    for (const forms of families) {
      const first = await query(page, forms[0]);
      assert.ok(first.hrefs.length > 0, `${forms[0]} finds nothing`);
      for (const form of forms.slice(1)) {
        const other = await query(page, form);
        assert.deepEqual(other.hrefs, first.hrefs, `${form} and ${forms[0]} disagree`);
      }
    }
  }
  await context.close();
});

test('matched words are marked and nothing from the index is parsed as HTML', async () => {
  const { page, context } = await openPage(env.browser);
  await page.goto(env.server.url + 'randers/index.html');
  await query(page, 'fortrolighed');
  const marks = await page.$$eval('#search-results mark', (m) => m.map((x) => x.textContent.toLowerCase()));
  assert.ok(marks.length > 0 && marks.every((m) => m.startsWith('fortrolig')), JSON.stringify(marks));
  const none = await query(page, 'xylofonkoncert');
  assert.equal(none.hrefs.length, 0);
  assert.match(none.none, /Ingen sider matcher »xylofonkoncert«/);
  await context.close();
});

test('the keyboard drives the results and screen readers hear the count', async () => {
  const { page, context } = await openPage(env.browser);
  await page.goto(env.server.url + 'randers/index.html');
  await page.focus('#search-input');
  const found = await query(page, 'logbog');
  assert.ok(found.hrefs.length > 0);
  assert.match(await page.textContent('#search-status'), /\d+ resultater/);
  assert.equal(await page.getAttribute('#search-input', 'aria-expanded'), 'true');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.getAttribute('#search-input', 'aria-activedescendant'), 'search-result-0');
  assert.equal(await page.getAttribute('#search-result-0', 'aria-selected'), 'true');
  await page.keyboard.press('Escape');
  assert.equal(await page.isHidden('#search-results'), true);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search-input');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForURL(/logbog\.html/);
  await context.close();
});

/** Whether `href` (from the site's front page) is among the first `n` results. */
const within = (found, href, n = 3) => found.hrefs.slice(0, n).includes(href);

test('compounds, synonyms and question words in Danish and Swedish', async () => {
  const { page, context, problems } = await openPage(env.browser);
  // Danish: the key dates are found by a part of a compound and by the whole word.
  await page.goto(env.server.url + 'aalborg/index.html');
  for (const q of ['frist', 'tilmeldingsfrist']) {
    const found = await query(page, q);
    assert.ok(found.hrefs.some((h) => h.startsWith('index.html')), `${q}: ${JSON.stringify(found.hrefs)}`);
  }
  // The contacts and the key dates on the front page are sections of their own, found at their
  // headings, also by a word for them the site does not use (a synonym).
  for (const q of ['hvem er kontaktperson', 'kontaktoplysninger']) {
    const found = await query(page, q);
    assert.equal(found.hrefs[0], 'index.html#page-contacts-heading', `${q}: ${JSON.stringify(found.hrefs)}`);
  }
  assert.ok(within(await query(page, 'vigtige datoer'), 'index.html#dates-heading'));
  // Component text: the contact by first name, the worksheet's questions, the roles diagram.
  const contact = await query(page, 'jette');
  assert.ok(contact.hrefs.length && contact.hrefs[0].startsWith('index.html'), JSON.stringify(contact.hrefs));
  const form = await query(page, 'oplysningsskema mentor');
  assert.ok(form.hrefs.slice(0, 3).some((h) => h.startsWith('saadan-bliver-du-mentor.html')), JSON.stringify(form.hrefs));
  const roles = await query(page, 'sparringspartner');
  assert.ok(roles.hrefs.some((h) => h.startsWith('mentorens-roller.html')), JSON.stringify(roles.hrefs));
  // Synonyms: the reader's word, where the page uses another.
  const kickoff = await query(page, 'kick-off');
  assert.ok(kickoff.hrefs.some((h) => h.startsWith('index.html')), JSON.stringify(kickoff.hrefs));
  const matched = await query(page, 'hvordan bliver vi matchet');
  assert.ok(matched.hrefs.slice(0, 3).some((h) => h.startsWith('matchning.html')), JSON.stringify(matched.hrefs));
  await page.goto(env.server.url + 'randers/index.html');
  assert.ok(within(await query(page, 'tavshedspligt'), 'forloebet.html#fortrolighed'));
  assert.ok((await query(page, 'kontrakt')).hrefs.some((h) => h.startsWith('vaerktoejer/aftale.html')));
  // A question word decides nothing: with and without it, the same section comes first.
  const bare = await query(page, 'stoppe');
  const asked = await query(page, 'hvornår kan vi stoppe');
  assert.equal(asked.hrefs[0], bare.hrefs[0]);
  // Swedish.
  await page.goto(env.server.url + 'grundskoleforvaltningen/index.html');
  assert.ok(within(await query(page, 'tystnadsplikt'), 'forloppet.html#fortroende'));
  assert.ok((await query(page, 'kontrakt')).hrefs.some((h) => h.startsWith('verktyg/overenskommelse.html')));
  const often = await query(page, 'hur ofta träffas vi');
  const meetings = often.hrefs.indexOf('forloppet.html#motena');
  assert.ok(meetings !== -1 && meetings < 3, JSON.stringify(often.hrefs));
  const agreement = often.hrefs.findIndex((h) => h.startsWith('verktyg/overenskommelse.html'));
  assert.ok(agreement === -1 || agreement > meetings, JSON.stringify(often.hrefs));
  assert.ok(within(await query(page, 'utbildning'), 'sa-blir-du-mentor.html#utbildning'));
  await context.close();
  assert.deepEqual(problems.console, []);
});

test('a page that is only read loads no search code; the first keystroke loads it and is answered', async () => {
  const { page, context, problems } = await openPage(env.browser);
  await page.goto(env.server.url + 'randers/forloebet.html');
  const loaded = () => page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name.split('/').pop()));
  assert.ok(!(await loaded()).includes('search.js'), JSON.stringify(await loaded()));
  assert.ok(!(await loaded()).includes('search-index.js'));
  // Typed at once, before the search code is there.
  await page.type('#search-input', 'logbog', { delay: 0 });
  await page.waitForFunction(() => document.querySelectorAll('#search-results [role=option]').length > 0);
  assert.ok((await loaded()).includes('search.js'));
  await context.close();
  assert.deepEqual(problems.console, []);
});

test('a section is found through its page title, and "how many" ranks sections with a number higher without leaving others out', async () => {
  const { page, context, problems } = await openPage(env.browser);
  // "Roller og ansvar" holds the section on the aftaleholder, whose own text never says "rolle".
  await page.goto(env.server.url + 'skole-og-dagtilbud/index.html');
  const role = await query(page, 'aftaleholderens rolle');
  assert.equal(role.hrefs[0], 'roller-og-ansvar.html#egen-leder', JSON.stringify(role.hrefs));
  // Diplomledelse says a mentor should have at most ("højst") two mentees, in the steps to a mentor.
  await page.goto(env.server.url + 'diplomledelse/index.html');
  const many = await query(page, 'hvor mange mentees kan en mentor have');
  assert.equal(many.hrefs[0], 'saadan-faar-du-en-mentor.html#trin', JSON.stringify(many.hrefs));
  // A question about the meetings is still answered by the meetings, not by the maximum.
  const meetings = await query(page, 'hvor mange gange mødes vi');
  assert.ok(within(meetings, 'forloebet.html#moderne'), JSON.stringify(meetings.hrefs));
  await page.goto(env.server.url + 'grundskoleforvaltningen/index.html');
  const moten = await query(page, 'hur många möten');
  assert.ok(moten.hrefs.includes('forloppet.html#motena'), JSON.stringify(moten.hrefs));
  await context.close();
  assert.deepEqual(problems.console, []);
});

test('the front page\'s own example, "hvor tit mødes vi?", is answered first by the section on the meetings', async () => {
  // "How often" asks for a frequency: a section saying "hver 2. måned" or "hvor tit I mødes"
  // ranks above one whose title only names a meeting ("Forbered mødet").
  const { page, context, problems } = await openPage(env.browser);
  for (const site of ['randers', 'aalborg', 'diplomledelse', 'skole-og-dagtilbud']) {
    await page.goto(env.server.url + site + '/index.html');
    assert.match(await page.textContent('main'), /»hvor tit mødes vi\?«/);
    for (const q of ['hvor tit mødes vi?', 'hvor ofte mødes vi']) {
      const found = await query(page, q);
      assert.equal(found.hrefs[0], 'forloebet.html#moderne', `${site}: «${q}» ${JSON.stringify(found.hrefs)}`);
    }
  }
  await context.close();
  assert.deepEqual(problems.console, []);
});

test('a word the site does not use as written is found by its stem, its parts or its last part', async () => {
  const { page, context, problems } = await openPage(env.browser);
  // Only "pilotprojektet" is on the site: "piloten" without its ending finds it.
  await page.goto(env.server.url + 'grundskoleforvaltningen/index.html');
  const pilot = await query(page, 'hur många var med i piloten');
  assert.ok(within(pilot, 'pilot.html#deltagare'), JSON.stringify(pilot.hrefs));
  // A compound read as its parts: the section with both parts comes first.
  await page.goto(env.server.url + 'skole-og-dagtilbud/index.html');
  const skills = await query(page, 'mentorkompetencer');
  assert.equal(skills.hrefs[0], 'saadan-bliver-du-mentor.html#den-rette', JSON.stringify(skills.hrefs));
  // A compound the site uses also finds its last part ("stoppe forløbet").
  await page.goto(env.server.url + 'randers/index.html');
  const stop = await query(page, 'afbryde mentorforløbet');
  assert.ok(within(stop, 'forloebet.html#stop-for-tid'), JSON.stringify(stop.hrefs));
  await context.close();
  assert.deepEqual(problems.console, []);
});
