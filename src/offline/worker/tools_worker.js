// The tools worker (src/offline/worker/tools.rs documents it). Prefixed by the
// tools module's wasm-bindgen glue, built as a classic script: the global
// `wasm_bindgen` (init function and exports).
//
// Page → worker: {type: "init", wasm?: ArrayBuffer, wasmGzBase64?: string};
// {type: "request", id, action: "export", format, labels, texts};
// {type: "request", id, action: "html", text};
// {type: "request", id, action: "docx", bytes};
// {type: "request", id, action: "pdf", bytes} (answers {text, warning}
// after {type: "progress", id, done, total} for each page);
// {type: "request", id, action: "doc", bytes} (answers {text, warning}).
// {type: "request", id, action: "proofread", text}.
// {type: "request", id, action: "parse", texts} (texts: UTF-8 Uint8Arrays,
// transferred): every parse of the page. Answers `result`, where
// `result[i]` is the i-th text's bulletin as codec pieces
// (src/offline/worker/codec.rs; parse_to_parts in tools/src/wasm.rs),
// each an Uint8Array whose buffer is transferred, after
// {type: "progress", id, done, total} at most every 50 ms.
// {type: "request", id, action: "split", text}: the texts of the issues in
// a file (an array of strings).
// {type: "request", id, action: "library", act: "stage", files}: files
// kept for the next library request (a big selection goes in slices).
// {type: "request", id, action: "library", act, arg, form, files?}: the
// library (tools/src/library): `files` (File objects, a
// folder's or a .zip's entries included) are read here, then the action runs
// on the IndexedDB library; answers {html, retry, download?: {name, mime,
// bytes}} after {type: "progress", id, done, total} while files are read.
// Worker → page: {type: "ready"}; {type: "failed", message} (the module did
// not start); {type: "result", id, result} (Uint8Array, transferred, or a
// string); {type: "error", id, message}. Every request gets an answer.
let ready = null;

function describe(err) {
  if (typeof err === "string") return err;
  return String((err && (err.message || err.stack)) || err);
}

function fromBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function through(bytes, format) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream(format));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function start(msg) {
  const wasm = msg.wasmGzBase64 ? await through(fromBase64(msg.wasmGzBase64), "gzip") : msg.wasm;
  await wasm_bindgen({ module_or_path: wasm });
}

// Stops (a zip bomb) once past `limit` bytes: see docx.rs.
async function inflateAtMost(bytes, limit, message) {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    let step;
    try {
      step = await reader.read();
    } catch {
      throw "docx-no-text";
    }
    if (step.done) break;
    total += step.value.length;
    if (total > limit) {
      reader.cancel().catch(() => {});
      throw message;
    }
    chunks.push(step.value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

async function docxText(bytes) {
  const part = wasm_bindgen.docx_part(bytes);
  const { deflated, crc32, limit } = part;
  const limitMessage = part.limit_message;
  let xml = part.data;
  part.free();
  if (deflated) {
    xml = await inflateAtMost(xml, limit, limitMessage);
  }
  return wasm_bindgen.docx_text(xml, crc32);
}

function pdfText(msg) {
  const progress = (done, total) => self.postMessage({ type: "progress", id: msg.id, done, total });
  const read = wasm_bindgen.pdf_text(msg.bytes, progress);
  const out = { text: read.text, warning: read.warning ?? null };
  read.free();
  return out;
}

function parseAll(msg) {
  const texts = msg.texts;
  const results = new Array(texts.length);
  let lastReport = performance.now();
  for (let i = 0; i < texts.length; i++) {
    results[i] = wasm_bindgen.parse_to_parts(texts[i], (msg.corrections || [])[i] || "");
    const now = performance.now();
    if (now - lastReport >= 50 || i + 1 === texts.length) {
      lastReport = now;
      self.postMessage({ type: "progress", id: msg.id, done: i + 1, total: texts.length });
    }
  }
  return results;
}

// The library's files: each read here (a .zip's entries too), bounded.
const LIB_MAX_FILE = 20 * 1024 * 1024;
const LIB_MAX_ZIP_TOTAL = 200 * 1024 * 1024;

function zipEntries(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw "不是有效的 .zip 文件 / not a valid .zip";
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const out = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) break;
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 20, true);
    const nameLen = view.getUint16(at + 28, true);
    const skip = nameLen + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const rawName = bytes.subarray(at + 46, at + 46 + nameLen);
    const name = new TextDecoder(flags & 0x800 ? "utf-8" : "gbk").decode(rawName);
    at += 46 + skip;
    if (name.endsWith("/") || name.startsWith("__MACOSX") || /(^|\/)\./.test(name)) continue;
    if (local + 30 > bytes.length) continue;
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    out.push({ name, method, data: bytes.subarray(start, start + size) });
  }
  return out;
}

