// The parse worker. The page builds it from a Blob URL (so it also runs in
// the single-file build opened from file://, where a worker script cannot be
// loaded from a path), prefixed with the page's own wasm-bindgen glue as
// `glue` — a module worker importing it:
//
//   import * as glue from "<glue URL>";
//
// or, in the single-file build, a classic worker carrying its text:
//
//   (function () { …glue… self.__bulletinGlue = {…}; })();
//   const glue = self.__bulletinGlue;
//
// so this file must be valid both as a module and as a classic script.
//
// Protocol (page → worker):
//   {type: "init", module: WebAssembly.Module}   the page's compiled wasm
//   {type: "parse", id, texts: [string]}         parse each text
// Protocol (worker → page):
//   {type: "ready"}
//   {type: "progress", id, done, total}          at most every 50 ms
//   {type: "result", id, results: [[Uint8Array]]} per text, its export JSON
//                                                in UTF-8 pieces (see
//                                                parse_to_parts), transferred
//   {type: "error", id, message}

let ready = null;

async function start(module) {
  // The module is the page's already-compiled wasm, so nothing is fetched
  // here. Its `main` sees no window.document and does nothing.
  await glue.default({ module_or_path: module });
}

function parseAll(id, texts) {
  const results = new Array(texts.length);
  let lastReport = performance.now();
  for (let i = 0; i < texts.length; i++) {
    results[i] = glue.parse_to_parts(texts[i]);
    const now = performance.now();
    if (now - lastReport >= 50 || i + 1 === texts.length) {
      lastReport = now;
      self.postMessage({ type: "progress", id, done: i + 1, total: texts.length });
    }
  }
  return results;
}

self.onmessage = async (event) => {
  const msg = event.data;
  try {
    if (msg.type === "init") {
      ready = start(msg.module);
      await ready;
      self.postMessage({ type: "ready" });
    } else if (msg.type === "parse") {
      if (!ready) throw new Error("parse before init");
      await ready;
      const results = parseAll(msg.id, msg.texts);
      // Handed over, not copied: the page gets the buffers as they are.
      const buffers = results.flatMap((parts) => parts.map((part) => part.buffer));
      self.postMessage({ type: "result", id: msg.id, results }, buffers);
    }
  } catch (err) {
    self.postMessage({ type: "error", id: msg.id ?? null, message: String(err && err.stack || err) });
  }
};
