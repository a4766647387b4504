// Writes sw.js into a finished build: the list of files to cache and a cache
// name derived from their contents, filled into assets/offline/sw.template.js.

import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

/** Files of the build that the service worker does not cache. */
export const NOT_CACHED = new Set([
  "sw.js", // the worker itself: the browser fetches it on its own terms
  "bulletin-analyzer.html", // the single-file download, a copy of everything
]);

/** Every file under `dir`, as paths relative to it with forward slashes, sorted. */
export function listFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      if (name.startsWith(".")) continue; // Trunk's .stage and friends
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path).split(sep).join("/"));
    }
  };
  walk(dir);
  return out.sort();
}

/** Which files of `dir` the service worker caches (precompressed twins skipped). */
export function precacheList(dir) {
  return listFiles(dir).filter(
    (f) => !NOT_CACHED.has(f) && !f.endsWith(".gz") && !f.endsWith(".br") && !f.endsWith(".map"),
  );
}

/** A short hash of the names and contents of `files` in `dir`. */
export function buildHash(dir, files) {
  const hash = createHash("sha256");
  for (const file of files) {
    hash.update(file);
    hash.update("\0");
    hash.update(readFileSync(join(dir, file)));
    hash.update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

/**
 * The template without its whole-line `//` comments and blank lines: sw.js
 * is fetched on every first visit (it is in the first-load budget), its
 * commentary lives in the template.
 */
export function withoutCommentLines(source) {
  return source
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.trim().startsWith("//"))
    .join("\n")
    .concat("\n");
}

/**
 * Writes `dir/sw.js`. In a release build it caches everything; in a debug
 * build (`trunk serve`) it caches nothing and clears old caches, so a
 * developer never looks at a stale page.
 */
export function writeServiceWorker(dir, templatePath, { release }) {
  const files = precacheList(dir);
  const hash = buildHash(dir, files);
  const cacheName = `bulletin-analyzer-${release ? "" : "dev-"}${hash}`;
  // "./" is how the page is first opened; index.html is what it serves.
  const urls = release ? ["./", ...files.map((f) => `./${f}`)] : [];
  const template = readFileSync(templatePath, "utf8");
  for (const placeholder of ['"__CACHE_NAME__"', "__PRECACHE__", "__DEV__"]) {
    if (!template.includes(placeholder)) throw new Error(`${templatePath}: placeholder ${placeholder} missing`);
  }
  const source = withoutCommentLines(template)
    .replace('"__CACHE_NAME__"', JSON.stringify(cacheName))
    .replace("__PRECACHE__", JSON.stringify(urls, null, 2))
    .replace("__DEV__", JSON.stringify(!release));
  writeFileSync(join(dir, "sw.js"), source);
  return { cacheName, files: urls };
}
