// Builds dist/bulletin-analyzer.html: the whole page in one file — wasm,
// JavaScript glue, CSS and icons inlined — that works when copied alone to a
// USB stick or a share and opened with a double click (file://).
//
// What changes from index.html:
// - Trunk's loader (an inline module importing the hashed glue and calling
//   init with the hashed .wasm URL, or the pattern_script tag that does the
//   same from boot.js) becomes an inline module that holds the glue as text
//   and the wasm gzipped in base64. fetch() and scripts by path fail from
//   file://, so the glue runs from a Blob URL, as a classic script (see
//   classicGlue).
// - The tools module (the parser, exports, .html/.docx readers;
//   src/offline/worker/tools.rs), which the page fetches when it first has
//   something to parse when served, is inlined too: its
//   classic glue as text in window.__bulletinToolsGlue and its wasm gzipped
//   in base64 in window.__bulletinToolsWasm; the worker unpacks it. The
//   <meta name="bulletin-tools"> naming its files goes.
// - Preload links go; stylesheets become <style>; icons become data: URLs;
//   the manifest link goes (no install from file://, and its request would
//   fail); the service worker is never registered there (the page checks).
// - The Content-Security-Policy is rewritten for a file that loads nothing:
//   default-src 'none', inline code allowed by its hash only.

import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { dirname, extname, join, normalize } from "node:path";

import { TOOLS_META, toolsFromIndex } from "./tools-meta.mjs";

const MIME = {
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
  ".otf": "font/otf",
  ".css": "text/css",
  ".js": "text/javascript",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
};

