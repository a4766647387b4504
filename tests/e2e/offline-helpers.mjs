// Helpers shared by offline.test.mjs, single-file.test.mjs and
// large-input.test.mjs: the bulletins to paste, a paste as the page sees
// one, and what the page must show for a text.

import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join, resolve } from "node:path";

import { REPO_ROOT } from "./harness.mjs";
import { toolsFromIndex } from "../../scripts/offline/tools-meta.mjs";
import { inventedBulletin } from "./invented-bulletins.mjs";

export const SEEDS_DIR = resolve(REPO_ROOT, "..", "shared", "seeds");

/**
 * The bulletins to check: the real seeds when ../shared is there (read,
 * never copied into the project), else invented ones.
 * @returns {{name: string, text: string}[]}
 */
export function bulletinsToCheck() {
  if (existsSync(SEEDS_DIR)) {
    const files = readdirSync(SEEDS_DIR).filter((f) => f.endsWith(".txt")).sort();
    if (files.length) return files.map((f) => ({ name: f, text: readFileSync(join(SEEDS_DIR, f), "utf8") }));
  }
  return [1, 2, 3].map((seed) => ({ name: `invented-${seed}`, text: inventedBulletin(seed, { items: 6 + seed }) }));
}

/**
 * Puts `text` into the page's textarea the way a paste does: the value, then
 * an input event of type insertFromPaste (the page analyses a paste at once,
 * typing after a pause).
 */
export async function paste(page, text) {
  // With files open, the paste entry may not be the one shown: go back to it.
  const pasteTab = page.locator('.entry-tab[data-entry="0"]:not(.current) .entry-select');
  if (await pasteTab.count()) await pasteTab.first().click();
  const area = page.locator("textarea").first();
  await area.waitFor({ state: "visible" });
  await area.evaluate((el, value) => {
    el.focus();
    el.value = value;
    el.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste", data: null }));
  }, text);
}

/**
 * The parser of a built page, run in Node: the build's own tools module
 * (tools/, package bulletin-tools, the one the exports come from), named by
 * index.html's <meta name="bulletin-tools">, so the expectation comes from
 * the very code the page ships, not from what the page happens to render.
 * Returns text => export JSON object.
 */
export async function loadBuiltParser(dir) {
  const html = readFileSync(join(dir, "index.html"), "utf8");
  const tools = toolsFromIndex(html);
  if (!tools) throw new Error(`${dir}/index.html: no <meta name="bulletin-tools"> (tools module) found`);
  const glueText = readFileSync(join(dir, tools.js.replace(/^\.?\//, "")), "utf8");
  // A classic (no-modules) glue: it defines the global-style `wasm_bindgen`.
  const glue = new Function(`${glueText}\nreturn wasm_bindgen;`)();
  glue.initSync({ module: readFileSync(join(dir, tools.wasm.replace(/^\.?\//, ""))) });
  if (typeof glue.parse_to_json !== "function") throw new Error("the tools module exports no parse_to_json");
  return (text) => JSON.parse(glue.parse_to_json(text));
}

/** What the page must show for a parsed bulletin: its items and each one's figure values. */
export function expectedOf(bulletin) {
  return {
    items: bulletin.items.length,
    figures: bulletin.items.map((item) => item.figures.map((f) => f.value)),
  };
}

/**
 * Draws every item of a large bulletin (drawn a batch at a time as one
 * scrolls) by pressing its "显示更多" button until all are on the page.
 */
export async function drawAll(page) {
  await page.evaluate(async () => {
    for (let i = 0; i < 100_000; i++) {
      const more = document.querySelector('[data-more="items"] button');
      if (!more) return;
      const before = document.querySelector(".document")?.dataset.window;
      more.click();
      await new Promise((ok) => setTimeout(ok, 0));
      if (document.querySelector(".document")?.dataset.window === before) await new Promise((ok) => setTimeout(ok, 50));
    }
  });
}

/** What the page shows: per <article>, the values of its <data value> elements (all items drawn first). */
export async function shown(page) {
  await drawAll(page);
  return page.$$eval("article", (articles) =>
    articles.map((a) => Array.from(a.querySelectorAll("data[value]"), (d) => Number(d.getAttribute("value")))),
  );
}

/** Waits until the page shows `expected.items` articles (or times out). */
export async function waitForItems(page, count, timeout = 30_000) {
  // A large bulletin draws its first batch only: count the items it holds.
  await page.waitForFunction(
    (n) => document.querySelectorAll("article").length === n || document.querySelector(`.document[data-items="${n}"] article`) !== null,
    count,
    { timeout },
  );
}

/**
 * Checks that every item and every figure of `expected` is on the page:
 * as many articles as items, and each item's figure values in its article.
 * Returns a list of problems (empty when all is shown).
 */
export function missingFrom(expected, articles) {
  const problems = [];
  if (articles.length !== expected.items) problems.push(`${articles.length} <article> shown, ${expected.items} items parsed`);
  const n = Math.min(articles.length, expected.figures.length);
  for (let i = 0; i < n; i++) {
    const have = articles[i].slice();
    for (const v of expected.figures[i]) {
      const at = have.findIndex((h) => Math.abs(h - v) <= Math.abs(v) * 1e-9 + 1e-9);
      if (at < 0) problems.push(`item ${i + 1}: figure ${v} not shown as <data value>`);
      else have.splice(at, 1);
    }
  }
  return problems;
}

/** Total figures in an `expectedOf` result. */
export const figureCount = (expected) => expected.figures.reduce((sum, f) => sum + f.length, 0);
