// Search latency in Chromium (issues 4 and 14: a query within 50 ms), measured here and not
// asserted by a test: a browser test's timing depends on whatever else the machine runs.
//
// Builds the example programmes with HANDBOOK_BIN, opens each site's front page over http, and
// types every question of the judged set (tests/browser/questions.mjs) ROUNDS times, the first
// round on a freshly opened page (the index just loaded, nothing compiled yet). Prints one line of
// JSON: the median query, the slowest query of the first round and of the later rounds, in ms.
//
//   HANDBOOK_BIN=target/release/handbook node bench/search_latency.mjs

import { asked, launch, openPage, serve, sites } from '../tests/browser/helpers.mjs';
import { QUESTIONS } from '../tests/browser/questions.mjs';

const ROUNDS = Number(process.env.ROUNDS || 5);

const root = sites();
const server = await serve(root);
const browser = await launch();
const first = [];
const later = [];
try {
  for (let round = 0; round < ROUNDS; round++) {
    const { page, context } = await openPage(browser);
    for await (const [, { took }] of asked(page, server.url, QUESTIONS)) {
      (round === 0 ? first : later).push(took);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}

const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const all = [...first, ...later];
console.log(JSON.stringify({
  queries: all.length,
  median_ms: median(all),
  slowest_first_round_ms: Math.max(...first),
  slowest_later_ms: later.length ? Math.max(...later) : null,
}));
