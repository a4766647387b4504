// Corrections by hand (issue 15), the gaps: a figure marked wrong shown
// struck through (and back by undo) while the exports leave it out;
// corrections that no longer apply listed to the user, not dropped
// silently; a bulletin's corrections kept in the library (文库) with its
// record, counted by its statistics, exported with the library's JSON
// Lines and read again after a reload. Screenshots go to
// target/library-shots/.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, distMissingReason, openPage } from './harness.mjs';
import { chooseFiles, pasteText } from './page-helpers.mjs';

const SHOTS = join(REPO_ROOT, 'target', 'library-shots');

// Invented bulletins.
const A = `青禾政务快报
2024年第7期（总第120期）
青禾县人民政府办公室编印　　　　2024年5月10日

【工作动态】
县财政局加强资金监管 全年拨付专项资金3.2亿元，惠及企业120家。（县财政局）

县卫健委开展义诊 服务群众1500人次。（县卫健委）
`;

const B = `松岭政务信息
第 15 期
松岭县人民政府办公室　　2024年6月3日

县交通局加快道路建设 完成投资2.4亿元，新建农村公路35公里。（县交通局）

县商务局促进消费 发放消费券500万元，带动消费1.2亿元。（县商务局）
`;

before(async () => {
  const missing = await distMissingReason();
  if (missing) throw new Error(missing);
  mkdirSync(SHOTS, { recursive: true });
});

/** The built page in a fresh browser profile, served on its own port. */
const freshPage = () => openPage({ viewport: { width: 1280, height: 1000 }, waitFor: '#bulletin-text' });

const article = (page, headline) => page.locator('article', { has: page.locator('h3', { hasText: headline }) });

async function waitCount(page, n) {
  await page.waitForFunction(
    (n) =>
      document.querySelector('.corrections-count')?.dataset.count === String(n) &&
      document.querySelector('.corrections-bar')?.dataset.settled === 'true',
    n,
  );
}

async function edit(page, headline) {
  const a = article(page, headline);
  if ((await a.locator('.item-editor').count()) === 0) await a.locator('.edit-item').click();
  return a.locator('.item-editor');
}

test('a figure marked wrong is struck through in its item, back with undo, and left out of the CSV', async () => {
  const { page, close } = await freshPage();
  try {
    await pasteText(page, A);
    const ed = await edit(page, '县财政局加强资金监管');
    await ed.locator('.edit-figures li', { hasText: '120家' }).locator('.figure-wrong').click();
    await waitCount(page, 1);
    const art = article(page, '县财政局加强资金监管');
    assert.deepEqual(await art.locator('.body data').allTextContents(), ['3.2亿元']);
    assert.deepEqual(await art.locator('.body del.fig-removed').allTextContents(), ['120家']);
    assert.equal(
      await art.locator('.body').textContent(),
      '全年拨付专项资金3.2亿元，惠及企业120家。',
      'the body text is whole',
    );
    const struck = await art.locator('del.fig-removed').evaluate((el) => getComputedStyle(el).textDecorationLine);
    assert.match(struck, /line-through/);
    await art.screenshot({ path: join(SHOTS, 'figure-struck-through.png') });

    // The CSV leaves it out.
    const [file] = await Promise.all([page.waitForEvent('download'), page.click('[data-export=csv]')]);
    const csv = readFileSync(await file.path(), 'utf8');
    assert.match(csv, /3\.2亿元/);
    assert.doesNotMatch(csv, /120家/);

    // Undo: a figure again; redo: struck through again.
    await page.click('.corrections-bar .undo');
    await waitCount(page, 0);
    assert.deepEqual(await art.locator('.body data').allTextContents(), ['3.2亿元', '120家']);
    assert.equal(await art.locator('del.fig-removed').count(), 0);
    await page.click('.corrections-bar .redo');
    await waitCount(page, 1);
    assert.deepEqual(await art.locator('.body del.fig-removed').allTextContents(), ['120家']);
  } finally {
    await close();
  }
});

