// An XLSX reader for the tests, written from the file format (ECMA-376) and
// sharing nothing with the tools module's writer: the zip's central
// directory, each entry inflated with node's zlib, the workbook's sheet
// names, shared and inline strings, cells placed by their reference.
import { inflateRawSync } from 'node:zlib';

/** The zip's entries: name → bytes. */
export function unzip(buf) {
  let eocd = -1;
  for (let i = buf.length - 22; i >= 0; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip: no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const out = {};
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLen).toString('utf8');
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(dataAt, dataAt + size);
    out[name] = method === 8 ? inflateRawSync(data) : method === 0 ? Buffer.from(data) : null;
    if (out[name] === null) throw new Error(`${name}: compression ${method}`);
    at += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

const unescape = (s) =>
  s.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#\d+);/g, (_, e) =>
    ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e] ??
    String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
  );

/** The text of every <t> in a piece of XML, joined (rich text runs). */
const texts = (xml) => [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g)].map((m) => unescape(m[1] ?? '')).join('');

function column(ref) {
  let n = 0;
  for (const c of ref.match(/^[A-Z]+/)[0]) n = n * 26 + (c.charCodeAt(0) - 64);
  return n - 1;
}

/** Every sheet as rows of cell strings: { sheetName: [[...], ...] }. */
export function readXlsx(buf) {
  const files = unzip(buf);
  const text = (name) => files[name]?.toString('utf8');
  const shared = [...(text('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => texts(m[1]));
  const rels = Object.fromEntries(
    [...(text('xl/_rels/workbook.xml.rels') ?? '').matchAll(/<Relationship\b([^>]*)\/?>/g)].map((m) => [
      m[1].match(/Id="([^"]+)"/)[1],
      m[1].match(/Target="([^"]+)"/)[1],
    ]),
  );
  const book = {};
  for (const m of text('xl/workbook.xml').matchAll(/<sheet\b([^>]*)\/?>/g)) {
    const name = unescape(m[1].match(/name="([^"]*)"/)[1]);
    const target = rels[m[1].match(/r:id="([^"]+)"/)[1]].replace(/^\/?(xl\/)?/, 'xl/');
    const rows = [];
    for (const r of text(target).matchAll(/<row\b[^>]*>([\s\S]*?)<\/row>/g)) {
      const row = [];
      for (const c of r[1].matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const attrs = c[1];
        const inner = c[2] ?? '';
        const ref = attrs.match(/r="([A-Z]+\d+)"/);
        const type = attrs.match(/t="([^"]+)"/)?.[1];
        const v = inner.match(/<v>([\s\S]*?)<\/v>/)?.[1];
        let value = '';
        if (type === 's') value = shared[Number(v)];
        else if (type === 'inlineStr') value = texts(inner);
        else if (v !== undefined) value = unescape(v);
        row[ref ? column(ref[1]) : row.length] = value;
      }
      rows.push(Array.from(row, (x) => x ?? ''));
    }
    book[name] = rows;
  }
  return book;
}
