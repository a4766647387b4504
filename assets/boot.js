// Starts the page's wasm. Trunk writes the <script> tag that loads this file
// (`pattern_script` in Trunk.toml) with the hashed file names as data
// attributes; keeping the loader external lets the Content-Security-Policy
// forbid inline scripts altogether.
const tag = document.querySelector("script[data-wasm-js]");
const wasmUrl = new URL(tag.dataset.wasmBin, document.baseURI).href;
const [{ default: init }, wasm] = await Promise.all([import(tag.dataset.wasmJs), fetch(wasmUrl)]);
// First visit (no service worker yet): keep a copy of the wasm for the
// service worker (src/offline, sw.js), which would otherwise download it a
// second time to cache it. sw.js deletes this cache once it is installed.
// The page registers the service worker only once the copy is stored
// (`__bulletinBootCopy`), or its install could miss it.
if (wasm.ok && self.caches && navigator.serviceWorker && !navigator.serviceWorker.controller) {
  const copy = wasm.clone();
  self.__bulletinBootCopy = caches
    .open("bulletin-analyzer-boot")
    .then((cache) => cache.put(wasmUrl, copy))
    .catch(() => {});
}
await init({ module_or_path: wasm });
