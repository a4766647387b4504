// Runs a wasm32-wasip1 test binary under Node's WASI, as Cargo's runner:
//   CARGO_TARGET_WASM32_WASIP1_RUNNER="node scripts/lib/wasi-run.mjs" \
//     cargo test -p bulletin-parser --target wasm32-wasip1
// (scripts/test.sh, stage wasm-parser). The whole file system is visible
// at the same paths (the tests read fixtures by absolute path); the exit
// status is the test binary's, and a panic (panic=abort on WASI) is a trap,
// which exits 101 here, so a failing test fails the run.
import { readFile } from "node:fs/promises";
import { WASI } from "node:wasi";
import process from "node:process";

const [wasmPath, ...args] = process.argv.slice(2);
if (!wasmPath) {
  console.error("usage: node wasi-run.mjs TEST.wasm [ARGS...]");
  process.exit(2);
}
const wasi = new WASI({
  version: "preview1",
  args: [wasmPath, ...args],
  env: process.env,
  preopens: { "/": "/" },
  returnOnExit: true,
});
let code;
try {
  const module = await WebAssembly.compile(await readFile(wasmPath));
  const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
  code = wasi.start(instance);
} catch (e) {
  console.error(`wasi-run: ${wasmPath}: ${e && e.message ? e.message : e}`);
  code = 101;
}
process.exit(code);
