// 校对 (Proofread): paste a bulletin with errors, open the proofreading view,
// see the findings listed by kind, jump to one (selected in the text, its
// item shown and outlined in the structured view), dismiss one, reload: the dismissed
// one stays dismissed. The house rules are edited and applied. A screenshot
// of the view is written (PROOFREAD_SHOT, default in the system temp dir).
// Runs against the built dist/ (trunk build --release --offline).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPage, distMissingReason } from './harness.mjs';
import { pasteText } from './page-helpers.mjs';

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

// Invented: a doubled character in the footer, a weekday that does not
// match its date, an unclosed quote, an empty footer field.
const WITH_ERRORS = [
  '青石政务快报',
  '',
  '第 7 期',
  '',
  '青石县人民政府办公室             2024 年 3 月 8 日',
  '',
  '县发改委推进重点项目建设  今年以来，县发改委坚持“项目为王，全县重点项目完成投资 1.8 亿元。3月6日（星期四），县发改委召开了项目推进会。（县发改委）',
  '',
  '县财政局强化资金保障  县财政局多措并举保障项目资金，拨付资金 4200 万元。（县财政局）',
  '',
  '本期发：县委常委，县人大大常委会、县政府领导。',
  '责任编辑：    审核：赵文    签发：孙立新',
  '',
].join('\n');

const kinds = () => page.locator('.finding').evaluateAll((els) => els.map((e) => e.dataset.kind));

async function openView() {
  const toggle = page.locator('.proofread-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page.waitForSelector('.finding, .proofread-none', { timeout: 30_000 });
}

test('findings are listed by kind, jump to their place, and a dismissal survives a reload', async () => {
  await pasteText(page, WITH_ERRORS);
  await openView();
  const listed = await kinds();
  for (const kind of ['repeated', 'weekday', 'unbalanced', 'empty-field']) {
    assert.ok(listed.includes(kind), `${kind} listed: ${listed}`);
  }
  assert.equal(listed.length, 4, `only the planted errors: ${listed}`);
  // Grouped by kind, each group headed.
  assert.equal(await page.locator('.finding-group').count(), 4);
  // The count in the summary.
  assert.equal(await page.locator('[data-stat=proofread] dd').textContent(), '4');

  // Jump: the doubled 大 is selected in the textarea…
  const repeated = page.locator('.finding[data-kind=repeated]');
  await repeated.locator('a.jump').click();
  const selected = await page.locator('#bulletin-text').evaluate((el) => el.value.slice(el.selectionStart, el.selectionEnd));
  assert.equal(selected, '大');
  // …and marked at its exact character in the structured view (the footer
  // there): the second 大 of 人大大, not the first.
  const inFooter = await page.evaluate(() => {
    const h = CSS.highlights.get('proofread');
    const [r] = h ? [...h] : [];
    if (!r) return null;
    const before = r.startContainer.textContent.slice(0, r.startOffset);
    return { text: r.toString(), before, footer: !!r.startContainer.parentElement.closest('.bulletin-footer') };
  });
  assert.ok(inFooter, 'a highlight is set');
  assert.equal(inFooter.text, '大');
  assert.ok(inFooter.footer, 'in the footer of the structured view');
  assert.match(inFooter.before, /县人大$/, `the doubled one: ${inFooter.before}`);
  const start = Number(await repeated.getAttribute('data-start'));
  // (data-start is a character offset into the input text.)
  assert.equal([...WITH_ERRORS].slice(start, start + 1).join(''), '大', 'offsets are characters of the input');
  // …and the weekday's link takes the structured view to its article, outlined.
  await page.locator('.finding[data-kind=weekday] a.jump').click();
  await page.waitForFunction(() => document.querySelector('article:target') !== null);
  assert.match(await page.locator('article:target h3').textContent(), /县发改委/);
  const sel = await page.locator('#bulletin-text').evaluate((el) => el.value.slice(el.selectionStart, el.selectionEnd));
  assert.equal(sel, '星期四');
  // The textarea keeps the focus (an unfocused one shows no selection).
  await page.waitForFunction(() => document.activeElement?.id === 'bulletin-text');
  // In the article, exactly 星期四 is marked.
  const inArticle = await page.evaluate(() => {
    const [r] = [...(CSS.highlights.get('proofread') ?? [])];
    return r && { text: r.toString(), article: r.startContainer.parentElement.closest('article')?.id, target: document.querySelector('article:target')?.id };
  });
  assert.equal(inArticle?.text, '星期四');
  assert.equal(inArticle.article, inArticle.target, 'marked inside the item jumped to');
  const markShot = process.env.PROOFREAD_MARK_SHOT || join(tmpdir(), 'proofread-mark.png');
  await page.waitForTimeout(300); // the mark is scrolled to the middle after the jump
  await page.screenshot({ path: markShot, fullPage: false });
  console.log(`screenshot: ${markShot}`);

  const shot = process.env.PROOFREAD_SHOT || join(tmpdir(), 'proofread.png');
  await page.locator('.proofread').scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot, fullPage: false });
  console.log(`screenshot: ${shot}`);

  // Dismiss the weekday finding: gone from the list and the count.
  await page.locator('.finding[data-kind=weekday] button.dismiss').click();
  // (The list is drawn again by the tools module, asynchronously.)
  await page.waitForSelector('.finding[data-kind=weekday]', { state: 'detached' });
  assert.deepEqual((await kinds()).includes('weekday'), false);
  assert.equal(await page.locator('[data-stat=proofread] dd').textContent(), '3');
  assert.match(await page.locator('.proofread-hidden').textContent(), /1/);

  // Reload: the draft comes back, and the dismissal with it.
  await page.reload({ waitUntil: 'networkidle' });
  await page.waitForSelector('article');
  await openView();
  const after = await kinds();
  assert.equal(after.includes('weekday'), false, `still dismissed: ${after}`);
  assert.equal(after.length, 3);
  // Restoring brings it back.
  await page.locator('.proofread-hidden button.restore').click();
  await page.waitForSelector('.finding[data-kind=weekday]');
  assert.equal(await page.locator('[data-stat=proofread] dd').textContent(), '4');
});

test('house rules are edited in the page and applied', async () => {
  await pasteText(page, WITH_ERRORS);
  await openView();
  await page.locator('.house-rules summary').click();
  const editor = page.locator('.house-rules textarea');
  // The starter list comes with the findings, from the tools module.
  assert.match(await editor.inputValue(), /既使/);
  await editor.fill(`${await editor.inputValue()}拨付资金\t下达资金\n`);
  await page.locator('.house-rules button.apply').click();
  await page.waitForSelector('.finding[data-kind=house-rule]', { timeout: 30_000 });
  assert.equal(await page.locator('.finding[data-kind=house-rule] .finding-text').textContent(), '拨付资金');
  // Back to the starter list.
  await page.locator('.house-rules button.reset').click();
  await page.waitForSelector('.finding[data-kind=house-rule]', { state: 'detached', timeout: 30_000 });
});