let libraryQueue = Promise.resolve();

// Files sent ahead in slices (act "stage"), read with the next action.
let libraryStaged = [];

async function libraryRequest(msg) {
  if (msg.act === "stage") {
    for (const file of msg.files || []) libraryStaged.push(file);
    return { html: null, staged: libraryStaged.length };
  }
  const names = [];
  const texts = [];
  const failures = [];
  const files = libraryStaged.concat(msg.files || []);
  libraryStaged = [];
  let last = performance.now();
  const add = async (name, bytes) => {
    if (bytes.length > LIB_MAX_FILE) throw "文件过大（超过 20 MB） / too large";
    if (bytes.length === 0) throw "空文件 / empty";
    let text;
    try {
      text = wasm_bindgen.library_file_text(name, bytes);
    } catch (err) {
      if (err !== "docx") throw err;
      text = await docxText(bytes);
    }
    names.push(name);
    texts.push(text);
  };
  for (let i = 0; i < files.length; i++) {
    const file = files[i];
    const name = file.webkitRelativePath || file.name;
    if (/(^|\/)\./.test(name)) continue;
    try {
      const isZip = /\.zip$/i.test(name);
      if (file.size > (isZip ? LIB_MAX_ZIP_TOTAL : LIB_MAX_FILE)) throw "文件过大 / too large";
      const bytes = new Uint8Array(await file.arrayBuffer());
      if (isZip) {
        let total = 0;
        for (const entry of zipEntries(bytes)) {
          try {
            const limit = Math.min(LIB_MAX_FILE, LIB_MAX_ZIP_TOTAL - total);
            const data = entry.method === 0 ? entry.data
              : await inflateAtMost(entry.data, limit, "解压后过大（疑似压缩炸弹） / inflates too large");
            total += data.length;
            await add(`${name}/${entry.name}`, data);
          } catch (err) {
            failures.push(`${name}/${entry.name}\u001f${describe(err)}`);
          }
        }
      } else {
        await add(name, bytes);
      }
    } catch (err) {
      failures.push(`${name}\u001f${describe(err)}`);
    }
    const now = performance.now();
    if (now - last >= 50 || i + 1 === files.length) {
      last = now;
      self.postMessage({ type: "progress", id: msg.id, done: i + 1, total: files.length });
    }
  }
  const act = msg.act || (files.length ? "add" : "view");
  return wasm_bindgen.library_request(act, msg.arg || "", msg.form || "", names, texts, failures);
}

// The buffers a result hands over rather than copies.
function transferables(msg, result) {
  if (result instanceof Uint8Array) return [result.buffer];
  if (msg.action === "library") return result.download ? [result.download.bytes.buffer] : [];
  if (msg.action === "parse") return result.flatMap((parts) => parts.map((part) => part.buffer));
  return [];
}

async function handle(msg) {
  switch (msg.action) {
    case "parse":
      return parseAll(msg);
    case "split":
      return wasm_bindgen.split_issues(msg.text);
    case "export":
      return wasm_bindgen.export_texts(msg.format, msg.labels, msg.texts, msg.corrections || [], msg.filter || "");
    case "figures":
      return wasm_bindgen.first_figure(msg.text);
    case "line-figures":
      return wasm_bindgen.line_figures(msg.text);
    case "html":
      return wasm_bindgen.html_text(msg.text);
    case "docx":
      return docxText(msg.bytes);
    case "pdf":
      return pdfText(msg);
    case "doc":
      return { text: wasm_bindgen.doc_text(msg.bytes), warning: null };
    case "proofread":
      return wasm_bindgen.proofread_html(msg.text);
    case "library": {
      // One library action at a time, in order.
      const run = libraryQueue.then(() => libraryRequest(msg));
      libraryQueue = run.catch(() => {});
      return run;
    }
    default:
      throw new Error(`unknown action ${msg.action}`);
  }
}

self.onmessage = async (event) => {
  const msg = event.data;
  if (msg.type === "init") {
    ready = start(msg);
    ready.then(
      () => self.postMessage({ type: "ready" }),
      (err) => self.postMessage({ type: "failed", message: describe(err) }),
    );
    return;
  }
  try {
    if (!ready) throw new Error("request before init");
    await ready;
    const result = await handle(msg);
    self.postMessage({ type: "result", id: msg.id, result }, transferables(msg, result));
  } catch (err) {
    self.postMessage({ type: "error", id: msg.id, message: describe(err) });
  }
};
