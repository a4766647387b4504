// Hostile files dropped on the page (issue 12): a 100 MB file, zip bombs
// (one that says how large it will be, one that lies), and a binary file.
// Each gets a clear message naming it, and nothing already open is lost:
// the tabs, the current entry and its parsed bulletin stay as they were.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import { openPage, distMissingReason } from './harness.mjs';
import { dropFiles, fixture, headlines, pasteText, zip } from './page-helpers.mjs';

let session;
let page;

before(async () => {
  const missing = await distMissingReason();
  if (missing) throw new Error(missing);
  session = await openPage({ waitFor: '#bulletin-text' });
  page = session.page;
  await pasteText(page, fixture('baihe-23.txt'));
  // A good file open beside the paste: it must survive every refusal.
  await dropFiles(page, [{ name: 'good.txt', mimeType: 'text/plain', buffer: Buffer.from(fixture('baihe-23.txt'), 'utf8') }]);
});

after(async () => {
  await session?.close();
});

const tabNames = () => page.locator('.entry-tab .entry-name').allTextContents();
const currentTab = () => page.locator('.entry-tab.current .entry-name').textContent();

/** The page as it stands: what a refusal must leave alone. */
async function snapshot() {
  return { tabs: await tabNames(), current: await currentTab(), headlines: await headlines(page) };
}

/** Drops files as `dropFiles` does, without waiting for a render: a
 *  refused file renders nothing new. */
async function dropRefused(files) {
  const payload = files.map((f) => ({ name: f.name, type: f.mimeType, b64: f.buffer.toString('base64') }));
  await page.evaluate((payload) => {
    const dt = new DataTransfer();
    for (const f of payload) {
      const bytes = Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], f.name, { type: f.type }));
    }
    const target = document.querySelector('#bulletin-text');
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
    }
  }, payload);
}

/** Waits for the file alert, returns its text and dismisses it. */
async function refusal() {
  const alert = page.locator('.file-errors');
  await alert.waitFor({ timeout: 30_000 });
  const text = await alert.textContent();
  await alert.locator('button').click();
  return text;
}

test('a 100 MB drop is refused before it is read', async () => {
  const before = await snapshot();
  assert.ok(before.headlines.length > 0, 'a parsed bulletin on screen');
  // Made inside the page: a real 100 MB File in a real drop event.
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(100 * 1024 * 1024)], '录像.mp4', { type: 'video/mp4' }));
    const target = document.querySelector('#bulletin-text');
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
    }
  });
  const message = await refusal();
  assert.match(message, /录像\.mp4/);
  assert.match(message, /20 MB/);
  assert.deepEqual(await snapshot(), before);
});

/** A .docx whose document.xml is `size` bytes of one letter (it deflates
 *  about a thousand to one); `declared`: the size its headers claim. */
function bomb(size, declared) {
  const bytes = zip([
    { name: '[Content_Types].xml', data: '<Types/>' },
    { name: 'word/document.xml', data: Buffer.alloc(size, 0x61) },
  ]);
  if (declared !== undefined) {
    // Patch the second entry's uncompressed size in both headers.
    const dirAt = bytes.readUInt32LE(bytes.length - 22 + 16);
    const firstCentralLen = 46 + '[Content_Types].xml'.length;
    const central = dirAt + firstCentralLen;
    const local = bytes.readUInt32LE(central + 42);
    bytes.writeUInt32LE(declared, local + 22);
    bytes.writeUInt32LE(declared, central + 24);
  }
  return bytes;
}

test('a zip bomb is refused naming the ratio and the cap, honest or lying', async () => {
  const before = await snapshot();
  assert.ok(deflateRawSync(Buffer.alloc(1024, 0x61)).length < 64);
  for (const [name, bytes] of [
    ['炸弹.docx', bomb(64 << 20)],
    ['说谎的炸弹.docx', bomb(64 << 20, 1000)],
  ]) {
    await dropRefused([{ name, mimeType: '', buffer: bytes }]);
    const message = await refusal();
    assert.ok(message.includes(name), message);
    assert.match(message, /128 MiB/);
    assert.match(message, /100/);
    assert.match(message, /压缩炸弹|zip bomb/);
    assert.deepEqual(await snapshot(), before);
  }
});

test('a binary file is refused as binary', async () => {
  const before = await snapshot();
  // Text for a while, then NUL bytes past the first 64 KiB.
  const text = Buffer.from('县财政局发行债券 3.47 亿元。\n'.repeat(3000), 'utf8');
  const bytes = Buffer.concat([text, Buffer.from([0, 1, 2, 0, 0, 0, 7, 8])]);
  assert.ok(text.length > 64 * 1024);
  await dropRefused([{ name: 'data.bin.txt', mimeType: 'text/plain', buffer: bytes }]);
  const message = await refusal();
  assert.match(message, /data\.bin\.txt/);
  assert.match(message, /not a text file|不是文本/);
  assert.deepEqual(await snapshot(), before);
});

test('UTF-16 without a byte-order mark is read, and the guess is said', async () => {
  // What `iconv -t UTF-16LE` writes: no mark, and Chinese text with little
  // ASCII has no NUL bytes to give it away.
  const text = fixture('baihe-23.txt').replace(/[ 0-9.%]/g, '');
  await dropFiles(page, [{ name: 'iconv.txt', mimeType: 'text/plain', buffer: Buffer.from(text, 'utf16le') }]);
  assert.equal(await currentTab(), 'iconv.txt');
  const tab = page.locator('.entry-tab.current');
  assert.match(await tab.locator('.entry-note').textContent(), /UTF-16LE\?/);
  assert.match(await tab.locator('.entry-select').getAttribute('title'), /byte-order mark|字节顺序标记/);
  assert.ok((await headlines(page)).length > 0, 'parsed');
  await tab.locator('.entry-close').click();
});

test('on the English page a refusal holds no Chinese: binary, zip bomb, too large', async () => {
  const before = await snapshot();
  const cjk = /[\u3000-\u9fff\uff00-\uffef]/;
  await page.locator('.lang-switch').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  try {
    const text = Buffer.from('county bulletin text\n'.repeat(4000), 'utf8');
    for (const file of [
      { name: 'data.bin.txt', mimeType: 'text/plain', buffer: Buffer.concat([text, Buffer.from([0, 1, 2, 0, 0, 0, 7, 8])]) },
      { name: 'bomb.docx', mimeType: '', buffer: bomb(64 << 20) },
    ]) {
      await dropRefused([file]);
      const message = await refusal();
      assert.ok(message.includes(file.name), message);
      assert.doesNotMatch(message, cjk, message);
    }
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(100 * 1024 * 1024)], 'video.mp4', { type: 'video/mp4' }));
      const target = document.querySelector('#bulletin-text');
      for (const type of ['dragenter', 'dragover', 'drop']) {
        target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
      }
    });
    const message = await refusal();
    assert.match(message, /video\.mp4/);
    assert.doesNotMatch(message, cjk, message);
  } finally {
    await page.locator('.lang-switch').click();
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  }
  assert.deepEqual(await snapshot(), before);
});

test('no request left 127.0.0.1 and the console stayed clean', () => {
  assert.deepEqual(session.log.externalRequests(), []);
  assert.deepEqual(session.log.consoleErrors, []);
});
