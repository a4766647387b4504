// Helpers for the page's end-to-end tests: putting text and files into the
// page the ways a user does, waiting for the analysis, and building the
// file bytes (GBK, UTF-16, .docx) from the invented fixtures.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { deflateRawSync } from 'node:zlib';
import { REPO_ROOT } from './harness.mjs';

export const FIXTURES = join(REPO_ROOT, 'tests', 'e2e', 'fixtures');
export const SHARED = join(REPO_ROOT, '..', 'shared');

export const fixture = (name) => readFileSync(join(FIXTURES, name), 'utf8');

/** The sample bulletin behind the 示例 button. */
export const sampleText = () => readFileSync(join(REPO_ROOT, 'assets', 'sample.txt'), 'utf8');

/**
 * Runs `action`, then waits until the results show a fresh analysis (the App
 * sets `data-render-ms` on #results after every render of a new parse).
 * Returns the render time the page measured, in ms.
 */
export async function afterRender(page, action, { timeout = 10_000 } = {}) {
  await page.evaluate(() => document.querySelector('#results')?.removeAttribute('data-render-ms'));
  await action();
  const handle = await page.waitForSelector('#results[data-render-ms]', { timeout });
  return Number(await handle.getAttribute('data-render-ms'));
}

/**
 * Pastes `text` into the textarea as a clipboard paste would (analysed at
 * once). Pasting the text that is already there changes nothing, so then
 * this returns the last render time without waiting for a new one.
 */
export async function pasteText(page, text) {
  const current = await page.locator('#bulletin-text').inputValue();
  const last = await page.locator('#results').getAttribute('data-render-ms');
  if (current === text && last !== null) return Number(last);
  return afterRender(page, () =>
    page.locator('#bulletin-text').evaluate((el, value) => {
      el.focus();
      el.value = value;
      el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste', data: null }));
    }, text),
  );
}

/** Headline texts of the rendered items, in order. */
export const headlines = (page) => page.locator('article h3').allTextContents();

/** Per article: its headline and the values of its figures. */
export function articleFigures(page) {
  return page.$$eval('article', (articles) =>
    articles.map((a) => ({
      headline: a.querySelector('h3')?.textContent ?? '',
      values: [...a.querySelectorAll('.body data')].map((d) => d.getAttribute('value')),
      texts: [...a.querySelectorAll('.body data')].map((d) => d.textContent),
    })),
  );
}

/** The number as the page writes it in `<data value>`: plain decimal. */
export function plainDecimal(v) {
  if (Number.isInteger(v)) return String(v);
  // Shortest round-trip, no exponent (bulletin values are never tiny).
  return String(v).includes('e') ? v.toFixed(20).replace(/\.?0+$/, '') : String(v);
}

/** Opens files through the hidden file input (the 打开文件 button's input). */
export async function chooseFiles(page, files) {
  return afterRender(page, () => page.setInputFiles('#file-input', files));
}

/**
 * Drops files on the page with a synthetic drag-and-drop carrying a
 * DataTransfer, as a file manager does. `files`: [{name, mimeType, buffer}].
 */
export async function dropFiles(page, files, selector = '#bulletin-text') {
  const payload = files.map((f) => ({ name: f.name, type: f.mimeType, b64: f.buffer.toString('base64') }));
  return afterRender(page, () =>
    page.evaluate(
      ({ payload, selector }) => {
        const dt = new DataTransfer();
        for (const f of payload) {
          const bytes = Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0));
          dt.items.add(new File([bytes], f.name, { type: f.type }));
        }
        const target = document.querySelector(selector);
        for (const type of ['dragenter', 'dragover', 'drop']) {
          target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
        }
      },
      { payload, selector },
    ),
  );
}

/** The text in GBK, by iconv (the encoder Windows' "ANSI" saves with). */
export function gbkBytes(text) {
  return execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: Buffer.from(text, 'utf8') });
}

/** The text in UTF-16LE with a byte-order mark, as Notepad saves "Unicode". */
export function utf16leBytes(text) {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

// ---- a minimal .docx ------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip archive of `entries` ({name, data}), each deflated. */
export function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBuf = Buffer.from(name, 'utf8');
    const body = Buffer.from(data);
    const packed = deflateRawSync(body);
    const crc = crc32(body);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(body.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    locals.push(local, nameBuf, packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(body.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const xmlEscape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A Word document of `paragraphs`; each paragraph is a list of runs
 * `{text, bold}` (or a plain string for one normal run).
 */
export function docx(paragraphs) {
  const body = paragraphs
    .map((p) => {
      const runs = (typeof p === 'string' ? [{ text: p }] : p)
        .map(
          (r) =>
            `<w:r>${r.bold ? '<w:rPr><w:b/></w:rPr>' : ''}<w:t xml:space="preserve">${xmlEscape(r.text)}</w:t></w:r>`,
        )
        .join('');
      return `<w:p>${runs}</w:p>`;
    })
    .join('');
  const document =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    `<w:body>${body}<w:sectPr/></w:body></w:document>`;
  const contentTypes =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
    '</Types>';
  const rels =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
    '</Relationships>';
  return zip([
    { name: '[Content_Types].xml', data: contentTypes },
    { name: '_rels/.rels', data: rels },
    { name: 'word/document.xml', data: document },
  ]);
}

/** The fixture bulletin as a Word document: one paragraph per line, the
 *  headline of every item in a bold run (as county offices type them). */
export function bulletinDocx(text) {
  return docx(
    text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const m = line.match(/^(县\S+?)(\s+)(.+)$/u);
        return m ? [{ text: m[1], bold: true }, { text: m[3] }] : line;
      }),
  );
}
