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

// The buffers a result hands over rather than copies.
function transferables(msg, result) {
  if (result instanceof Uint8Array) return [result.buffer];
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
