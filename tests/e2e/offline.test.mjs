// Offline: after one visit the page loads and parses with the network off
// (service worker), it is installable (manifest, icons), and a new version
// is offered by "新版本可用 — 刷新", never forced.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { DIST_DIR, REPO_ROOT, distMissingReason, launchBrowser, serveDir, watchContext } from "./harness.mjs";
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
import { inventedLargeText } from "./invented-bulletins.mjs";
import { listFiles, precacheList, writeServiceWorker } from "../../scripts/offline/service-worker.mjs";

const missing = await distMissingReason();
const skip = missing ?? false;
let parse;

before(async () => {
  if (!missing) parse = await loadBuiltParser(DIST_DIR);
});

/** Waits until a service worker controls the page (first visit: after clients.claim). */
async function waitForControl(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller) return;
    await new Promise((ok, fail) => {
      navigator.serviceWorker.addEventListener("controllerchange", ok, { once: true });
      setTimeout(() => fail(new Error("no service worker took control within 20 s")), 20_000);
    });
  });
}

/** Pastes `text` and checks every item and figure shows; returns the counts. */
async function pasteAndCheck(page, name, text) {
  const expected = expectedOf(parse(text));
  assert.ok(expected.items > 0, `${name}: the parser finds items (else the check proves nothing)`);
  await paste(page, text);
  await waitForItems(page, expected.items, 60_000).catch(() => {});
  assert.deepEqual(missingFrom(expected, await shown(page)), [], `${name}: all items and figures shown`);
  return { items: expected.items, figures: figureCount(expected) };
}

test("after one visit, the page loads and parses every bulletin with the network off", { skip, timeout: 180_000 }, async (t) => {
  const server = await serveDir(DIST_DIR);
  const browser = await launchBrowser();
  try {
    const log = await watchContext(browser.context);
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(server.url, { waitUntil: "networkidle" });
    await page.waitForSelector("textarea");
    await waitForControl(page);
    await page.evaluate(async () => (await navigator.serviceWorker.ready).active);
    // The page's wasm; the tools module's (loaded on demand) is the service worker's to fetch.
    const wasmDownloads = server.requests.filter((p) => p.endsWith(".wasm") && !p.includes("bulletin-tools-"));
    assert.equal(wasmDownloads.length, 1, "the service worker caches the page's own copy of the wasm, not a second download");

    // Off: the browser's network and the server itself.
    await browser.context.setOffline(true);
    await server.close();
    await page.reload({ waitUntil: "load" });
    await page.waitForSelector("textarea", { timeout: 30_000 });
    assert.ok(await page.evaluate(() => navigator.onLine === false), "the browser believes it is offline");
    assert.ok(await page.evaluate(() => !!navigator.serviceWorker.controller), "the reload was served by the service worker");

    for (const { name, text } of bulletinsToCheck()) {
      const counts = await pasteAndCheck(page, name, text);
      t.diagnostic(`offline ${name}: ${counts.items} items, ${counts.figures} figures shown`);
    }

    // A large text goes to the worker, whose glue import must come from the cache too.
    const large = inventedLargeText(400 * 1024, 11);
    const counts = await pasteAndCheck(page, "400 KB invented text", large);
    const marks = await page.evaluate(() => performance.getEntriesByName("bulletin:worker-result").length);
    assert.ok(marks >= 1, "the large text was parsed by the worker, offline");
    t.diagnostic(`offline 400 KB text: ${counts.items} items via the worker`);

    // The exports' tools module comes from the cache too.
    const [download] = await Promise.all([
      page.waitForEvent("download", { timeout: 30_000 }),
      page.locator('[data-export="json"]').first().click(),
    ]);
    const exported = JSON.parse(await readFile(await download.path(), "utf8"));
    assert.equal(exported.items.length, counts.items, "the JSON export works offline");
    assert.deepEqual(log.consoleErrors, [], "no console errors");
  } finally {
    await browser.close();
    await server.close();
  }
});

