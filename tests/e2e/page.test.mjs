// The page as its users meet it: paste or type a bulletin and read it
// structured; keyboard use; the language switch; the figures table; the
// exports' bytes; the draft surviving a reload; how long a render takes.
// Runs against the built dist/ (trunk build --release --offline).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { openPage, distMissingReason } from './harness.mjs';
import { bulletinsToCheck } from './offline-helpers.mjs';
import {
  afterRender,
  articleFigures,
  fixture,
  headlines,
  pasteText,
  sampleText,
} from './page-helpers.mjs';

let session;
let page;

before(async () => {
  const missing = await distMissingReason();
  if (missing) throw new Error(missing);
  session = await openPage({ waitFor: '#bulletin-text' });
  page = session.page;
});

after(async () => {
  await session?.close();
});

const BAIHE = fixture('baihe-23.txt');

test('a pasted bulletin shows each item as an article with its headline and figures', async () => {
  await pasteText(page, BAIHE);
  assert.deepEqual(await headlines(page), [
    '县统计局通报前两月经济运行情况',
    '县税务局优化办税缴费服务',
    '县教育局完成春季学期开学准备工作',
  ]);
  const [stats, tax, schools] = await articleFigures(page);
  for (const v of ['7.4', '2160000000', '1830000000']) assert.ok(stats.values.includes(v), `统计局 has ${v}: ${stats.values}`);
  for (const v of ['16', '96', '1200', '38600000']) assert.ok(tax.values.includes(v), `税务局 has ${v}: ${tax.values}`);
  for (const v of ['24000000', '11', '85']) assert.ok(schools.values.includes(v), `教育局 has ${v}: ${schools.values}`);
  // A figure is never one of another article's.
  assert.ok(!schools.values.includes('2160000000'));

  // Masthead, sections, sources and the footer.
  assert.equal(await page.locator('.bulletin-title').textContent(), '白河政务信息');
  assert.match(await page.locator('.masthead-fields').textContent(), /第二十三期/);
  assert.match(await page.locator('.masthead-fields').textContent(), /2024-03-08/);
  assert.deepEqual(await page.locator('.section-title').allTextContents(), ['经济运行', '社会事业']);
  assert.deepEqual(await page.locator('article').nth(1).locator('.source').allTextContents(), ['县税务局']);
  assert.match(await page.locator('.bulletin-footer').textContent(), /钱亮/);
  // The summary counts what is shown.
  assert.equal(await page.locator('[data-stat=items] dd').textContent(), '3');
  const figureCount = Number(await page.locator('[data-stat=figures] dd').textContent());
  assert.equal(figureCount, await page.locator('article .body data').count());
});

test('a warning points at its input lines and selects them in the textarea', async () => {
  // A line after the footer cannot be placed: the parser warns about line 9.
  // (A print count there, `共印 60 份`, is dropped quietly: it is no text of the bulletin.)
  const text = '青禾政务快报\n\n第 3 期\n\n县民政局发放救助金 发放临时救助金 86 万元。（县民政局）\n\n责任编辑：赵 明\n\n另附会议安排请留意\n';
  await pasteText(page, text);
  const warning = page.locator('.warnings li.warning').first();
  await warning.waitFor();
  assert.match(await warning.textContent(), /另附会议安排请留意/);
  const button = warning.locator('button');
  assert.equal(await button.textContent(), '第 9 行');
  await button.click();
  const selected = await page.locator('#bulletin-text').evaluate((el) => ({
    focused: document.activeElement === el,
    text: el.value.slice(el.selectionStart, el.selectionEnd),
  }));
  assert.deepEqual(selected, { focused: true, text: '另附会议安排请留意' });
});

test('the contents link to their sections', async () => {
  await pasteText(page, BAIHE);
  const links = page.locator('.section-nav a');
  assert.equal(await links.count(), 2);
  const href = await links.nth(1).getAttribute('href');
  assert.equal(await page.locator(href).locator('h2').textContent(), '社会事业');
});

test('typing is analysed after a short pause, not on every key', async () => {
  await pasteText(page, '');
  const ms = await afterRender(page, async () => {
    await page.locator('#bulletin-text').fill('');
    await page.locator('#bulletin-text').pressSequentially('试行快报\n\n县人社局举办招聘会 提供岗位 320 个。（县人社局）', { delay: 5 });
  });
  assert.ok(ms >= 0);
  assert.deepEqual(await headlines(page), ['县人社局举办招聘会']);
  assert.deepEqual((await articleFigures(page))[0].values, ['320']);
});

