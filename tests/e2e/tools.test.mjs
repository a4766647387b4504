// The tools module (tools/, package bulletin-tools: the parser, exports, .html/.docx
// readers) is not part of the first load: an empty page never fetches it;
// the first text to parse does. Meanwhile the page says the parser is
// loading (and export buttons are busy); when it cannot load the page says
// so, keeps the text, and a retry (or a later export) tries again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DIST_DIR, openPage, distMissingReason } from './harness.mjs';
import { fixture, pasteText } from './page-helpers.mjs';
import { toolsFromIndex } from '../../scripts/offline/tools-meta.mjs';

const missing = await distMissingReason();
const skip = missing ?? false;
const TOOLS = /bulletin-tools-[0-9a-f]+(_bg\.wasm|\.js)$/;
const BAIHE = fixture('baihe-23.txt');

let session;
let page;
let release; // opens the gate holding the tools wasm back
let failing = false; // while set, every load of the tools wasm fails

before(async () => {
  if (missing) return;
  session = await openPage({
    waitFor: '#bulletin-text',
    beforeGoto: async (context) => {
      // No service worker here: it would fetch the tools to cache them
      // (offline.test.mjs covers that) and answer the page's requests
      // itself, out of reach of the routes below.
      await context.addInitScript(() => delete Navigator.prototype.serviceWorker);
      await context.route(/bulletin-tools-[0-9a-f]+_bg\.wasm$/, async (route) => {
        if (failing) return route.abort('failed');
        await new Promise((ok) => (release = ok));
        return route.fallback();
      });
    },
  });
  page = session.page;
});

after(async () => {
  await session?.close();
});

test('index.html names the tools files, and the first load fetches neither', { skip }, async () => {
  const tools = toolsFromIndex(await readFile(join(DIST_DIR, 'index.html'), 'utf8'));
  assert.ok(tools?.js && tools?.wasm, 'meta bulletin-tools with data-js and data-wasm');
  for (const f of [tools.js, tools.wasm]) await readFile(join(DIST_DIR, f)); // both are in the build
  assert.deepEqual(session.log.requests.filter((u) => TOOLS.test(u)), [], 'nothing of the tools module before it is needed');
});

test('a paste while the tools fail to load says so, keeps the text, and exports say so too', { skip, timeout: 60_000 }, async () => {
  failing = true;
  await page.locator('#bulletin-text').evaluate((el, value) => {
    el.focus();
    el.value = value;
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste', data: null }));
  }, BAIHE);
  const alert = page.locator('.parse-failed[role=alert]');
  await alert.waitFor({ timeout: 20_000 });
  assert.match(await alert.textContent(), /解析工具未能加载/);
  assert.equal(await page.locator('#bulletin-text').inputValue(), BAIHE, 'the text is kept');
  assert.equal(await page.locator('article').count(), 0, 'no analysis is shown as if it were one');

  // An export meanwhile tries the tools again, and says so when they fail.
  await page.click('[data-export=csv]');
  const status = page.locator('.export-status');
  await page.waitForFunction(() => /导出失败/.test(document.querySelector('.export-status')?.textContent ?? ''));
  assert.match(await status.textContent(), /导出工具未能加载/);
  assert.equal(await page.locator('[data-export=csv]').isEnabled(), true, 'the buttons are usable again');
});

test('retrying while the tools are held back shows a loading state, then the result and the export', { skip, timeout: 60_000 }, async () => {
  // Held back: the page says the parser is loading, the buttons are busy.
  failing = false;
  await page.evaluate(() => document.querySelector('#results')?.removeAttribute('data-render-ms'));
  await page.click('.parse-failed button');
  const loading = page.locator('.tools-loading[role=status]');
  await loading.waitFor();
  assert.match(await loading.textContent(), /正在加载解析工具/);
  assert.equal(await page.locator('article').count(), 0);
  const downloaded = page.waitForEvent('download', { timeout: 30_000 });
  await page.click('[data-export=csv]');
  await page.locator('.export-bar[aria-busy=true]').waitFor();
  assert.match(await page.locator('.export-status').textContent(), /正在加载导出工具/);
  assert.equal(await page.locator('[data-export=xlsx]').isDisabled(), true);
  release();
  await page.waitForSelector('#results[data-render-ms]', { timeout: 30_000 });
  assert.equal(await page.locator('article').count(), 3, 'the analysis arrives once the tools have loaded');
  assert.equal(await page.locator('.parse-failed, .tools-loading').count(), 0, 'the notes are gone');
  const file = await downloaded;
  const bytes = await readFile(await file.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'CSV with a BOM');
  await page.locator('.export-bar:not([aria-busy])').waitFor();
  assert.match(await page.locator('.export-status').textContent(), /bulletin\.csv/);
});

test('once loaded, later pastes need no new request and show no loading state', { skip, timeout: 30_000 }, async () => {
  const before = session.log.requests.filter((u) => TOOLS.test(u)).length;
  await pasteText(page, `${BAIHE}\n`); // a new text: parsed again
  assert.equal(await page.locator('article').count(), 3);
  assert.equal(session.log.requests.filter((u) => TOOLS.test(u)).length, before);
});

test('once loaded, exports need no new request', { skip, timeout: 30_000 }, async () => {
  const before = session.log.requests.filter((u) => TOOLS.test(u)).length;
  const [file] = await Promise.all([page.waitForEvent('download'), page.click('[data-export=json]')]);
  assert.equal(JSON.parse(await readFile(await file.path(), 'utf8')).items.length, 3);
  assert.equal(session.log.requests.filter((u) => TOOLS.test(u)).length, before);
});

test('the console stayed clean apart from the failed load', { skip }, () => {
  assert.deepEqual(session.log.externalRequests(), []);
  assert.deepEqual(session.log.consoleErrors.filter((e) => !/Failed to load resource|ERR_FAILED/.test(e)), []);
});
