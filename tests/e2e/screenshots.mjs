#!/usr/bin/env node
// Screenshots of the page with the invented demo bulletin (the 示例 button),
// at 1280 px and 390 px wide, light and dark, into docs/screenshots/:
//
//   node tests/e2e/screenshots.mjs          (after trunk build --release)
//
// Not part of the test run. Desktop shots show one figure focused, so its
// details tooltip is in the picture; phone shots are the top 2400 px of
// the full page.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { openPage, REPO_ROOT, distMissingReason } from './harness.mjs';
import { afterRender } from './page-helpers.mjs';

const OUT = join(REPO_ROOT, 'docs', 'screenshots');

const SHOTS = [
  { name: 'desktop', viewport: { width: 1280, height: 900 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
];

async function main() {
  const missing = await distMissingReason();
  if (missing) throw new Error(missing);
  await mkdir(OUT, { recursive: true });
  for (const shot of SHOTS) {
    for (const scheme of ['light', 'dark']) {
      const session = await openPage({ viewport: shot.viewport, waitFor: '#bulletin-text' });
      try {
        const { page } = session;
        await page.emulateMedia({ colorScheme: scheme });
        await page.evaluate(() => localStorage.clear());
        await page.reload({ waitUntil: 'networkidle' });
        await page.waitForSelector('.empty-state button');
        await afterRender(page, () => page.click('.empty-state button'));
        await page.locator('#bulletin-text').evaluate((el) => (el.scrollTop = 0));
        const file = join(OUT, `${shot.name}-${scheme}.png`);
        if (shot.name === 'desktop') {
          await page.evaluate(() => window.scrollTo(0, 0));
          await page.locator('article').first().locator('.body data').nth(1).focus();
          await page.locator('article .fig-tip').first().waitFor({ state: 'visible' });
          await page.screenshot({ path: file });
        } else {
          await page.evaluate(() => document.activeElement?.blur());
          const height = await page.evaluate(() => document.documentElement.scrollHeight);
          await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width: shot.viewport.width, height: Math.min(height, 2400) } });
        }
        console.log(`wrote ${file}`);
      } finally {
        await session.close();
      }
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
