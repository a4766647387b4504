// 文库 (issue 14) gaps: a folder dropped on the library (the
// `webkitGetAsEntry` walk of src/library/folder.rs), plain files dropped,
// and the library's views in English on the English page.
//
// A real directory entry cannot be made from a page script: a DataTransfer
// built in the page from File objects gives no entries (Chromium answers
// `webkitGetAsEntry()` with null for it), so the folder drop is dispatched
// with that DataTransfer whose `items` are stubs answering the File and
// Directory Entry API the page walks — a folder with a subfolder, read in
// two batches then an empty one, as Chromium's reader does. The plain-file
// drop uses the real DataTransfer (its `files`). A correction made on the
// page reaches the library's copy of the same text. Screenshots go to
// target/library-shots/.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT, distMissingReason, openPage } from './harness.mjs';
import { libraryBulletins } from './library-gen.mjs';
import { readXlsx } from './xlsx-reader.mjs';

const SHOTS = join(REPO_ROOT, 'target', 'library-shots');
before(async () => {
  const missing = await distMissingReason();
  if (missing) throw new Error(missing);
  mkdirSync(SHOTS, { recursive: true });
});

/** The built page in a fresh browser profile, served on its own port. */
const freshPage = () => openPage({ viewport: { width: 1280, height: 1000 }, waitFor: null });

const waitCount = (page, n, timeout = 60_000) =>
  page.waitForSelector(`.lib-count[data-bulletins="${n}"]`, { timeout });

/**
 * Drops `files` ({name, text}) on the library. `folder`: as a dropped
 * folder (stub entries: the first half in the folder, read in two batches,
 * the rest in a subfolder); otherwise as plain files.
 */
