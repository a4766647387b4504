// The parse worker (src/offline/worker.rs documents it and its protocol).
// Prefixed by the page's wasm-bindgen glue as `glue`: valid both as a
// module and as a classic script.
let ready = null;

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
      // The page's compiled module: nothing to fetch; its main does nothing here.
      ready = glue.default({ module_or_path: msg.module });
      await ready;
      self.postMessage({ type: "ready" });
    } else if (msg.type === "parse") {
      if (!ready) throw new Error("parse before init");
      await ready;
      const results = parseAll(msg.id, msg.texts);
      const buffers = results.flatMap((parts) => parts.map((part) => part.buffer));
      self.postMessage({ type: "result", id: msg.id, results }, buffers);
    }
  } catch (err) {
    self.postMessage({ type: "error", id: msg.id ?? null, message: String((err && err.stack) || err) });
  }
};
