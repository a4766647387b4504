// The tools module (tools/, package bulletin-tools) is a Trunk `data-type="worker"`
// rust link: Trunk builds it (bulletin-tools.js, a classic no-modules glue,
// and bulletin-tools_bg.wasm) but writes no tag for it, and does not hash
// worker file names. This gives the two files hashed names, as Trunk's own
// (a new build never meets an old copy in a cache, and the service worker
// treats them as immutable), and names them in index.html, where the page
// (src/offline/worker/tools.rs) and the single-file build look for them:
//
//   <meta name="bulletin-tools" data-js="./bulletin-tools-….js" data-wasm="./bulletin-tools-…_bg.wasm">

import { createHash } from "node:crypto";
import { readFileSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export const TOOLS_META = /<meta\s+name="bulletin-tools"\s+data-js=[^>]*>\s*/i;

/** The tools module's files in `dir`, or null when the build has none. */
export function findTools(dir) {
  const names = readdirSync(dir);
  const js = names.filter((n) => /^bulletin-tools(-[0-9a-f]+)?\.js$/.test(n));
  const wasm = names.filter((n) => /^bulletin-tools(-[0-9a-f]+)?_bg\.wasm$/.test(n));
  if (js.length === 0 && wasm.length === 0) return null;
  if (js.length !== 1 || wasm.length !== 1) {
    throw new Error(`tools module: expected one .js and one _bg.wasm in ${dir}, found ${[...js, ...wasm].join(", ")}`);
  }
  return { js: js[0], wasm: wasm[0] };
}

/** The two files named by index.html's meta tag (a finished build), or null. */
export function toolsFromIndex(html) {
  const tag = html.match(TOOLS_META)?.[0];
  if (!tag) return null;
  const attr = (name) => tag.match(new RegExp(`${name}="([^"]+)"`))?.[1];
  return { js: attr("data-js"), wasm: attr("data-wasm") };
}

/** Writes (or rewrites) the meta tag into `dir/index.html`; returns what it named. */
/** Renames unhashed tools files to `bulletin-tools-HASH.js` / `…_bg.wasm`. */
function hashNames(dir, tools) {
  if (tools.js !== "bulletin-tools.js") return tools;
  const hash = createHash("sha256");
  hash.update(readFileSync(join(dir, tools.js)));
  hash.update(readFileSync(join(dir, tools.wasm)));
  const base = `bulletin-tools-${hash.digest("hex").slice(0, 16)}`;
  const named = { js: `${base}.js`, wasm: `${base}_bg.wasm` };
  renameSync(join(dir, tools.js), join(dir, named.js));
  renameSync(join(dir, tools.wasm), join(dir, named.wasm));
  return named;
}

export function writeToolsMeta(dir) {
  const found = findTools(dir);
  const tools = found && hashNames(dir, found);
  const indexPath = join(dir, "index.html");
  let html = readFileSync(indexPath, "utf8").replace(TOOLS_META, "");
  if (tools) {
    const tag = `<meta name="bulletin-tools" data-js="./${tools.js}" data-wasm="./${tools.wasm}">\n  `;
    // Before </head>, or before <body> when a minifier left out </head>.
    const at = html.search(/<\/head>|<body\b/i);
    if (at < 0) throw new Error(`${indexPath}: neither </head> nor <body> to put the tools meta tag before`);
    html = html.slice(0, at) + tag + html.slice(at);
  }
  writeFileSync(indexPath, html);
  if (!tools) return null;
  const wasm = readFileSync(join(dir, tools.wasm));
  return { ...tools, wasmBytes: wasm.length, wasmGzBytes: gzipSync(wasm, { level: 9 }).length };
}
