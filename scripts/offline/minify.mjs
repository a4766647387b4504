// Release builds: the first load without the sources' comments. Each
// stylesheet loses its /* comments */, indentation and blank lines (its
// integrity hash in index.html follows), and index.html its <!-- comments -->:
// about 2.5 KB gzipped of the 250 KB first-load budget. Trunk's own
// minification would also rewrite the wasm-bindgen JavaScript; this leaves
// every script alone. The sources keep their comments.

import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** CSS without comments, indentation or blank lines (strings hold no comment marks here). */
export function plainCss(css) {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .join("\n");
}

/** Minifies the build's stylesheets and index.html in `dir`; returns bytes saved. */
export function minifyFirstLoad(dir) {
  const indexPath = join(dir, "index.html");
  let html = readFileSync(indexPath, "utf8");
  let saved = 0;
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".css"))) {
    const path = join(dir, name);
    const before = readFileSync(path, "utf8");
    const after = plainCss(before);
    if (after === before) continue;
    writeFileSync(path, after);
    saved += before.length - after.length;
    const sri = (s) => `sha384-${createHash("sha384").update(s).digest("base64")}`;
    html = html.split(sri(before)).join(sri(after));
  }
  const stripped = html.replace(/<!--[\s\S]*?-->\s*/g, "");
  saved += html.length - stripped.length;
  writeFileSync(indexPath, stripped);
  return saved;
}
