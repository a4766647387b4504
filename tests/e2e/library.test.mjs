// 文库 (the library, issue 14) as a new user meets it, in headless Chromium:
// 300 invented bulletins (three titles, two years, units written several
// ways) opened as a folder; a reload; the adoption table for a quarter
// against the count this test makes from the generator's answer key; the
// chart; the table as XLSX read back with openpyxl; remove and undo (after a reload too); the
// library exported and imported into a fresh profile; storage faults
// (quota exceeded, a blocked upgrade, a second tab writing); and 500
// bulletins (~5 MB) timed. Screenshots go to target/library-shots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST_DIR, REPO_ROOT, distMissingReason, launchBrowser, serveDir, slowdown } from './harness.mjs';
import { expectedAdoption, libraryBulletins } from './library-gen.mjs';
import { gbkBytes, zip } from './page-helpers.mjs';

const SHOTS = join(REPO_ROOT, 'target', 'library-shots');

/** A Python with openpyxl: $OPENPYXL_PYTHON, or a venv made in target/ (pip). */
function openpyxlPython() {
  const has = (py) => {
    try {
      execFileSync(py, ['-c', 'import openpyxl'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  const venv = join(REPO_ROOT, 'target', 'venv-openpyxl');
  const py = join(venv, 'bin', 'python');
  for (const candidate of [process.env.OPENPYXL_PYTHON, py, 'python3'].filter(Boolean)) {
    if (has(candidate)) return candidate;
  }
  execFileSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
  execFileSync(py, ['-m', 'pip', 'install', '-q', 'openpyxl'], { stdio: 'inherit' });
  if (!has(py)) throw new Error('openpyxl could not be installed: set OPENPYXL_PYTHON');
  return py;
}

let server;
let work;
const bulletins = libraryBulletins(300);

function writeFolder(dir, list) {
  mkdirSync(dir, { recursive: true });
  for (const b of list) writeFileSync(join(dir, b.name), b.text);
  return dir;
}

before(async () => {
  const missing = await distMissingReason();
  if (missing) throw new Error(missing);
  server = await serveDir(DIST_DIR);
  work = mkdtempSync(join(tmpdir(), 'library-e2e-'));
  mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** A fresh profile with the page open and the library opened. */
async function freshPage({ init = null, route = null } = {}) {
  const browser = await launchBrowser({ viewport: { width: 1280, height: 1000 } });
  if (route) await route(browser.context);
  if (init) await browser.context.addInitScript(init);
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.setDefaultTimeout(30_000);
  await page.goto(server.url, { waitUntil: 'networkidle' });
  await openLibrary(page);
  return { browser, page };
}

async function openLibrary(page) {
  const toggle = page.locator('.library-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page.waitForSelector('.lib-body .lib-count');
}

const count = (page) => page.locator('.lib-count').getAttribute('data-bulletins').then(Number);
const waitCount = (page, n, timeout = 60_000) =>
  page.waitForSelector(`.lib-count[data-bulletins="${n}"]`, { timeout });

async function importFolder(page, dir) {
  await page.locator('.lib-body input[data-folder]').setInputFiles(dir);
}

async function tab(page, code) {
  await page.locator(`.lib-tabs [data-arg="${code}"]`).click();
  await page.waitForSelector(`.lib-panel[data-tab="${code}"]`);
}

/** Sets the adoption period (fields, then one change event). */
async function setPeriod(page, { period, year = '', part = '', series = '' }) {
  await page.evaluate(({ period, year, part, series }) => {
    const set = (name, v) => {
      document.querySelector(`.lib-body [name="${name}"]`).value = v;
    };
    set('series', series);
    set('year', year);
    set('part', part);
    set('period', period);
    const el = document.querySelector('.lib-body [name="period"]');
    delete document.querySelector('.lib-body').dataset.actDone;
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }, { period, year, part, series });
  await page.waitForSelector('.lib-body[data-act-done="view"]');
}

async function adoptionRows(page) {
  return page.$$eval('table.lib-adoption tbody tr', (rows) =>
    rows.map((r) => [`${r.dataset.series}\t${r.dataset.unit}`, Number(r.dataset.items)]),
  );
}

async function shot(page, name, { whole = true } = {}) {
  const path = join(SHOTS, `${name}.png`);
  if (whole) {
    await page.locator('.library').screenshot({ path });
  } else {
    await page.locator('.library').scrollIntoViewIfNeeded();
    await page.screenshot({ path });
  }
  return path;
}

test('300 bulletins as a folder: stored once, kept over a reload, counted per quarter, charted, exported, removed and restored, moved to a fresh profile', async () => {
  const dir = writeFolder(join(work, '快报'), bulletins);
  const { browser, page } = await freshPage();
  try {
    assert.equal(await count(page), 0);
    await importFolder(page, dir);
    await waitCount(page, 300);
    assert.match(await page.locator('.lib-note').textContent(), /新收入 300 期/);
    // The generator skips an issue now and then: the list says which.
    const gaps = await page.locator('.lib-gap').allTextContents();
    const expectedGaps = bulletins.filter((b, i) => i > 0 && bulletins[i - 1].key.series === b.key.series
      && bulletins[i - 1].key.year === b.key.year && b.key.issue > bulletins[i - 1].key.issue + 1).length;
    assert.equal(gaps.length, expectedGaps, gaps.join('\n'));
    assert.ok(expectedGaps > 0);
    await page.locator('.lib-gap').first().scrollIntoViewIfNeeded();
    await shot(page, 'library-list', { whole: false });

    // The same folder again: nothing stored twice.
    await importFolder(page, dir);
    await page.waitForSelector('.lib-note:has-text("300 期已在文库中")');
    assert.equal(await count(page), 300);

    // Kept across a reload (the library reopens by itself).
    await page.reload({ waitUntil: 'networkidle' });
    await waitCount(page, 300);

    // The adoption table for 2024 Q2 against the answer key.
    await tab(page, 'adoption');
    await setPeriod(page, { period: 'quarter', year: '2024', part: '2' });
    const expected = expectedAdoption(bulletins, (k) => k.year === 2024 && k.month >= 4 && k.month <= 6);
    const rows = await adoptionRows(page);
    assert.ok(rows.length >= 20, `rows: ${rows.length}`);
    assert.deepEqual(new Map(rows), expected);
    assert.match(await page.locator('.lib-title').textContent(), /2024年第二季度/);
    assert.ok((await page.locator('svg.adoption-chart rect').count()) >= 5, 'the chart is drawn');
    await page.locator('svg.adoption-chart').scrollIntoViewIfNeeded();
    await shot(page, 'library-adoption');

    // Printing: the library alone (the 打印 button sets this class).
    await page.evaluate(() => document.documentElement.classList.add('print-library'));
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.topbar').isVisible(), false, 'the page header is not printed');
    assert.equal(await page.locator('.lib-tools').isVisible(), false, 'nor the buttons');
    assert.equal(await page.locator('table.lib-adoption').first().isVisible(), true);
    await page.screenshot({ path: join(SHOTS, 'library-print.png') });
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(() => document.documentElement.classList.remove('print-library'));

    // The table for Excel, read back with openpyxl.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-act="adoption-xlsx"]').click(),
    ]);
    const xlsx = join(work, 'adoption.xlsx');
    await download.saveAs(xlsx);
    const read = JSON.parse(execFileSync(openpyxlPython(), ['-c', `
import json, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
rows = list(ws.iter_rows(values_only=True))
print(json.dumps({"title": ws.title, "head": list(rows[0]), "rows": [list(r) for r in rows[1:]]}, ensure_ascii=False))
`, xlsx], { encoding: 'utf8' }));
    assert.equal(read.title, '采用情况');
    assert.deepEqual(read.head.slice(0, 5), ['刊名', '名次', '单位', '采用条数', '占比']);
    assert.deepEqual(new Map(read.rows.map((r) => [`${r[0]}\t${r[2]}`, r[3]])), expected);

    // Indicators: a line chart whose points link to their items.
    await tab(page, 'indicators');
    assert.ok((await page.locator('svg.indicator-chart circle').count()) >= 5);
    await page.locator('svg.indicator-chart a').first().click();
    await page.waitForSelector('#lib-item h3');
    await shot(page, 'library-indicator');

    // Unit names: which raw names were merged.
    await tab(page, 'units');
    const merged = await page.locator('.lib-units tr', { hasText: '青禾县政务快报' }).filter({ hasText: '县发展和改革委员会' }).textContent();
    assert.match(merged, /发改委/);
    assert.match(merged, /县发改委/);

    // Search: a regular expression, in context, linked to its item.
    await tab(page, 'search');
    await page.fill('.lib-search [name=q]', '一般公共预算收入 [5-9]\\.\\d+ 亿元');
    await page.check('.lib-search [name=q_regex]');
    await page.fill('.lib-search [name=q_unit]', '县财政局');
    await page.locator('.lib-search button[type=submit]').click();
    await page.waitForSelector('.lib-hits');
    const hits = Number(await page.locator('.lib-hits').getAttribute('data-total'));
    assert.ok(hits > 0);
    assert.ok((await page.locator('.lib-context mark').count()) > 0);
    await shot(page, 'library-search');

    // Remove one, undo; several, undo; all, undo.
    await tab(page, 'list');
    await page.locator('.lib-list [data-act="remove"]').first().click();
    await waitCount(page, 299);
    await page.locator('[data-act="undo"]').click();
    await waitCount(page, 300);
    // Several: two ticked, removed, brought back.
    await page.locator('.lib-list input[name=sel]').nth(0).check();
    await page.locator('.lib-list input[name=sel]').nth(5).check();
    await page.locator('[data-act="remove-selected"]').click();
    await waitCount(page, 298);
    await page.locator('[data-act="undo"]').click();
    await waitCount(page, 300);
    await page.locator('[data-act="remove-all"]').click();
    await waitCount(page, 0);
    // The last removal is kept in the database: undone after a reload too.
    await page.reload({ waitUntil: 'networkidle' });
    await waitCount(page, 0);
    assert.match(await page.locator('[data-act="undo"]').textContent(), /撤销移除（300 期）/);
    await page.locator('[data-act="undo"]').click();
    await waitCount(page, 300);
    await page.reload({ waitUntil: 'networkidle' });
    await waitCount(page, 300);
    assert.equal(await page.locator('[data-act="undo"]').count(), 0, 'an undo done is not offered again');

    // The whole library as JSON Lines, into a fresh profile.
    const [jsonl] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-act="export-library"]').click(),
    ]);
    const file = join(work, '文库.jsonl');
    await jsonl.saveAs(file);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    assert.equal(lines.length, 301, 'a line per bulletin and the settings');
    assert.ok(JSON.parse(lines[0]).masthead.title, 'the export contract');
    const other = await freshPage();
    try {
      await other.page.locator('.lib-body input[data-files]:not([data-folder])').setInputFiles(file);
      await waitCount(other.page, 300);
      await tab(other.page, 'adoption');
      await setPeriod(other.page, { period: 'quarter', year: '2024', part: '2' });
      assert.deepEqual(new Map(await adoptionRows(other.page)), expected);
    } finally {
      await other.browser.close();
    }
  } finally {
    await browser.close();
  }
});

test('a .zip (UTF-8 and GBK inside), a file that is no bulletin, and a changed text that replaces its bulletin', async () => {
  const [a, b, c] = bulletins.slice(40, 43);
  const archive = zip([
    { name: '一月/a.txt', data: Buffer.from(a.text) },
    { name: '一月/b-gbk.txt', data: gbkBytes(b.text) },
    { name: 'notes/readme.txt', data: Buffer.from('这只是一个说明文件，没有条目。') },
  ]);
  const file = join(work, '快报.zip');
  writeFileSync(file, archive);
  const { browser, page } = await freshPage();
  try {
    const input = page.locator('.lib-body input[data-files]:not([data-folder])');
    await input.setInputFiles(file);
    await waitCount(page, 2);
    assert.match(await page.locator('.lib-note').textContent(), /新收入 2 期.*未能读取 1 个.*readme\.txt/s);
    // The same issue with a changed figure: replaced, and said so.
    const changed = join(work, 'changed.txt');
    writeFileSync(changed, a.text.replace('今年以来', '截至目前'));
    await input.setInputFiles(changed);
    await page.waitForSelector('.lib-note:has-text("内容有变化")');
    assert.match(await page.locator('.lib-note').textContent(), /1 期内容有变化，已用新文本替换：.*changed\.txt/);
    assert.equal(await count(page), 2);
    writeFileSync(join(work, 'c.txt'), c.text);
    await input.setInputFiles(join(work, 'c.txt'));
    await waitCount(page, 3);
  } finally {
    await browser.close();
  }
});

test('storage faults: a refused write keeps what is stored and says so', async () => {
  const dir = writeFolder(join(work, 'few'), bulletins.slice(0, 8));
  const more = writeFolder(join(work, 'more'), bulletins.slice(8, 20));
  // The quota: from the 9th bulletin record on, IndexedDB refuses (the tools
  // worker's script is the glue this route prefixes).
  const route = (context) => context.route(/bulletin-tools[^/]*\.js$/, async (r) => {
    const response = await r.fetch();
    const body = `(() => { let n = 0; const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (...args) {
        if (this.name === 'bulletins' && ++n > 8) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return put.apply(this, args); }; })();\n${await response.text()}`;
    await r.fulfill({ response, body });
  });
  // Every line the library's progress line shows, in order.
  const init = () => {
    window.__progress = [];
    new MutationObserver(() => {
      const text = document.querySelector('.lib-progress')?.textContent;
      if (text && window.__progress.at(-1) !== text) window.__progress.push(text);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  };
  const { browser, page } = await freshPage({ route, init });
  try {
    await importFolder(page, dir);
    await waitCount(page, 8);
    await importFolder(page, more);
    const note = page.locator('.lib-note.lib-error');
    await note.waitFor();
    assert.match(await note.textContent(), /存储空间不足.*已有的 8 期都还在/);
    assert.equal(await count(page), 8);
    await shot(page, 'library-quota');
    // The English page says it in English, the progress line too.
    await page.click('.lang-switch');
    await page.waitForSelector('.lib-tabs button:has-text("Search")');
    await page.evaluate(() => { window.__progress = []; });
    await importFolder(page, more);
    await page.waitForFunction(() => /Out of storage/.test(document.querySelector('.lib-note.lib-error')?.textContent ?? ''));
    assert.match(await note.textContent(), /Out of storage.*not saved\. The 8 bulletins already in the library are all still there/);
    assert.ok(!/[\u4e00-\u9fff]/.test(await note.textContent()), await note.textContent());
    const progress = await page.evaluate(() => window.__progress);
    assert.ok(progress.some((t) => /^Reading 12 files…$|^Reading files: \d+ of 12…$/.test(t)), JSON.stringify(progress));
    assert.ok(progress.every((t) => !/[\u4e00-\u9fff]/.test(t)), JSON.stringify(progress));
    await page.click('.lang-switch');
    await page.reload({ waitUntil: 'networkidle' });
    await waitCount(page, 8);
  } finally {
    await browser.close();
  }
});

test('storage faults: an older version open in another tab blocks the upgrade; nothing is lost', async () => {
  const browser = await launchBrowser();
  try {
    const old = browser.context.pages()[0] ?? (await browser.context.newPage());
    // The tab of an older version: the database at version 1 with one
    // bulletin in the contract's shape, its connection held open.
    await old.goto(new URL('/manifest.webmanifest', server.url).href);
    const record = JSON.parse(execFileSync(join(REPO_ROOT, 'target', 'release', 'bulletin'), ['parse', '-'], {
      input: bulletins[0].text, encoding: 'utf8',
    }));
    await old.evaluate((record) => new Promise((ok, fail) => {
      const req = indexedDB.open('bulletin-library', 1);
      req.onupgradeneeded = () => req.result.createObjectStore('bulletins');
      req.onsuccess = () => {
        const db = req.result;
        const tx = db.transaction('bulletins', 'readwrite');
        tx.objectStore('bulletins').put(record, 'old-record');
        tx.oncomplete = () => { window.__db = db; ok(); };
        tx.onerror = () => fail(tx.error);
      };
      req.onerror = () => fail(req.error);
    }), record);
    const page = await browser.context.newPage();
    await page.goto(server.url, { waitUntil: 'networkidle' });
    await page.locator('.library-toggle').click();
    const note = page.locator('.lib-note.lib-error');
    await note.waitFor();
    assert.match(await note.textContent(), /另一个标签页.*旧版本/);
    await shot(page, 'library-blocked');
    // The old tab lets go: the page carries on by itself, the record kept.
    await old.evaluate(() => window.__db.close());
    await waitCount(page, 1);

    // A second tab writing: the first sees it at its next action.
    const second = await browser.context.newPage();
    await second.goto(server.url, { waitUntil: 'networkidle' });
    await openLibrary(second);
    await waitCount(second, 1);
    await importFolder(second, writeFolder(join(work, 'two'), bulletins.slice(30, 33)));
    await waitCount(second, 4);
    await tab(page, 'units');
    await tab(page, 'list');
    await waitCount(page, 4);
  } finally {
    await browser.close();
  }
});

test('500 bulletins (~5 MB): imported and counted within 2 s, no long task; reopened within 1 s', async () => {
  const big = libraryBulletins(500, { seed: 99, items: 12, padding: 5 });
  const bytes = big.reduce((a, b) => a + Buffer.byteLength(b.text), 0);
  const dir = writeFolder(join(work, 'big'), big);
  const init = () => {
    window.__longTasks = [];
    // The browser's own work on a 500-file selection runs in the task that
    // then dispatches the input's change event: the page's part of that task
    // is the time from the change event's capture on window to its bubbling
    // back there (after the page's handler).
    window.__change = [];
    addEventListener('change', () => window.__change.push(performance.now()), true);
    addEventListener('change', () => window.__change.push(performance.now()), false);
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, ms: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  };
  const { browser, page } = await freshPage({ init });
  try {
    await tab(page, 'adoption');
    const t0 = await page.evaluate(() => performance.now());
    await importFolder(page, dir);
    await waitCount(page, 500);
    await page.waitForSelector('table.lib-adoption tbody tr');
    const t1 = await page.evaluate(() => performance.now());
    const allLong = await page.evaluate((t0) => window.__longTasks.filter((t) => t.start >= t0), t0);
    const [changeStart, changeEnd] = await page.evaluate(() => window.__change.slice(-2));
    const handlerMs = changeEnd - changeStart;
    // Tasks begun before the change event are the browser's handling of the
    // selection (the page has not heard of the files yet); the one holding
    // the change event is counted by the page's handler time alone.
    const selection = allLong.filter((t) => t.start <= changeStart);
    const longTasks = allLong.filter((t) => !selection.includes(t));
    const importMs = t1 - t0;
    const longest = Math.max(handlerMs, ...longTasks.map((t) => t.ms));
    console.log(`the browser's file-selection tasks: ${selection.map((t) => Math.round(t.ms)).join(', ') || 'none'} (ms, over 50); the page's change handler ${handlerMs.toFixed(0)} ms`);
    const nav = Date.now();
    await page.reload({ waitUntil: 'commit' });
    await page.waitForSelector('.lib-count[data-bulletins="500"]', { timeout: 30_000 });
    const reopenMs = Date.now() - nav;
    console.log('other long tasks (ms after the files were handed over, duration):', JSON.stringify(longTasks.map((t) => [Math.round(t.start - t0), Math.round(t.ms)])));
    console.log(`500 bulletins (${(bytes / 1e6).toFixed(1)} MB): imported and the adoption table shown in ${importMs.toFixed(0)} ms; longest main-thread task of the page ${longest.toFixed(0)} ms (${longTasks.length} others over 50 ms); reopened after a reload in ${reopenMs} ms`);
    await shot(page, 'library-500');
    const allowance = slowdown();
    assert.ok(importMs <= 2000 * allowance, `import took ${importMs} ms (bound 2000 ms × ${allowance.toFixed(2)} for the machine's load)`);
    assert.ok(longest <= 100 * allowance, `a main-thread task of ${longest} ms (bound 100 ms × ${allowance.toFixed(2)})`);
    assert.ok(reopenMs <= 1000 * allowance, `reopen took ${reopenMs} ms (bound 1000 ms × ${allowance.toFixed(2)})`);
  } finally {
    await browser.close();
  }
});