test("sw.js caches every file of the build, under a name derived from their contents", { skip }, async () => {
  const sw = await readFile(join(DIST_DIR, "sw.js"), "utf8");
  const cacheName = sw.match(/const CACHE_NAME = "([^"]+)"/)?.[1];
  const precache = JSON.parse(sw.match(/const PRECACHE = (\[[\s\S]*?\]);/)?.[1] ?? "null");
  assert.match(cacheName ?? "", /^bulletin-analyzer-[0-9a-f]{16}$/, "a release cache name");
  const files = precacheList(DIST_DIR);
  assert.deepEqual(precache.slice().sort(), ["./", ...files.map((f) => `./${f}`)].sort(), "every built file is precached");
  for (const required of ["index.html", "manifest.webmanifest"]) assert.ok(files.includes(required), `${required} is cached`);
  assert.ok(files.some((f) => f.endsWith(".wasm")), "the wasm is cached");
  assert.ok(!listFiles(DIST_DIR).some((f) => f.endsWith(".wasm") && !files.includes(f)), "no wasm left out");
  // Rewriting sw.js from the same files gives the same name: it is up to date.
  const copy = await mkdtemp(join(tmpdir(), "bulletin-sw-"));
  try {
    await cp(DIST_DIR, copy, { recursive: true });
    const again = writeServiceWorker(copy, join(REPO_ROOT, "assets", "offline", "sw.template.js"), { release: true });
    assert.equal(again.cacheName, cacheName, "sw.js matches the files it sits with");
  } finally {
    await rm(copy, { recursive: true, force: true });
  }
});

test("the page is installable: manifest, icons, service worker", { skip, timeout: 60_000 }, async () => {
  const server = await serveDir(DIST_DIR);
  const browser = await launchBrowser();
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(server.url, { waitUntil: "networkidle" });
    await waitForControl(page);
    const href = await page.$eval('link[rel="manifest"]', (l) => l.href);
    const manifest = await (await fetch(href)).json();
    assert.ok(manifest.name && manifest.short_name, "names");
    assert.equal(manifest.display, "standalone");
    assert.equal(new URL(manifest.start_url, href).href, server.url, "starts at the page");
    for (const size of ["192x192", "512x512"]) {
      const icon = manifest.icons.find((i) => i.sizes === size && i.type === "image/png");
      assert.ok(icon, `a ${size} PNG icon`);
      const res = await fetch(new URL(icon.src, href));
      assert.equal(res.status, 200, `${icon.src} is served`);
      const png = Buffer.from(await res.arrayBuffer());
      const [w, h] = size.split("x").map(Number);
      assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [w, h], `${icon.src} is ${size}`);
    }
    assert.ok(manifest.icons.some((i) => (i.purpose ?? "").includes("maskable")), "a maskable icon");
    // Chromium's own verdict.
    const cdp = await browser.context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    assert.deepEqual(installabilityErrors, [], "Chromium finds the page installable");
  } finally {
    await browser.close();
    await server.close();
  }
});

test("a new version waits until the user clicks 刷新, then replaces the old cache", { skip, timeout: 120_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), "bulletin-update-"));
  await cp(DIST_DIR, dir, { recursive: true });
  const server = await serveDir(dir);
  const browser = await launchBrowser();
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(server.url, { waitUntil: "networkidle" });
    await page.waitForSelector("textarea");
    await waitForControl(page);
    const oldCache = (await page.evaluate(() => caches.keys())).find((k) => k.startsWith("bulletin-analyzer-"));
    assert.ok(oldCache, "the first version is cached");

    // A user at work: some text pasted, a marker only this page load has.
    const { text } = bulletinsToCheck()[0];
    await paste(page, text);
    await page.evaluate(() => (window.__stillTheSamePage = true));

    // A new build is deployed: a changed page, so a new sw.js.
    const index = join(dir, "index.html");
    await writeFile(index, (await readFile(index, "utf8")).replace("<head>", '<head><meta name="test-build" content="2">'));
    const next = writeServiceWorker(dir, join(REPO_ROOT, "assets", "offline", "sw.template.js"), { release: true });
    assert.notEqual(next.cacheName, oldCache);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());

    const banner = page.locator(".update-banner");
    await banner.waitFor({ state: "visible", timeout: 30_000 });
    assert.match((await banner.textContent()).replace(/\s+/g, " "), /新版本可用 — 刷新/);
    // Offered, not forced: same page, same work, old version still in charge.
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate(() => window.__stillTheSamePage), true, "not reloaded by itself");
    assert.equal(await page.$('meta[name="test-build"]'), null, "still the old version");

    await Promise.all([page.waitForEvent("load", { timeout: 30_000 }), banner.getByRole("button", { name: "刷新" }).click()]);
    await page.waitForSelector("textarea");
    assert.equal(await page.evaluate(() => window.__stillTheSamePage), undefined, "reloaded");
    assert.notEqual(await page.$('meta[name="test-build"]'), null, "the new version is shown");
    const cacheNames = await page.evaluate(() => caches.keys());
    assert.deepEqual(cacheNames.filter((k) => k.startsWith("bulletin-analyzer-")), [next.cacheName], "old cache removed");
  } finally {
    await browser.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
});
