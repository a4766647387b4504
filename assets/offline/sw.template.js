// Service worker of Bulletin Analyzer: after one visit the page loads and
// works with the network off. Written into the build by
// scripts/offline/post-build.mjs, which fills in the constants below
// (this template itself is never served). DEV is true in debug
// builds, whose worker caches nothing and never waits.
//
// - Every file of the build is cached on install, under a cache name
//   derived from the hashes of their contents, so a new build means a new
//   cache and an unchanged build means no download at all.
// - A new version installs in the background and then WAITS: the page
//   shows "新版本可用 — 刷新", and only the user's click (message
//   "SKIP_WAITING") lets it take over. Nobody's work is reloaded away.
// - On activation, caches of older builds are deleted.

const CACHE_NAME = "__CACHE_NAME__";
const PRECACHE = __PRECACHE__;
const DEV = __DEV__;
const CACHE_PREFIX = "bulletin-analyzer-";

// Trunk names built files by a hash of their contents (app-1a2b3c4d5e6f7a8b.js):
// such a file never changes under its name.
const HASHED = /-[0-9a-f]{8,16}(_bg)?\.[a-z0-9]+$/;

self.addEventListener("install", (event) => {
  if (DEV) self.skipWaiting();
  event.waitUntil(precache());
});

async function precache() {
  const cache = await caches.open(CACHE_NAME);
  await Promise.all(
    PRECACHE.map(async (url) => {
      const hashed = HASHED.test(url);
      // A hashed file the previous version already cached is copied, not
      // downloaded again: an update costs only what changed.
      if (hashed) {
        const kept = await caches.match(url);
        if (kept) return cache.put(url, kept);
      }
      // A hashed file may come from the HTTP cache (the page has just
      // loaded it); anything else is revalidated, so an update never
      // caches a stale index.html.
      const response = await fetch(new Request(url, { cache: hashed ? "default" : "no-cache" }));
      if (!response.ok) throw new Error(`precache ${url}: HTTP ${response.status}`);
      return cache.put(url, response);
    }),
  );
}

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names
          .filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME)
          .map((name) => caches.delete(name)),
      );
      // The first visit's page is served from the cache from now on,
      // without waiting for a reload.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  const data = event.data;
  if (data === "SKIP_WAITING" || (data && data.type === "SKIP_WAITING")) {
    self.skipWaiting();
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (!url.href.startsWith(self.registration.scope)) return;

  if (request.mode === "navigate") {
    event.respondWith(navigation(request));
  } else {
    event.respondWith(asset(request));
  }
});

// The page itself: from this version's cache whatever the path or query
// (it is a single page), else the network.
async function navigation(request) {
  const cache = await caches.open(CACHE_NAME);
  const cached =
    (await cache.match(request, { ignoreSearch: true })) ||
    (await cache.match("./index.html")) ||
    (await cache.match("./"));
  if (cached) return cached;
  return fetch(request);
}

// Hashed build files never change under one name: cache first. Anything
// else (a file added to the server after the build) goes to the network.
async function asset(request) {
  const cache = await caches.open(CACHE_NAME);
  const cached = await cache.match(request, { ignoreSearch: true });
  if (cached) return cached;
  return fetch(request);
}
