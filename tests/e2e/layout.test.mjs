// The page from a 360 px phone to a wide screen, in both colour schemes,
// and the built index.html's promises: a strict Content-Security-Policy, no
// inline script, only relative URLs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openPage, distMissingReason, DIST_DIR } from './harness.mjs';
import { afterRender } from './page-helpers.mjs';

const missing = await distMissingReason();
if (missing) throw new Error(missing);

for (const [width, height] of [[360, 740], [768, 1024], [1920, 1080]]) {
  for (const colorScheme of ['light', 'dark']) {
    test(`${width} px, ${colorScheme}: no sideways scrolling, everything reachable`, async () => {
      const session = await openPage({ viewport: { width, height }, waitFor: '#bulletin-text' });
      try {
        const { page } = session;
        await page.emulateMedia({ colorScheme });
        await page.evaluate(() => localStorage.clear());
        await afterRender(page, () => page.click('.empty-state button'));
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.equal(overflow, 0, `page is ${overflow} px wider than the window`);
        // The wide table scrolls inside its own box, not the page.
        const box = await page.locator('.table-scroll').boundingBox();
        assert.ok(box.x >= 0 && box.x + box.width <= width + 0.5, `table box ${JSON.stringify(box)}`);
        // Buttons are big enough to hit with a finger.
        const small = await page.$$eval('.input-actions button, .export-bar button', (bs) =>
          bs.filter((b) => b.getBoundingClientRect().height < 36).map((b) => b.textContent),
        );
        assert.deepEqual(small, []);
        // Colours follow the scheme.
        const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        const [r] = bg.match(/\d+/g).map(Number);
        assert.ok(colorScheme === 'dark' ? r < 80 : r > 200, `body background ${bg}`);
        assert.deepEqual(session.log.consoleErrors, []);
      } finally {
        await session.close();
      }
    });
  }
}

test('index.html: strict CSP, no inline script, relative URLs only', async () => {
  const html = await readFile(join(DIST_DIR, 'index.html'), 'utf8');
  const csp = html.match(/http-equiv="?Content-Security-Policy"?[^>]*content="([^"]+)"|content="([^"]+)"[^>]*http-equiv="?Content-Security-Policy/i);
  assert.ok(csp, 'a Content-Security-Policy meta tag');
  const policy = Object.fromEntries(
    (csp[1] ?? csp[2]).split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([k, ...v]) => [k, v]),
  );
  assert.deepEqual(policy['default-src'], ["'self'"]);
  assert.deepEqual(policy['connect-src'], ["'self'"]);
  assert.deepEqual(policy['object-src'], ["'none'"]);
  assert.deepEqual(policy['base-uri'], ["'none'"]);
  assert.deepEqual(policy['form-action'], ["'none'"]);
  assert.ok(policy['script-src'].includes("'self'") && policy['script-src'].includes("'wasm-unsafe-eval'"));
  assert.ok(!policy['script-src'].includes("'unsafe-inline'") && !policy['script-src'].includes("'unsafe-eval'"));
  const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].filter(([, attrs, body]) => !/\bsrc=/.test(attrs) && body.trim());
  assert.deepEqual(inline, [], 'no inline script');
  const urls = [...html.matchAll(/\b(?:src|href|data-wasm-js|data-wasm-bin)="?([^"\s>]+)/g)].map((m) => m[1]);
  assert.ok(urls.length >= 4, urls.join(' '));
  for (const url of urls) assert.doesNotMatch(url, /^(?:[a-z]+:)?\/\//i, `absolute URL ${url}`);
  for (const url of urls) assert.ok(!url.startsWith('/'), `root-relative URL ${url}`);
});
