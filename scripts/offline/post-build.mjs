#!/usr/bin/env node
// Trunk post_build hook (Trunk.toml): makes the build work offline.
//
//   0. <meta name="bulletin-tools" data-js data-wasm> in index.html: the
//      hashed names of the tools module (tools/, package bulletin-tools, loaded on
//      demand by src/offline/worker/tools.rs), which Trunk writes no tag for;
//   1. dist/bulletin-analyzer.html — the single self-contained file (release
//      builds, or OFFLINE_SINGLE_FILE=1), see single-file.mjs;
//   2. dist/sw.js — the service worker, caching every other file of the
//      build under a name derived from their contents, see service-worker.mjs.
//
// (Release builds first leave the comments out of the stylesheets and
// index.html: minify.mjs.)
//
// Trunk runs post_build hooks in the staging directory before moving it to
// dist (TRUNK_STAGING_DIR). By hand, on a finished build:
//
//   node scripts/offline/post-build.mjs [DIR] [--release]

import { statSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { minifyFirstLoad } from "./minify.mjs";
import { buildSingleFile } from "./single-file.mjs";
import { writeToolsMeta } from "./tools-meta.mjs";
import { writeServiceWorker } from "./service-worker.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "..", "..");
const args = process.argv.slice(2);
const dir = resolve(args.find((a) => !a.startsWith("--")) ?? process.env.TRUNK_STAGING_DIR ?? join(repo, "dist"));
const release = args.includes("--release") || process.env.TRUNK_PROFILE === "release";
const singleFile = release || process.env.OFFLINE_SINGLE_FILE === "1";

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

if (release) {
  console.log(`offline: comments left out of the stylesheets and index.html (${kb(minifyFirstLoad(dir))} raw)`);
}

const tools = writeToolsMeta(dir);
if (tools) {
  console.log(
    `offline: tools module ${tools.wasm} ${kb(tools.wasmBytes)} (gzipped ${kb(tools.wasmGzBytes)}) + ${tools.js}, loaded on demand`,
  );
} else {
  console.warn("offline: warning: no tools module in the build (exports and .docx/.html reading will fail)");
}

if (singleFile) {
  const { html, warnings, wasmBytes, wasmGzBytes, toolsGzBytes } = buildSingleFile(dir);
  const out = join(dir, "bulletin-analyzer.html");
  writeFileSync(out, html);
  for (const w of warnings) console.warn(`offline: warning: ${w}`);
  const size = statSync(out).size;
  console.log(
    `offline: bulletin-analyzer.html ${kb(size)} (gzipped ${kb(gzipSync(html).length)}; wasm ${kb(wasmBytes)}, ${kb(wasmGzBytes)} gzipped inside; tools wasm ${kb(toolsGzBytes)} gzipped inside)`,
  );
}

const { cacheName, files } = writeServiceWorker(dir, join(repo, "assets", "offline", "sw.template.js"), { release });
console.log(`offline: sw.js caches ${files.length} URLs as ${cacheName}`);