test('corrections that no longer apply are listed among the warnings, in the page language', async () => {
  const { page, close } = await freshPage();
  try {
    await pasteText(page, A);
    const ed = await edit(page, '县卫健委开展义诊');
    await ed.locator('.edit-headline').fill('县卫健委开展送医下乡义诊');
    await ed.locator('.save-headline').click();
    await waitCount(page, 1);
    // The kept list as another version of the page (or a changed parse)
    // would leave it: one that applies, and two whose item is gone.
    await page.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.startsWith('bulletin-analyzer.corrections.'));
      const kept = localStorage.getItem(key);
      localStorage.setItem(key, `${kept}h\t99\t不存在的条目\t新标题\nw\t98\t也不存在\t0\t2\t3亿\n`);
    });
    await page.reload({ waitUntil: 'networkidle' });
    await waitCount(page, 3);
    assert.equal(await article(page, '县卫健委开展送医下乡义诊').count(), 1, 'the one that applies is applied');
    const skipped = page.locator('.warning', { has: page.locator('.skipped-correction') });
    assert.equal(await skipped.count(), 2);
    assert.match(await skipped.first().textContent(), /更正未能应用：找不到该条目/);
    assert.match(await skipped.first().locator('.warning-text').textContent(), /第 99 行「不存在的条目」：改标题为「新标题」/);
    assert.match(await skipped.nth(1).locator('.warning-text').textContent(), /数字「3亿」标为错误/);
    await page.locator('.warnings').screenshot({ path: join(SHOTS, 'corrections-skipped.png') });
    await page.click('.lang-switch');
    await page.waitForSelector('.skipped-correction:has-text("A correction no longer applies")');
    assert.match(await skipped.first().locator('.warning-text').textContent(), /Line 99 «不存在的条目»: headline set to «新标题»/);
  } finally {
    await close();
  }
});

test('a corrected bulletin goes into the library corrected: counted by its corrected source, kept over a reload, exported with its corrections', async () => {
  const { page, close } = await freshPage();
  try {
    await chooseFiles(page, [{ name: '松岭-15.txt', mimeType: 'text/plain', buffer: Buffer.from(B) }]);
    await page.waitForSelector('article h3:has-text("县商务局促进消费")');
    const ed = await edit(page, '县商务局促进消费');
    await ed.locator('.edit-source').fill('县供销社');
    await ed.locator('.save-source').click();
    await waitCount(page, 1);

    // The same file dropped on the library.
    await page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], '松岭-15.txt', { type: 'text/plain' }));
      const target = document.querySelector('section.library');
      for (const type of ['dragover', 'drop']) {
        target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
      }
    }, B);
    await page.waitForSelector('.lib-count[data-bulletins="1"]', { timeout: 60_000 });
    assert.match(await page.locator('.lib-note').textContent(), /其中 1 期带有本页的手工更正/);

    const units = async () => {
      await page.locator('.lib-tabs [data-arg="adoption"]').click();
      await page.waitForSelector('.lib-panel[data-tab="adoption"] table.lib-adoption');
      return page.$$eval('table.lib-adoption tbody tr', (rows) => rows.map((r) => r.dataset.unit));
    };
    let counted = await units();
    assert.ok(counted.some((u) => u.includes('供销')), counted.join(' '));
    assert.ok(!counted.some((u) => u.includes('商务')), counted.join(' '));
    await page.locator('.library').screenshot({ path: join(SHOTS, 'library-corrected.png') });

    // Kept over a reload (read back from IndexedDB, corrections and all).
    await page.reload({ waitUntil: 'networkidle' });
    await page.waitForSelector('.lib-count[data-bulletins="1"]', { timeout: 60_000 });
    counted = await units();
    assert.ok(counted.some((u) => u.includes('供销')), counted.join(' '));

    // The record in IndexedDB carries its corrections (other tools see them).
    const stored = await page.evaluate(() => new Promise((ok, fail) => {
      const open = indexedDB.open('bulletin-library');
      open.onerror = () => fail(open.error);
      open.onsuccess = () => {
        const req = open.result.transaction('bulletins').objectStore('bulletins').getAll();
        req.onsuccess = () => {
          ok(req.result.map((r) => r.library));
          open.result.close();
        };
        req.onerror = () => fail(req.error);
      };
    }));
    assert.equal(stored.length, 1);
    assert.equal(stored[0].corrections?.[0]?.op, 'set_sources', JSON.stringify(stored[0]));
    assert.deepEqual(stored[0].corrections[0].sources, ['县供销社']);

    // The library's JSON Lines carry them.
    await page.locator('.lib-tabs [data-arg="list"]').click();
    const [file] = await Promise.all([page.waitForEvent('download'), page.locator('[data-act="export-library"]').click()]);
    const lines = readFileSync(await file.path(), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const record = lines.find((l) => l.masthead);
    assert.equal(record.library.corrections[0].op, 'set_sources');
    assert.ok(record.items.some((i) => i.sources.includes('县供销社') && i.corrected), 'the record is the corrected bulletin');
  } finally {
    await close();
  }
});
