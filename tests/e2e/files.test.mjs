// Opening files: GBK and UTF-16 text, a Word .docx built here, a saved web
// page — through the file button and by drag-and-drop — several at once,
// and a binary file that must be refused without losing anything.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, distMissingReason } from './harness.mjs';
import {
  articleFigures,
  bulletinDocx,
  chooseFiles,
  dropFiles,
  fixture,
  gbkBytes,
  headlines,
  pasteText,
  utf16leBytes,
} from './page-helpers.mjs';

let session;
let page;

const BAIHE = fixture('baihe-23.txt');
const HEADLINES = ['县统计局通报前两月经济运行情况', '县税务局优化办税缴费服务', '县教育局完成春季学期开学准备工作'];

before(async () => {
  const missing = await distMissingReason();
  if (missing) throw new Error(missing);
  session = await openPage({ waitFor: '#bulletin-text' });
  page = session.page;
});

after(async () => {
  await session?.close();
});

// Every test starts from the pasted entry alone, whatever the last one left.
afterEach(async () => {
  if (!page) return;
  if ((await page.locator('.file-errors').count()) > 0) await page.locator('.file-errors button').click();
  await closeFileTabs();
});

const tabNames = () => page.locator('.entry-tab .entry-name').allTextContents();
const currentTab = () => page.locator('.entry-tab.current .entry-name').textContent();

async function closeFileTabs() {
  while ((await page.locator('.entry-close').count()) > 0) await page.locator('.entry-close').first().click();
}

async function expectBaihe(label) {
  assert.deepEqual(await headlines(page), HEADLINES, label);
  const [stats] = await articleFigures(page);
  assert.ok(stats.values.includes('2160000000'), `${label}: 21.6 亿元 in the first item`);
}

test('a GBK .txt opened with the file button', async () => {
  await pasteText(page, '我的草稿：县农业局 春耕备耕 120 台。（县农业局）');
  await chooseFiles(page, [{ name: '白河第23期-gbk.txt', mimeType: 'text/plain', buffer: gbkBytes(BAIHE) }]);
  assert.equal(await currentTab(), '白河第23期-gbk.txt');
  assert.match(await page.locator('.entry-tab.current .entry-note').textContent(), /GBK/);
  await expectBaihe('GBK');
  // The file's text shows read-only; the pasted draft is kept in its own tab.
  assert.equal(await page.locator('#bulletin-text').evaluate((el) => el.readOnly), true);
  await page.locator('.entry-tab').first().locator('.entry-select').click();
  assert.match(await page.locator('#bulletin-text').inputValue(), /我的草稿/);
  await closeFileTabs();
});

test('a UTF-16 .txt (with BOM) dropped on the page', async () => {
  await dropFiles(page, [{ name: 'baihe-utf16.txt', mimeType: 'text/plain', buffer: utf16leBytes(BAIHE) }]);
  assert.equal(await currentTab(), 'baihe-utf16.txt');
  assert.match(await page.locator('.entry-tab.current .entry-note').textContent(), /UTF-16/);
  await expectBaihe('UTF-16');
  await closeFileTabs();
});

test('a .docx with bold headlines, opened and dropped', async () => {
  const bytes = bulletinDocx(BAIHE);
  await chooseFiles(page, [{ name: '白河第23期.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: bytes }]);
  assert.equal(await currentTab(), '白河第23期.docx');
  await expectBaihe('docx (file button)');
  await closeFileTabs();
  await dropFiles(page, [{ name: 'dropped.docx', mimeType: '', buffer: bytes }]);
  assert.equal(await currentTab(), 'dropped.docx');
  await expectBaihe('docx (drop)');
  await closeFileTabs();
});

test('a saved web page in GBK', async () => {
  // As a CMS publishes it: one <p> per line, each headline in <strong>.
  const paragraphs = BAIHE.split('\n')
    .filter((l) => l.trim())
    .map((l) => l.replace(/^(县\S+?)\s+/u, '<strong>$1</strong>'))
    .map((l) => `<p>${l}</p>`)
    .join('\n');
  const html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>白河政务信息</title>
<style>p{margin:0}</style><script>var x = "不是正文";</script></head><body>${paragraphs}</body></html>`;
  await chooseFiles(page, [{ name: 'baihe.htm', mimeType: 'text/html', buffer: gbkBytes(html) }]);
  await expectBaihe('html');
  assert.doesNotMatch(await page.locator('#bulletin-text').inputValue(), /不是正文|margin/);
  await closeFileTabs();
});

test('several files at once become several entries', async () => {
  await dropFiles(page, [
    { name: 'a.txt', mimeType: 'text/plain', buffer: Buffer.from(BAIHE, 'utf8') },
    { name: 'b.txt', mimeType: 'text/plain', buffer: gbkBytes(BAIHE) },
  ]);
  assert.deepEqual(await tabNames(), ['粘贴', 'a.txt', 'b.txt']);
  assert.equal(await currentTab(), 'a.txt');
  await page.locator('.entry-tab', { hasText: 'b.txt' }).locator('.entry-select').click();
  assert.equal(await currentTab(), 'b.txt');
  await expectBaihe('second file');
  // With several open, the exports can take them all (JSON Lines).
  await page.check('.export-bar .scope input');
  const [file] = await Promise.all([page.waitForEvent('download'), page.click('[data-export=json]')]);
  assert.equal(file.suggestedFilename(), 'bulletins.jsonl');
  const { readFile } = await import('node:fs/promises');
  const lines = (await readFile(await file.path(), 'utf8')).trim().split('\n');
  assert.equal(lines.length, 3, 'the pasted draft and the two files');
  assert.equal(JSON.parse(lines[1]).items.length, 3);
  await page.uncheck('.export-bar .scope input');
});

test('a binary file is refused with its name and a reason, and nothing is lost', async () => {
  const before = await tabNames();
  const active = await currentTab();
  const articles = await headlines(page);
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
  await page.setInputFiles('#file-input', [{ name: '扫描件.png', mimeType: 'image/png', buffer: png }]);
  const alert = page.locator('.file-errors');
  await alert.waitFor();
  assert.match(await alert.textContent(), /扫描件\.png/);
  assert.match(await alert.textContent(), /图片|PNG/);
  assert.deepEqual(await tabNames(), before);
  assert.equal(await currentTab(), active);
  assert.deepEqual(await headlines(page), articles);
  // A PDF dropped with a good file: the good one opens, the PDF is reported.
  await dropFiles(page, [
    { name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n', 'latin1') },
    { name: 'c.txt', mimeType: 'text/plain', buffer: Buffer.from(BAIHE, 'utf8') },
  ]);
  assert.match(await alert.textContent(), /report\.pdf/);
  assert.doesNotMatch(await alert.textContent(), /扫描件/);
  assert.equal(await currentTab(), 'c.txt');
  await alert.locator('button').click();
  assert.equal(await alert.count(), 0);
  await closeFileTabs();
});

test('no request left 127.0.0.1 and the console stayed clean', () => {
  assert.deepEqual(session.log.externalRequests(), []);
  assert.deepEqual(session.log.consoleErrors, []);
});