test('figures are reachable by keyboard and show their details on focus', async () => {
  await pasteText(page, BAIHE);
  const first = page.locator('article .body data').first();
  assert.equal(await page.locator('article .fig-tip').count(), 0, 'tooltips are built on demand');
  await first.focus();
  await page.waitForSelector('article .body data[aria-describedby]');
  const tipId = await first.getAttribute('aria-describedby');
  const tip = page.locator(`#${tipId}`);
  assert.equal(await tip.isVisible(), true, 'tooltip visible on focus');
  assert.match(await tip.textContent(), /数值/);
  assert.match(await first.getAttribute('title'), /类型：/);
  await page.locator('#bulletin-text').focus();
  await tip.waitFor({ state: 'detached' });
  assert.equal(await first.getAttribute('aria-describedby'), null, 'no description left behind');
  // The pointer shows it too.
  await first.hover();
  await page.locator('article .fig-tip').first().waitFor({ state: 'visible' });
});

test('the skip link is the first stop and jumps to the results', async () => {
  // A fresh load: the first Tab is the first stop.
  await page.reload({ waitUntil: 'networkidle' });
  await page.waitForSelector('article');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
  assert.equal(await page.locator('.skip-link').isVisible(), true);
  assert.equal(await page.locator('.skip-link').getAttribute('href'), '#results');
});

test('the figures table filters by kind and searches', async () => {
  await pasteText(page, BAIHE);
  const rows = page.locator('.figures-table tbody tr');
  const total = await rows.count();
  assert.ok(total >= 9, `rows: ${total}`);
  await page.selectOption('#filter-kind', { label: '金额' });
  const money = await page.locator('.figures-table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.kind));
  assert.ok(money.length >= 4 && money.every((k) => k === 'money'), money.join());
  await page.selectOption('#filter-kind', { label: '全部' });
  await page.fill('#filter-query', '教师');
  assert.equal(await rows.count(), 1);
  assert.equal(await page.locator('.figures-table tbody td.c-text').textContent(), '85 名');
  await page.fill('#filter-query', '');
  assert.equal(await rows.count(), total);
  // Sorting by value (keyboard: the header is a button).
  await page.locator('button[data-column=c-value]').focus();
  await page.keyboard.press('Enter');
  const firstValue = await page.locator('.figures-table tbody td.c-value data').first().getAttribute('value');
  assert.equal(firstValue, '2160000000');
});

async function download(selector) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

test('the figures CSV opens in Excel: UTF-8 with BOM, a header row, the values', async () => {
  await pasteText(page, BAIHE);
  const { name, bytes } = await download('[data-export=csv]');
  assert.equal(name, '白河政务信息-第23期-2024-03-08.csv');
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString('utf8');
  const [header, ...lines] = text.split('\r\n').filter(Boolean);
  assert.match(header, /^刊名,期号,日期,文件,栏目,序号,标题/);
  // Every row names its bulletin: title, issue number, date.
  assert.ok(lines.every((l) => l.startsWith('白河政务信息,')), lines.join("\n"));
  assert.ok(lines.some((l) => l.includes('21.6 亿元') && l.includes('2160000000')), lines.join('\n'));
});

test('JSON and XLSX exports', async () => {
  const json = await download('[data-export=json]');
  assert.equal(json.name, '白河政务信息-第23期-2024-03-08.json');
  const parsed = JSON.parse(json.bytes.toString('utf8'));
  assert.equal(parsed.masthead.title, '白河政务信息');
  assert.equal(parsed.items.length, 3);
  assert.deepEqual(parsed.sections, ['经济运行', '社会事业']);
  const xlsx = await download('[data-export=xlsx]');
  assert.equal(xlsx.name, '白河政务信息-第23期-2024-03-08.xlsx');
  assert.equal(xlsx.bytes.subarray(0, 2).toString('latin1'), 'PK');
});

test('copy as text puts the bulletin on the clipboard', async () => {
  await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(session.url).origin });
  await page.click('[data-export=copy]');
  await page.waitForSelector('.export-status:has-text("已复制")');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /县教育局完成春季学期开学准备工作/);
});

