// A pasted text holding several issues (two invented issues of one
// bulletin, pasted at once) becomes an entry per issue, like an opened file
// does: tabs named 粘贴 (1/2), 粘贴 (2/2), each saying the paste held 2
// issues, the first shown with its own items; the pasted text stays in the
// paste tab, and a paste of one issue opens nothing more.
// Runs against the built dist/ (trunk build --release --offline).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, distMissingReason } from './harness.mjs';
import { headlines, pasteText } from './page-helpers.mjs';

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

const issue = (n, date, items) => [
  '青石政务快报',
  '',
  `2024年第${n}期`,
  '',
  `青石县人民政府办公室编印             ${date}`,
  '',
  ...items.flatMap((i) => [i, '']),
  '本期发：县委常委，县政府领导。',
  '责任编辑：李明    审核：赵文    签发：孙立新',
  '',
].join('\n');

const SEVENTH = issue(7, '2024年3月8日', [
  '县发改委推进重点项目建设  今年以来，全县重点项目完成投资1.8亿元。（县发改委）',
  '县财政局强化资金保障  县财政局拨付项目资金4200万元。（县财政局）',
]);
const EIGHTH = issue(8, '2024年3月15日', [
  '县农业农村局部署春耕生产  全县落实春播面积12.5万亩，调运化肥3200吨。（县农业农村局）',
  '县教育局开展安全大检查  排查校园隐患86处，已整改79处。（县教育局）',
]);

const tabNames = () => page.locator('.entry-tab .entry-name').allTextContents();

test('a paste of two issues becomes two entries, and says so', async () => {
  await pasteText(page, `${SEVENTH}\n${EIGHTH}`);
  await page.waitForFunction(() => document.querySelectorAll('.entry-tab').length === 3, null, { timeout: 30_000 });
  const names = await tabNames();
  assert.deepEqual(names.slice(1), ['粘贴 (1/2)', '粘贴 (2/2)'], `tabs: ${names}`);
  // The tab says where it came from.
  assert.match(await page.locator('.entry-tab.current .entry-note').textContent(), /共 2 期/);
  assert.match(await page.locator('.entry-tab.current').innerHTML(), /粘贴的文本含 2 期/);
  // The first issue is shown, with its own items only.
  await page.waitForFunction(() => document.querySelector('article h3')?.textContent.includes('县发改委'));
  assert.deepEqual(await headlines(page), ['县发改委推进重点项目建设', '县财政局强化资金保障']);
  // The second tab holds the second issue.
  await page.locator('.entry-tab').nth(2).locator('.entry-select').click();
  await page.waitForFunction(() => document.querySelector('article h3')?.textContent.includes('县农业农村局'));
  assert.deepEqual(await headlines(page), ['县农业农村局部署春耕生产', '县教育局开展安全大检查']);
  // The pasted text itself is kept, whole, in the paste tab.
  await page.locator('.entry-tab').first().locator('.entry-select').click();
  const pasted = await page.locator('#bulletin-text').inputValue();
  assert.ok(pasted.includes('2024年第7期') && pasted.includes('2024年第8期'));
  while ((await page.locator('.entry-close').count()) > 0) await page.locator('.entry-close').first().click();
});

test('a paste of one issue opens no further entry', async () => {
  await pasteText(page, EIGHTH);
  await page.waitForFunction(() => document.querySelector('article h3')?.textContent.includes('县农业农村局'));
  // Give the split time to answer (it runs beside the parse in the worker).
  await page.waitForTimeout(500);
  assert.equal(await page.locator('.entry-tab').count(), 1, `tabs: ${await tabNames()}`);
});
