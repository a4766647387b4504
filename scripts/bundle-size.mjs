#!/usr/bin/env node
// First-load size check: serves dist/, loads the page in headless Chromium,
// waits for the network to go idle, gzips (level 9) the body of every
// response and fails when the total is over the budget.
//
//   node scripts/bundle-size.mjs [--max-kb 250] [--dist dist] [--json]
//
// 1 kB here is 1024 bytes. Also reports dist/bulletin-analyzer.html (the
// single-file offline copy) when it exists; that file is not in the budget.
import { gzipSync, constants as zc } from 'node:zlib';
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { openPage, DIST_DIR } from '../tests/e2e/harness.mjs';

function parseArgs(argv) {
  const opts = { maxKb: 250, dist: DIST_DIR, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--max-kb') opts.maxKb = Number(value());
    else if (arg === '--dist') opts.dist = resolve(value());
    else if (arg === '--json') opts.json = true;
    else if (arg === '-h' || arg === '--help') {
      console.log('usage: node scripts/bundle-size.mjs [--max-kb 250] [--dist dist] [--json]');
      process.exit(0);
    } else throw new Error(`unknown argument: ${arg}`);
  }
  if (!Number.isFinite(opts.maxKb) || opts.maxKb <= 0) throw new Error('--max-kb must be a positive number');
  return opts;
}

const gzipSize = (buf) => gzipSync(buf, { level: zc.Z_BEST_COMPRESSION }).length;
const kb = (bytes) => (bytes / 1024).toFixed(1);

async function measureFirstLoad(dist) {
  const responses = [];
  const session = await openPage({
    dir: dist,
    beforeGoto: async (context) => {
      context.on('response', (res) => responses.push(res));
    },
  });
  try {
    const origin = new URL(session.url).origin;
    const files = [];
    for (const res of responses) {
      const url = res.url();
      if (!url.startsWith(origin)) continue; // data:, blob: never cross the wire
      if (res.fromServiceWorker()) continue; // answered from a cache, not the network
      let body;
      try {
        body = await res.body();
      } catch {
        continue; // redirects have no body
      }
      files.push({
        path: new URL(url).pathname,
        status: res.status(),
        type: (res.headers()['content-type'] || '').split(';')[0],
        raw: body.length,
        gzip: gzipSize(body),
      });
    }
    return { files, consoleErrors: session.log.consoleErrors, external: session.log.externalRequests() };
  } finally {
    await session.close();
  }
}

async function singleFileSize(dist) {
  const path = join(dist, 'bulletin-analyzer.html');
  if (!(await stat(path).catch(() => null))) return null;
  const body = await readFile(path);
  return { path, raw: body.length, gzip: gzipSize(body) };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!(await stat(join(opts.dist, 'index.html')).catch(() => null))) {
    throw new Error(`${opts.dist}/index.html not found: build the page first (trunk build --release --offline)`);
  }
  const { files, consoleErrors, external } = await measureFirstLoad(opts.dist);
  const total = files.reduce((sum, f) => sum + f.gzip, 0);
  const totalRaw = files.reduce((sum, f) => sum + f.raw, 0);
  const single = await singleFileSize(opts.dist);
  const limit = opts.maxKb * 1024;
  const ok = files.length > 0 && total <= limit;

  if (opts.json) {
    console.log(JSON.stringify({ files, total_gzip: total, total_raw: totalRaw, max_bytes: limit, single_file: single, ok }, null, 2));
  } else {
    const width = Math.max(20, ...files.map((f) => f.path.length));
    console.log(`${'first-load file'.padEnd(width)}  ${'raw kB'.padStart(9)}  ${'gzip kB'.padStart(9)}  type`);
    for (const f of files) {
      console.log(`${f.path.padEnd(width)}  ${kb(f.raw).padStart(9)}  ${kb(f.gzip).padStart(9)}  ${f.type}${f.status >= 400 ? ` (HTTP ${f.status})` : ''}`);
    }
    console.log(`${'total'.padEnd(width)}  ${kb(totalRaw).padStart(9)}  ${kb(total).padStart(9)}  (${files.length} responses, budget ${opts.maxKb} kB gzipped)`);
    if (single) {
      console.log(`single-file page ${single.path}: ${kb(single.raw)} kB raw, ${kb(single.gzip)} kB gzipped (not in the budget)`);
    }
    if (consoleErrors.length) console.log(`note: ${consoleErrors.length} console error(s) during load: ${consoleErrors[0]}`);
    if (external.length) console.log(`note: ${external.length} request(s) to other hosts were blocked: ${external[0]}`);
  }
  if (files.length === 0) {
    console.error('bundle-size: FAIL, the page loaded nothing');
  } else if (!ok) {
    console.error(`bundle-size: FAIL, first load is ${kb(total)} kB gzipped, over the ${opts.maxKb} kB budget`);
  } else {
    console.log(`bundle-size: ok, ${kb(total)} kB of ${opts.maxKb} kB`);
  }
  process.exitCode = ok ? 0 : 1;
}

main().catch((err) => {
  console.error(`bundle-size: ${err.message}`);
  process.exitCode = 2;
});
