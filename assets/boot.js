// Starts the page's wasm. Trunk writes the <script> tag that loads this file
// (`pattern_script` in Trunk.toml) with the hashed file names as data
// attributes; keeping the loader external lets the Content-Security-Policy
// forbid inline scripts altogether.
const tag = document.querySelector("script[data-wasm-js]");
const { default: init } = await import(tag.dataset.wasmJs);
await init({ module_or_path: tag.dataset.wasmBin });
