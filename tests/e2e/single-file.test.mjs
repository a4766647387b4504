// The single-file build: dist/bulletin-analyzer.html copied ALONE into an
// empty folder and opened from file:// works fully — paste, files, exports,
// the parse worker — and nothing is requested but file:, data: and blob:.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { copyFile, mkdtemp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

import { DIST_DIR, launchBrowser } from "./harness.mjs";
import {
  bulletinsToCheck,
  expectedOf,
  figureCount,
  loadBuiltParser,
  missingFrom,
  paste,
  shown,
  waitForItems,
} from "./offline-helpers.mjs";
import { inventedBulletin, inventedLargeText } from "./invented-bulletins.mjs";

const SINGLE = join(DIST_DIR, "bulletin-analyzer.html");
const missing = (await stat(SINGLE).catch(() => null))
  ? null
  : `${SINGLE} missing: run \`trunk build --release --offline\` first`;
const skip = missing ?? false;

const ALLOWED = /^(file|data|blob):/i;
let session;
let parse;

before(async () => {
  if (missing) return;
  parse = await loadBuiltParser(DIST_DIR);
  const folder = await mkdtemp(join(tmpdir(), "bulletin-single-"));
  const file = join(folder, "bulletin-analyzer.html");
  await copyFile(SINGLE, file);
  const browser = await launchBrowser();
  const requests = [];
  const consoleErrors = [];
  // Everything any page or worker of the context asks for, allowed or not.
  browser.context.on("request", (r) => requests.push(r.url()));
  await browser.context.route("**/*", (route) =>
    ALLOWED.test(route.request().url()) ? route.continue() : route.abort("blockedbyclient"),
  );
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
  page.on("pageerror", (e) => consoleErrors.push(`uncaught: ${e.message}`));
  page.setDefaultTimeout(60_000);
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  await page.waitForSelector("textarea");
  session = { browser, page, folder, file, requests, consoleErrors };
});

after(async () => {
  await session?.browser.close();
  if (session) await rm(session.folder, { recursive: true, force: true });
});

test("the file is alone in its folder and references no other file", { skip }, async (t) => {
  assert.deepEqual(await readdir(session.folder), ["bulletin-analyzer.html"]);
  const html = await readFile(SINGLE, "utf8");
  const outsideCode = html.replace(/<script\b[\s\S]*?<\/script>/gi, "").replace(/<style\b[\s\S]*?<\/style>/gi, "");
  const refs = [...outsideCode.matchAll(/\s(?:src|href)\s*=\s*["']?([^"'\s>]+)/gi)].map((m) => m[1]);
  assert.deepEqual(refs.filter((r) => !/^(data:|blob:|#|https?:)/.test(r)), [], "no relative src/href");
  const size = (await stat(SINGLE)).size;
  t.diagnostic(`single file: ${(size / 1024).toFixed(1)} KB, ${(gzipSync(html).length / 1024).toFixed(1)} KB gzipped`);
});

test("every bulletin pasted in shows all its items and figures", { skip, timeout: 120_000 }, async (t) => {
  for (const { name, text } of bulletinsToCheck()) {
    const expected = expectedOf(parse(text));
    assert.ok(expected.items > 0, `${name}: the parser finds items`);
    await paste(session.page, text);
    await waitForItems(session.page, expected.items).catch(() => {});
    assert.deepEqual(missingFrom(expected, await shown(session.page)), [], `${name}: all shown`);
    t.diagnostic(`file:// ${name}: ${expected.items} items, ${figureCount(expected)} figures`);
  }
});

test("a large paste is parsed by the worker from file:// too", { skip, timeout: 120_000 }, async () => {
  const text = inventedLargeText(400 * 1024, 5);
  const expected = expectedOf(parse(text));
  await paste(session.page, text);
  await waitForItems(session.page, expected.items, 60_000).catch(() => {});
  assert.deepEqual(missingFrom(expected, await shown(session.page)), []);
  const marks = await session.page.evaluate(() => performance.getEntriesByName("bulletin:worker-result").length);
  assert.ok(marks >= 1, "the worker returned the result (Blob URL worker from file://)");
});

test("files opened from disk are read and shown", { skip, timeout: 60_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), "bulletin-files-"));
  try {
    const paths = [];
    for (const seed of [21, 22, 23]) {
      const path = join(dir, `城南快报-${seed}.txt`);
      await writeFile(path, inventedBulletin(seed, { items: 5 }));
      paths.push(path);
    }
    await session.page.locator('input[type="file"]').first().setInputFiles(paths);
    const first = expectedOf(parse(inventedBulletin(21, { items: 5 })));
    // The batch opens as entries; the first one is shown.
    await session.page.waitForFunction(
      () => document.body.innerText.includes("城南快报-23"),
      null,
      { timeout: 30_000 },
    );
    const tabs = session.page.getByText("城南快报-21", { exact: false }).first();
    await tabs.click();
    await waitForItems(session.page, first.items).catch(() => {});
    assert.deepEqual(missingFrom(first, await shown(session.page)), []);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("exports download from file://", { skip, timeout: 60_000 }, async () => {
  const { text } = bulletinsToCheck()[0];
  const expected = expectedOf(parse(text));
  await paste(session.page, text);
  await waitForItems(session.page, expected.items);
  for (const format of ["json", "csv", "xlsx"]) {
    const [download] = await Promise.all([
      session.page.waitForEvent("download", { timeout: 30_000 }),
      session.page.locator(`[data-export="${format}"]`).first().click(),
    ]);
    const body = await readFile(await download.path());
    assert.ok(body.length > 0, `${format}: not empty`);
    if (format === "json") {
      const doc = JSON.parse(body.toString("utf8"));
      assert.equal(doc.items.length, expected.items, "the JSON export holds every item");
    }
    if (format === "xlsx") assert.equal(body.subarray(0, 2).toString(), "PK", "xlsx is a zip");
    if (format === "csv") assert.deepEqual([...body.subarray(0, 3)], [0xef, 0xbb, 0xbf], "csv starts with a BOM");
  }
});

test("nothing leaves the machine and nothing fails", { skip }, async () => {
  const outside = session.requests.filter((u) => !ALLOWED.test(u));
  assert.deepEqual(outside, [], "only file:, data:, blob: requests");
  assert.deepEqual(session.consoleErrors, [], "no console errors (a CSP violation would be one)");
});