async function drop(page, files, { folder }) {
  await page.evaluate(({ files, folder }) => {
    const dt = new DataTransfer();
    const objects = files.map((f) => new File([f.text], f.name, { type: 'text/plain' }));
    for (const f of objects) dt.items.add(f);
    if (folder) {
      const read = { files: 0, dirs: 0, batches: 0 };
      window.__walk = read;
      const fileEntry = (f) => ({
        isFile: true,
        isDirectory: false,
        name: f.name,
        file(ok) {
          read.files += 1;
          setTimeout(() => ok(f), 0);
        },
      });
      const dirEntry = (name, children) => ({
        isFile: false,
        isDirectory: true,
        name,
        createReader() {
          read.dirs += 1;
          // Two batches, then an empty one (readEntries answers in batches).
          const half = Math.ceil(children.length / 2);
          const batches = [children.slice(0, half), children.slice(half), []];
          return {
            readEntries(ok) {
              read.batches += 1;
              const next = batches.shift() ?? [];
              setTimeout(() => ok(next), 0);
            },
          };
        },
      });
      const half = Math.ceil(objects.length / 2);
      const sub = dirEntry('子文件夹', objects.slice(half).map(fileEntry));
      const root = dirEntry('快报', [...objects.slice(0, half).map(fileEntry), sub]);
      Object.defineProperty(dt, 'items', {
        value: { length: 1, 0: { kind: 'file', webkitGetAsEntry: () => root } },
      });
    }
    const target = document.querySelector('section.library');
    for (const type of ['dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }
  }, { files, folder });
}

test('a folder dropped on the library (subfolder, batched reads) is walked and stored whole; plain files dropped are stored', async () => {
  const bulletins = libraryBulletins(30, { seed: 41, items: 4 });
  const { page, close } = await freshPage();
  try {
    // A drop opens the library by itself.
    await drop(page, bulletins.slice(0, 24).map(({ name, text }) => ({ name, text })), { folder: true });
    await waitCount(page, 24);
    const walk = await page.evaluate(() => window.__walk);
    assert.deepEqual(walk, { files: 24, dirs: 2, batches: 6 }, 'every entry read, every batch asked for');
    assert.match(await page.locator('.lib-note').textContent(), /新收入 24 期/);
    await page.locator('.library').screenshot({ path: join(SHOTS, 'library-folder-drop.png') });

    // Plain files dropped (no entries): the DataTransfer's files.
    await drop(page, bulletins.slice(24).map(({ name, text }) => ({ name, text })), { folder: false });
    await waitCount(page, 30);
    assert.match(await page.locator('.lib-note').textContent(), /新收入 6 期/);
  } finally {
    await close();
  }
});

/** Hits of a plain search of the library for `q`. */
async function searchHits(page, q) {
  await page.locator('.lib-tabs [data-arg="search"]').click();
  // The worker's answer to the click redraws the panel: fill it after that.
  await page.waitForFunction(() => !document.querySelector('.lib-body')?.hasAttribute('aria-busy') &&
    document.querySelector('.lib-panel[data-tab="search"]'));
  await page.fill('.lib-search [name=q]', q);
  // Submitting marks the panel busy at once; the hits read are the answer's.
  await page.locator('.lib-search button[type=submit]').click();
  await page.waitForFunction((q) => !document.querySelector('.lib-body')?.hasAttribute('aria-busy') &&
    document.querySelector('.lib-search [name=q]')?.value === q && document.querySelector('.lib-hits'), q);
  return Number(await page.locator('.lib-hits').getAttribute('data-total'));
}

test('a correction made on the page reaches the bulletin the library holds of that text, and so does its undo', async () => {
  const [one, other] = libraryBulletins(2, { seed: 5, items: 4 });
  const { page, close } = await freshPage();
  try {
    await drop(page, [{ name: one.name, text: one.text }], { folder: false });
    await waitCount(page, 1);
    // The same file opened on the page, another one too (not in the library).
    await page.setInputFiles('#file-input', [
      { name: one.name, mimeType: 'text/plain', buffer: Buffer.from(one.text, 'utf8') },
      { name: other.name, mimeType: 'text/plain', buffer: Buffer.from(other.text, 'utf8') },
    ]);
    await page.locator('.entry-tab', { hasText: one.name }).locator('.entry-select').click();
    const first = page.locator('article').first();
    await first.waitFor();
    const printed = (await first.locator('h3').textContent()).trim();
    const noted = (n) => page.waitForFunction(
      (n) => document.querySelectorAll('.lib-note').length > 0 &&
        document.querySelector('.lib-note').textContent.includes(`已按本页的手工更正更新文库中的 ${n} 期`),
      n,
    );
    await first.locator('.edit-item').click();
    await first.locator('.item-editor .edit-headline').fill('手工更正后的标题');
    await first.locator('.item-editor .save-headline').click();
    await noted(1);
    assert.equal(await searchHits(page, '手工更正后的标题'), 1, 'the library holds the corrected headline');
    assert.equal(await searchHits(page, printed), 0, 'and no longer the printed one');
    await page.locator('.library').screenshot({ path: join(SHOTS, 'library-synced-correction.png') });

    // Undone on the page (Ctrl+Z): the library has the printed headline back.
    await page.evaluate(() => document.activeElement?.blur());
    await page.evaluate(() => { document.querySelector('.lib-note')?.remove(); });
    await page.keyboard.press('Control+z');
    await noted(1);
    assert.equal(await searchHits(page, printed), 1);
    assert.equal(await searchHits(page, '手工更正后的标题'), 0);

    // Correcting the other file adds nothing to the library.
    await page.locator('.entry-tab', { hasText: other.name }).locator('.entry-select').click();
    const second = page.locator('article').first();
    await second.locator('.edit-item').click();
    await second.locator('.item-editor .edit-headline').fill('不在文库中的更正');
    await second.locator('.item-editor .save-headline').click();
    await page.waitForTimeout(500);
    assert.equal(await page.locator('.lib-count').getAttribute('data-bulletins'), '1');
    assert.equal(await searchHits(page, '不在文库中的更正'), 0);

    // Kept over a reload: the library's copy is in its database.
    await page.reload({ waitUntil: 'networkidle' });
    await waitCount(page, 1);
    assert.equal(await searchHits(page, printed), 1);
  } finally {
    await close();
  }
});

test('the library is drawn in English on the English page, and in Chinese again after switching back', async () => {
  const bulletins = libraryBulletins(12, { seed: 7, items: 4 });
  const { page, close } = await freshPage();
  try {
    await page.click('.lang-switch');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await drop(page, bulletins.map(({ name, text }) => ({ name, text })), { folder: false });
    await waitCount(page, 12);
    assert.match(await page.locator('.lib-note').textContent(), /12 bulletins added/);
    assert.match(await page.locator('.lib-count').textContent(), /The library holds 12 bulletins of \d+ series/);
    assert.deepEqual(await page.locator('.lib-tabs button').allTextContents(),
      ['Bulletins', 'Adoption', 'Indicators', 'Unit names', 'Search']);
    assert.deepEqual(await page.locator('table.lib-list thead th').allTextContents(),
      ['Select', 'Date', 'Title', 'Issue', 'Items', 'File', '']);
    await page.locator('.library').screenshot({ path: join(SHOTS, 'library-en-list.png') });

    await page.locator('.lib-tabs [data-arg="adoption"]').click();
    await page.waitForSelector('.lib-panel[data-tab="adoption"]');
    assert.equal(await page.locator('.lib-title').textContent(), 'Items adopted (all)');
    assert.deepEqual((await page.locator('table.lib-adoption').first().locator('thead th').allTextContents()).slice(0, 4),
      ['Rank', 'Unit', 'Items', 'Share']);
    assert.match(await page.locator('.lib-chart figcaption').first().textContent(), /items adopted per unit/);
    // Its Excel export is in English too, read back by the tests' own reader.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-act="adoption-xlsx"]').click(),
    ]);
    assert.equal(download.suggestedFilename(), 'items-adopted-all.xlsx');
    const book = readXlsx(await readFile(await download.path()));
    assert.deepEqual(Object.keys(book), ['Adoption']);
    assert.deepEqual(book.Adoption[0].slice(0, 5), ['Title', 'Rank', 'Unit', 'Items adopted', 'Share']);
    assert.ok(book.Adoption.length > 1, 'a row per unit');
    await page.locator('.library').screenshot({ path: join(SHOTS, 'library-en-adoption.png') });

    await page.locator('.lib-tabs [data-arg="search"]').click();
    await page.waitForSelector('.lib-panel[data-tab="search"]');
    assert.equal(await page.locator('.lib-search button[type="submit"]').textContent(), 'Search');

    // No Chinese label left in the view's own text (the bulletins' text is
    // Chinese: only labels, buttons and headers are checked).
    const labels = await page.$$eval('.lib-body label, .lib-body button, .lib-body th', (els) =>
      els.map((e) => [...e.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('')));
    const chinese = labels.filter((t) => /[\u4e00-\u9fff]/.test(t));
    assert.deepEqual(chinese, [], 'labels still in Chinese');

    // Back to Chinese: the worker draws the view again in Chinese.
    await page.click('.lang-switch');
    await page.waitForSelector('.lib-tabs button:has-text("检索")');
    assert.match(await page.locator('.lib-count').textContent(), /文库中共 12 期快报/);
  } finally {
    await close();
  }
});
