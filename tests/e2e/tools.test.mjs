// The tools module (src/bin/bulletin-tools: exports, .html/.docx readers)
// is not part of the first load: it is fetched on the first export, the
// buttons are busy meanwhile, and when it cannot load the status says so
// and a later click tries again.
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
let failNext = false;

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
        if (failNext) {
          failNext = false;
          return route.abort('failed');
        }
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

test('a failed load says so, and the next click loads the tools and exports', { skip, timeout: 60_000 }, async () => {
  await pasteText(page, BAIHE);
  failNext = true;
  await page.click('[data-export=csv]');
  const status = page.locator('.export-status');
  await page.waitForFunction(() => /导出失败/.test(document.querySelector('.export-status')?.textContent ?? ''));
  assert.match(await status.textContent(), /导出工具未能加载/);
  assert.equal(await page.locator('[data-export=csv]').isEnabled(), true, 'the buttons are usable again');

  // Held back: the buttons are busy and the status says the tools are loading.
  const downloaded = page.waitForEvent('download', { timeout: 30_000 });
  await page.click('[data-export=csv]');
  await page.locator('.export-bar[aria-busy=true]').waitFor();
  assert.match(await status.textContent(), /正在加载导出工具/);
  assert.equal(await page.locator('[data-export=xlsx]').isDisabled(), true);
  release();
  const file = await downloaded;
  const bytes = await readFile(await file.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'CSV with a BOM');
  await page.locator('.export-bar:not([aria-busy])').waitFor();
  assert.match(await status.textContent(), /bulletin\.csv/);
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