/** Attributes of one start tag, names lower-cased; valueless ones map to "". */
export function parseAttributes(tag) {
  const attrs = {};
  const body = tag.replace(/^<\s*[\w-]+/, "").replace(/\/?>$/, "");
  const re = /([^\s"'=<>\/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  let m;
  while ((m = re.exec(body))) attrs[m[1].toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? "";
  return attrs;
}

/** Text safe inside a <script> element: no "</script" or "<!--" can end it early. */
export function scriptSafe(js) {
  return js.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
}

/** A JS string literal that is also safe inside <script>. */
export function jsString(text) {
  return JSON.stringify(text).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

function escapeAttr(value) {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;");
}

function sha256(text) {
  return "sha256-" + createHash("sha256").update(text, "utf8").digest("base64");
}

/** Whether an href/src names a file of the build (not a remote or data URL). */
function isLocal(ref) {
  return ref && !/^([a-z][a-z0-9+.-]*:|\/\/|#)/i.test(ref);
}

/** The build file a local reference names, relative to the file it appears in. */
function resolveLocal(dir, fromFile, ref) {
  const clean = ref.split(/[?#]/)[0];
  const base = clean.startsWith("/") ? "" : dirname(fromFile);
  const rel = normalize(join(base, clean.replace(/^\/+/, ""))).replace(/\\/g, "/");
  if (rel.startsWith("..")) return null;
  return existsSync(join(dir, rel)) ? rel : null;
}

function dataUrl(dir, rel) {
  const mime = MIME[extname(rel).toLowerCase()] ?? "application/octet-stream";
  return `data:${mime};base64,${readFileSync(join(dir, rel)).toString("base64")}`;
}

/** CSS with every url(...) of a build file replaced by a data: URL. */
function inlineCssUrls(dir, cssFile, css) {
  return css.replace(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g, (whole, _q, ref) => {
    if (!isLocal(ref)) return whole;
    const rel = resolveLocal(dir, cssFile, ref);
    return rel ? `url("${dataUrl(dir, rel)}")` : whole;
  });
}

/**
 * Finds the script that starts the wasm, in either form Trunk writes:
 * its default inline module (`import init from './app-….js'; await init({
 * module_or_path: './app-…_bg.wasm' })`), or a `pattern_script` tag such as
 * `<script type="module" src="./boot.js" data-wasm-js="…" data-wasm-bin="…">`
 * whose attributes name the two files. Either is replaced as a whole.
 */
export function findLoader(html) {
  const re = /<script\b[^>]*>([\s\S]*?)<\/script>/gi;
  let m;
  while ((m = re.exec(html))) {
    const [whole, code] = m;
    const attrs = parseAttributes(whole.slice(0, whole.indexOf(">") + 1));
    const at = { start: m.index, end: m.index + whole.length };
    const fromAttrs = Object.entries(attrs);
    const glueAttr = fromAttrs.find(([k, v]) => k.startsWith("data-") && /\.js$/.test(v) && k !== "data-src");
    const wasmAttr = fromAttrs.find(([k, v]) => k.startsWith("data-") && /\.wasm$/.test(v));
    if (glueAttr && wasmAttr) {
      return { ...at, glue: glueAttr[1], wasm: wasmAttr[1], bindingsGlobal: "wasmBindings", firesStarted: true };
    }
    if (attrs.type !== "module" || attrs.src !== undefined) continue;
    const imp = code.match(/import\s+init\s*(?:,\s*\*\s*as\s+(\w+)\s*)?from\s*['"]([^'"]+)['"]/);
    if (!imp) continue;
    const wasm =
      code.match(/module_or_path\s*:\s*['"]([^'"]+)['"]/) ?? code.match(/init\s*\(\s*['"]([^'"]+\.wasm)['"]\s*\)/);
    if (!wasm) throw new Error("Trunk loader found, but not its .wasm URL:\n" + code);
    const bindingsGlobal = code.match(/window\.(\w+)\s*=\s*bindings/);
    return {
      ...at,
      glue: imp[2],
      wasm: wasm[1],
      bindingsGlobal: bindingsGlobal ? bindingsGlobal[1] : null,
      firesStarted: code.includes("TrunkApplicationStarted"),
    };
  }
  return null;
}

/**
 * The wasm-bindgen glue (an ES module) as a classic script that leaves its
 * exports in `self.__bulletinGlue`. From file://, a module worker cannot
 * start at all and a worker cannot import the page's Blob URLs; a classic
 * worker built from this text can. The page loads the same text, so the
 * glue is in the file once.
 */
export function classicGlue(glue) {
  if (/^\s*import\b|\bimport\s*\(/m.test(glue)) {
    throw new Error("the wasm-bindgen glue imports other files (snippets): not supported by the single-file build");
  }
  const names = [];
  let body = glue.replace(/^export\s+(async\s+function\*?|function\*?|class|const|let|var)\s+([\w$]+)/gm, (w, kind, name) => {
    names.push([name, name]);
    return `${kind} ${name}`;
  });
  body = body.replace(/^export\s*\{([^}]*)\};?/gm, (w, list) => {
    for (const part of list.split(",").map((p) => p.trim()).filter(Boolean)) {
      const [local, exported = local] = part.split(/\s+as\s+/).map((x) => x.trim());
      names.push([exported, local]);
    }
    return "";
  });
  if (/^export\b/m.test(body)) throw new Error("the glue has an export form this script does not know");
  if (!names.some(([exported]) => exported === "default")) throw new Error("the glue has no default export (init)");
  body = body.replace(/\bimport\.meta\.url\b/g, "self.location.href");
  const exportsObject = names.map(([exported, local]) => `${JSON.stringify(exported)}: ${local}`).join(", ");
  return `(function () {\n${body}\nself.__bulletinGlue = { ${exportsObject} };\n})();\n`;
}

function loaderScript({ glue, wasmGzBase64, tools, bindingsGlobal, firesStarted }) {
  // Kept small and plain: it runs once, before anything else.
  return `
const GLUE = ${jsString(glue)};
const WASM_GZIP_BASE64 = "${wasmGzBase64}";
${
  tools
    ? `// The tools module (parser, exports, readers), started in a worker on first use (src/offline/worker/tools.rs).
window.__bulletinToolsGlue = ${jsString(tools.glue)};
window.__bulletinToolsWasm = "${tools.wasmGzBase64}";`
    : ""
}
function fromBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
async function gunzip(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Response(stream).arrayBuffer();
}
await new Promise((ok, fail) => {
  const script = document.createElement("script");
  script.src = URL.createObjectURL(new Blob([GLUE], { type: "text/javascript" }));
  script.onload = ok;
  script.onerror = () => fail(new Error("the wasm glue did not load"));
  document.head.append(script);
});
const bindings = self.__bulletinGlue;
const wasm = await bindings.default({ module_or_path: await gunzip(fromBase64(WASM_GZIP_BASE64)) });
${bindingsGlobal ? `window.${bindingsGlobal} = bindings;` : ""}
${firesStarted ? `dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));` : ""}
`;
}

/** The policy of a file that fetches nothing: inline code by hash, data:/blob: only. */
function singleFilePolicy(scriptHashes, styleHashes, hasStyleAttributes) {
  const styles = hasStyleAttributes ? ["'unsafe-inline'"] : styleHashes.map((h) => `'${h}'`);
  return [
    "default-src 'none'",
    `script-src ${scriptHashes.map((h) => `'${h}'`).join(" ")} 'wasm-unsafe-eval' blob:`,
    `style-src ${styles.join(" ") || "'none'"}`,
    "img-src data: blob:",
    "font-src data:",
    "worker-src blob:",
    "connect-src blob: data:",
    "media-src blob: data:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

/**
 * Returns the single-file page built from `dir` (a finished Trunk build).
 * `warnings` lists references to build files it could not inline.
 */
export function buildSingleFile(dir) {
  const warnings = [];
  let html = readFileSync(join(dir, "index.html"), "utf8");

  const loader = findLoader(html);
  if (!loader) throw new Error("index.html: Trunk's wasm loader script not found");
  const glueFile = resolveLocal(dir, "index.html", loader.glue);
  const wasmFile = resolveLocal(dir, "index.html", loader.wasm);
  if (!glueFile || !wasmFile) throw new Error(`glue ${loader.glue} or wasm ${loader.wasm} not in the build`);
  const glue = classicGlue(readFileSync(join(dir, glueFile), "utf8"));
  const wasmGz = gzipSync(readFileSync(join(dir, wasmFile)), { level: 9 });
  let tools = null;
  const toolsFiles = toolsFromIndex(html);
  if (toolsFiles) {
    const js = resolveLocal(dir, "index.html", toolsFiles.js ?? "");
    const wasm = resolveLocal(dir, "index.html", toolsFiles.wasm ?? "");
    if (!js || !wasm) throw new Error(`tools module ${toolsFiles.js} or ${toolsFiles.wasm} not in the build`);
    const toolsGz = gzipSync(readFileSync(join(dir, wasm)), { level: 9 });
    tools = { glue: readFileSync(join(dir, js), "utf8"), wasmGzBase64: toolsGz.toString("base64"), wasmGzBytes: toolsGz.length };
  } else {
    warnings.push("no tools module (meta bulletin-tools): exports and .docx/.html reading will not work from this file");
  }
  const loaderCode = scriptSafe(
    loaderScript({
      glue,
      wasmGzBase64: wasmGz.toString("base64"),
      tools,
      bindingsGlobal: loader.bindingsGlobal,
      firesStarted: loader.firesStarted,
    }),
  );
  html = html.slice(0, loader.start) + "\u0000LOADER\u0000" + html.slice(loader.end);
  // Its files are inlined above; the tag naming them would only mislead.
  html = html.replace(TOOLS_META, "");

  // <link> elements: preload/stylesheet/icon/manifest.
  const styleBlocks = [];
  html = html.replace(/<link\b[^>]*>/gi, (tag) => {
    const attrs = parseAttributes(tag);
    const rel = (attrs.rel ?? "").toLowerCase().split(/\s+/);
    const href = attrs.href;
    if (rel.includes("modulepreload") || rel.includes("preload") || rel.includes("prefetch")) return "";
    if (rel.includes("manifest")) return "";
    if (!isLocal(href)) return tag;
    const file = resolveLocal(dir, "index.html", href);
    if (!file) {
      warnings.push(`<link href="${href}">: not in the build, left as is`);
      return tag;
    }
    if (rel.includes("stylesheet")) {
      const css = inlineCssUrls(dir, file, readFileSync(join(dir, file), "utf8"));
      const block = css.replace(/<\/(style)/gi, "<\\/$1");
      styleBlocks.push(block);
      return `<style>${block}</style>`;
    }
    if (rel.includes("icon") || rel.includes("apple-touch-icon") || rel.includes("mask-icon")) {
      return tag.replace(/href\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/i, `href="${escapeAttr(dataUrl(dir, file))}"`);
    }
    warnings.push(`<link rel="${attrs.rel}" href="${href}">: not inlined`);
    return tag;
  });

  // <script src> (classic or module) and <img src> of build files.
  const scriptBodies = [];
  html = html.replace(/<script\b[^>]*\bsrc\s*=[^>]*>\s*<\/script>/gi, (tag) => {
    const attrs = parseAttributes(tag.slice(0, tag.indexOf(">") + 1));
    if (!isLocal(attrs.src)) return tag;
    const file = resolveLocal(dir, "index.html", attrs.src);
    if (!file) {
      warnings.push(`<script src="${attrs.src}">: not in the build, left as is`);
      return tag;
    }
    const body = scriptSafe(readFileSync(join(dir, file), "utf8"));
    scriptBodies.push(body);
    return attrs.type === "module" ? `<script type="module">${body}</script>` : `<script>${body}</script>`;
  });
  html = html.replace(/<img\b[^>]*>/gi, (tag) => {
    const attrs = parseAttributes(tag);
    if (!isLocal(attrs.src)) return tag;
    const file = resolveLocal(dir, "index.html", attrs.src);
    return file ? tag.replace(/src\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/i, `src="${escapeAttr(dataUrl(dir, file))}"`) : tag;
  });

  // Inline scripts other than the loader that the page itself carries.
  const inlineScripts = [];
  html.replace(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi, (whole, attrs, body) => {
    if (!/\bsrc\s*=/.test(attrs) && body.trim() && !scriptBodies.includes(body)) inlineScripts.push(body);
    return whole;
  });
  const loaderTag = `<script type="module">${loaderCode}</script>`;
  html = html.replace("\u0000LOADER\u0000", () => loaderTag);

  const existingStyles = [];
  html.replace(/<style\b[^>]*>([\s\S]*?)<\/style>/gi, (w, body) => {
    existingStyles.push(body);
    return w;
  });
  const hasStyleAttributes = /<[^>]+\sstyle\s*=/i.test(html.replace(/<script\b[\s\S]*?<\/script>/gi, ""));
  const policy = singleFilePolicy(
    [loaderCode, ...scriptBodies, ...inlineScripts].map(sha256),
    existingStyles.map(sha256),
    // Yew may set style attributes at run time; the policy cannot know, so
    // inline styles are allowed when the page uses any style attribute or
    // when asked to (they cannot fetch anything under default-src 'none').
    hasStyleAttributes || /style-src[^;"]*'unsafe-inline'/.test(html),
  );
  const cspRe = /<meta\b[^>]*http-equiv\s*=\s*["']?content-security-policy["']?[^>]*>/i;
  const cspTag = `<meta http-equiv="Content-Security-Policy" content="${escapeAttr(policy)}">`;
  html = cspRe.test(html) ? html.replace(cspRe, () => cspTag) : html.replace(/<head\b[^>]*>/i, (h) => `${h}\n${cspTag}`);

  // Anything still pointing at a build file would fail from file://.
  const leftover = /\s(?:src|href)\s*=\s*["']?([^"'\s>]+)/gi;
  let m;
  const outsideScripts = html.replace(/<script\b[\s\S]*?<\/script>/gi, "").replace(/<style\b[\s\S]*?<\/style>/gi, "");
  while ((m = leftover.exec(outsideScripts))) {
    if (isLocal(m[1]) && resolveLocal(dir, "index.html", m[1])) warnings.push(`still references ${m[1]}`);
  }
  return {
    html,
    warnings,
    wasmBytes: readFileSync(join(dir, wasmFile)).length,
    wasmGzBytes: wasmGz.length,
    toolsGzBytes: tools?.wasmGzBytes ?? 0,
  };
}
