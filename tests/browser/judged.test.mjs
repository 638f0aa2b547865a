// The judged question set (issue 14): every question of questions.mjs typed into the search box of
// its site's front page in Chromium; the share answered in the first three results must be 90 %
// or more. The figure (and every miss) is printed so the README can state it.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useSites, openPage, asked } from './helpers.mjs';
import { QUESTIONS, answers } from './questions.mjs';

const env = useSites({ before, after });

test('the judged questions are answered in the first three results', async () => {
  assert.ok(QUESTIONS.length >= 40, `${QUESTIONS.length} questions`);
  const languages = new Set(QUESTIONS.map((q) => (q.site === 'grundskoleforvaltningen' ? 'sv' : 'da')));
  assert.deepEqual([...languages].sort(), ['da', 'sv']);
  const { page, context, problems } = await openPage(env.browser);
  const misses = [];
  let slowest = 0;
  for await (const [question, found] of asked(page, env.server.url, QUESTIONS)) {
    slowest = Math.max(slowest, found.took);
    if (!found.hrefs.slice(0, 3).some((href) => answers(question, href))) {
      misses.push(`${question.site}: «${question.q}» -> ${JSON.stringify(found.hrefs.slice(0, 3))}`);
    }
  }
  await context.close();
  const answered = QUESTIONS.length - misses.length;
  const rate = (100 * answered) / QUESTIONS.length;
  console.log(`judged questions: ${answered} of ${QUESTIONS.length} answered in the first three results (${rate.toFixed(1)} %); slowest query ${slowest} ms`);
  for (const miss of misses) console.log(`  missed ${miss}`);
  assert.deepEqual(problems.console, []);
  assert.ok(rate >= 90, `${rate.toFixed(1)} % answered:\n${misses.join('\n')}`);
});
