// The real seed bulletins (../shared/seeds, when that folder exists) pasted
// into the page: every hand-labelled item (../shared/gold) must appear as an
// <article> with its headline, and each of its figures as a <data value>
// inside that same article. Skipped when ../shared is not there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPage, distMissingReason } from './harness.mjs';
import { articleFigures, pasteText, plainDecimal, SHARED } from './page-helpers.mjs';

const seedsDir = join(SHARED, 'seeds');
const goldDir = join(SHARED, 'gold');
const seeds = existsSync(seedsDir) && existsSync(goldDir)
  ? readdirSync(seedsDir).filter((f) => f.endsWith('.txt') && existsSync(join(goldDir, f.replace(/\.txt$/, '.json'))))
  : [];

let session;

before(async () => {
  if (seeds.length === 0) return;
  const missing = await distMissingReason();
  if (missing) throw new Error(missing);
  session = await openPage({ waitFor: '#bulletin-text' });
});

after(async () => {
  await session?.close();
});

const normalise = (s) => s.replace(/\s+/g, ' ').trim();

for (const seed of seeds.length ? seeds : ['(none)']) {
  test(`seed ${seed}: gold items and figures are on the page`, { skip: seeds.length === 0 && '../shared/seeds not present' }, async (t) => {
    const text = readFileSync(join(seedsDir, seed), 'utf8');
    const gold = JSON.parse(readFileSync(join(goldDir, seed.replace(/\.txt$/, '.json')), 'utf8'));
    const ms = await pasteText(session.page, text);
    t.diagnostic(`rendered in ${ms.toFixed(1)} ms`);
    const articles = await articleFigures(session.page);
    const byHeadline = new Map(articles.map((a) => [normalise(a.headline), a]));

    const missingItems = [];
    const missingFigures = [];
    for (const item of gold.items) {
      const article = byHeadline.get(normalise(item.headline));
      if (!article) {
        missingItems.push(item.headline);
        continue;
      }
      const values = [...article.values];
      for (const f of item.figures) {
        const at = values.indexOf(plainDecimal(f.value));
        if (at < 0) missingFigures.push(`${item.headline.slice(0, 12)}…: ${f.text} (${plainDecimal(f.value)})`);
        else values.splice(at, 1); // each figure on the page counts once
      }
    }
    const figures = gold.items.reduce((n, i) => n + i.figures.length, 0);
    t.diagnostic(`${gold.items.length - missingItems.length}/${gold.items.length} items, ${figures - missingFigures.length}/${figures} figures found`);
    assert.deepEqual(missingItems, [], 'gold items without an <article>');
    assert.deepEqual(missingFigures, [], 'gold figures without a <data value> in their article');
  });
}

test('no request left 127.0.0.1 and the console stayed clean', { skip: seeds.length === 0 && 'no seeds' }, () => {
  assert.deepEqual(session.log.externalRequests(), []);
  assert.deepEqual(session.log.consoleErrors, []);
});
