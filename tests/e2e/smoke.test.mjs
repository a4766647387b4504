// Smoke test: the built page (dist/) loads in headless Chromium from a local
// server, mounts its editor (a <textarea>), logs no console errors and asks
// nothing of any host but 127.0.0.1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, distMissingReason } from './harness.mjs';

let session;

before(async () => {
  const missing = await distMissingReason();
  if (missing) throw new Error(missing);
  session = await openPage({ waitFor: 'textarea' });
});

after(async () => {
  await session?.close();
});

test('the page mounts a textarea to paste a bulletin into', async () => {
  const count = await session.page.locator('textarea').count();
  assert.ok(count >= 1, 'expected at least one <textarea>');
  await assert.doesNotReject(session.page.locator('textarea').first().waitFor({ state: 'visible' }));
});

test('the page loads without console errors or failed requests', () => {
  assert.deepEqual(session.log.consoleErrors, [], 'console errors');
  assert.deepEqual(session.log.failedRequests, [], 'failed requests');
});

test('nothing is requested from outside 127.0.0.1', () => {
  assert.deepEqual(session.log.externalRequests(), []);
  assert.ok(session.log.requests.some((u) => u.endsWith('.wasm')), 'the wasm module was requested');
});