test('the language switch turns the interface to English and back', async () => {
  await page.click('.lang-switch');
  assert.equal(await page.locator('h1').textContent(), 'Bulletin Analyzer');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.equal(await page.locator('[data-export=csv]').textContent(), 'Figures CSV (Excel)');
  await page.click('.lang-switch');
  assert.equal(await page.locator('h1').textContent(), '政务快报分析');
});

test('the sample button shows the product at once', async () => {
  await pasteText(page, '');
  await afterRender(page, () => page.click('.empty-state button'));
  assert.ok((await page.locator('article').count()) >= 8);
  assert.equal(await page.locator('#bulletin-text').inputValue(), sampleText());
});

test('the sample never overwrites a draft: it opens beside it', async () => {
  await pasteText(page, BAIHE);
  await afterRender(page, () => page.locator('.input-actions button', { hasText: '示例' }).click());
  assert.equal(await page.locator('.entry-tab.current .entry-name').textContent(), '示例快报');
  assert.equal(await page.locator('#bulletin-text').evaluate((el) => el.readOnly), true);
  assert.ok((await page.locator('article').count()) >= 8);
  await afterRender(page, () => page.locator('.entry-tab').first().locator('.entry-select').click());
  assert.equal(await page.locator('#bulletin-text').inputValue(), BAIHE);
  await page.locator('.entry-close').click();
  assert.equal(await page.locator('.entry-tab').count(), 1);
});

test('what was typed survives a reload', async () => {
  await pasteText(page, BAIHE);
  await page.reload({ waitUntil: 'networkidle' });
  await page.waitForSelector('article');
  assert.equal(await page.locator('#bulletin-text').inputValue(), BAIHE);
  assert.equal(await page.locator('article').count(), 3);
});

/** The middle value of `xs` (render times vary with the machine's load). */
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

test('render time from paste to items on screen (typical bulletin)', async (t) => {
  const text = sampleText();
  const painted = [];
  const dom = [];
  for (let i = 0; i < 11; i++) {
    await pasteText(page, '');
    painted.push(await pasteText(page, text));
    dom.push(Number(await page.locator('#results').getAttribute('data-dom-ms')));
  }
  const line = (xs) => xs.map((x) => x.toFixed(1)).join(' ');
  t.diagnostic(`paste → painted ms, ${text.length} chars: ${line(painted)}; paste → DOM updated: ${line(dom)}`);
  console.log(`# render time: median ${median(painted).toFixed(1)} ms to the painted frame, ${median(dom).toFixed(1)} ms to the DOM update, over ${painted.length} pastes of the sample (${text.length} chars)`);
  // Speed targets are measured and reported (README), not asserted by a timed
  // test: a loaded machine would make such a test fail at random. The target
  // is a median under 50 ms to the painted frame; what must hold here is
  // that every paste was rendered, and painted after its DOM update.
  if (median(painted) >= 50) console.log(`# render time: median ${median(painted).toFixed(1)} ms is over the 50 ms target`);
  assert.equal(painted.length, 11);
  assert.ok(painted.every((x, i) => Number.isFinite(x) && x > 0 && x >= dom[i]), `painted ${painted}, DOM ${dom}`);
});

test('render time of each real (or invented) bulletin, reported', async (t) => {
  const lines = [];
  for (const { name, text } of bulletinsToCheck()) {
    const painted = [];
    for (let i = 0; i < 5; i++) {
      await pasteText(page, '');
      painted.push(await pasteText(page, text));
    }
    assert.ok(painted.every((x) => Number.isFinite(x) && x > 0), `${name}: ${painted}`);
    assert.ok((await headlines(page)).length > 0, `${name} shows its items`);
    lines.push(`${name} (${text.length} chars) ${median(painted).toFixed(1)} ms`);
  }
  t.diagnostic(lines.join('; '));
  console.log(`# render time per bulletin, median of 5 pastes to the painted frame: ${lines.join('; ')}`);
});

test('nothing leaves 127.0.0.1 and the console stays clean', () => {
  assert.deepEqual(session.log.externalRequests(), []);
  assert.deepEqual(session.log.consoleErrors, []);
  assert.deepEqual(session.log.failedRequests, []);
});
