import { crc32, deflateSync } from 'node:zlib';
import { PDFDocument, StandardFonts } from 'pdf-lib';

/** Small real files for the scan tests, generated in memory (no binary fixtures in the repository). */

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

function chunk(type: string, data: Buffer): Buffer {
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  return Buffer.concat([u32(data.length), td, u32(crc32(td))]);
}

/** An RGB PNG filled with one colour; `dpi` adds a pHYs chunk. */
export function makePng(width: number, height: number, opts: { dpi?: number; rgb?: [number, number, number] } = {}): Buffer {
  const [r, g, b] = opts.rgb ?? [200, 30, 30];
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set([r, g, b], 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  const ihdr = Buffer.concat([u32(width), u32(height), Buffer.from([8, 2, 0, 0, 0])]);
  const parts = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr)];
  if (opts.dpi) {
    const ppm = Math.round(opts.dpi / 0.0254);
    parts.push(chunk('pHYs', Buffer.concat([u32(ppm), u32(ppm), Buffer.from([1])])));
  }
  parts.push(chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0)));
  return Buffer.concat(parts);
}

/**
 * A baseline greyscale JPEG of uniform mid grey, written by hand: one quantisation table, a DC and
 * an AC Huffman table with a single one-bit code each, and per 8×8 block "DC difference 0, EOB".
 */
export function makeJpeg(width: number, height: number, opts: { dpi?: number } = {}): Buffer {
  const seg = (marker: number, data: number[]) => Buffer.from([0xff, marker, (data.length + 2) >> 8, (data.length + 2) & 0xff, ...data]);
  const dpi = opts.dpi ?? 0;
  const app0 = seg(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, dpi ? 1 : 0, (dpi || 1) >> 8, (dpi || 1) & 0xff, (dpi || 1) >> 8, (dpi || 1) & 0xff, 0, 0]);
  const dqt = seg(0xdb, [0x00, ...new Array<number>(64).fill(1)]);
  const sof = seg(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]);
  const counts = (n: number) => [1, ...new Array<number>(15).fill(0), n];
  const dhtDc = seg(0xc4, [0x00, ...counts(0)]); // class 0 id 0: one code of length 1 → symbol 0
  const dhtAc = seg(0xc4, [0x10, ...counts(0)]); // class 1 id 0: one code of length 1 → symbol 0x00 (EOB)
  const sos = seg(0xda, [1, 1, 0x00, 0, 63, 0]);
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  const bits = '00'.repeat(blocks);
  const padded = bits + '1'.repeat((8 - (bits.length % 8)) % 8);
  const data: number[] = [];
  for (let i = 0; i < padded.length; i += 8) {
    const byte = parseInt(padded.slice(i, i + 8), 2);
    data.push(byte);
    if (byte === 0xff) data.push(0x00);
  }
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, dqt, sof, dhtDc, dhtAc, sos, Buffer.from(data), Buffer.from([0xff, 0xd9])]);
}

/** A PDF with `pages` A4 pages of text, made with pdf-lib. */
export async function makePdf(pages = 2, title = 'Giay chung sinh'): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) doc.addPage([595.28, 841.89]).drawText(`${title} - page ${i}`, { x: 72, y: 760, size: 14, font });
  return Buffer.from(await doc.save());
}

/** A PDF whose trailer names an /Encrypt dictionary (what a password-protected PDF has). */
export function makeEncryptedPdf(): Buffer {
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
    '<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff> /U <00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff> >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A PNG from a raw IHDR (colour type, bit depth) and the given compressed picture data, as an attacker would write it. */
export function makePngRaw(width: number, height: number, color: number, depth: number, idat: Buffer): Buffer {
  const ihdr = Buffer.concat([u32(width), u32(height), Buffer.from([depth, color, 0, 0, 0])]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

/** A little-endian TIFF of grey 8-bit pages (uncompressed, Deflate or PackBits), one strip per page, 200 dpi; `data` replaces a page's strip. */
export function makeTiff(pages: { width: number; height: number; value?: number; data?: Buffer }[], compression: 1 | 8 | 32773 = 1): Buffer {
  const parts: Buffer[] = [];
  let offset = 8;
  const header = Buffer.alloc(8);
  header.write('II', 0, 'latin1');
  header.writeUInt16LE(42, 2);
  parts.push(header);
  const ifdOffsets: number[] = [];
  const pieces: { ifdAt: number; build: (next: number) => Buffer }[] = [];
  for (const p of pages) {
    const raw = Buffer.alloc(p.width * p.height, p.value ?? 128);
    const data = p.data ?? (compression === 1 ? raw : compression === 8 ? deflateSync(raw) : packBits(raw));
    const dataAt = offset;
    offset += data.length + (data.length % 2);
    const resAt = offset;
    offset += 8;
    const entries: [number, number, number, number][] = [
      [256, 3, 1, p.width],
      [257, 3, 1, p.height],
      [258, 3, 1, 8],
      [259, 3, 1, compression],
      [262, 3, 1, 1],
      [273, 4, 1, dataAt],
      [277, 3, 1, 1],
      [278, 3, 1, p.height],
      [279, 4, 1, data.length],
      [282, 5, 1, resAt],
      [283, 5, 1, resAt],
      [296, 3, 1, 2],
    ];
    const ifdAt = offset;
    offset += 2 + entries.length * 12 + 4;
    ifdOffsets.push(ifdAt);
    const res = Buffer.alloc(8);
    res.writeUInt32LE(200, 0);
    res.writeUInt32LE(1, 4);
    pieces.push({
      ifdAt,
      build: (next) => {
        const ifd = Buffer.alloc(2 + entries.length * 12 + 4);
        ifd.writeUInt16LE(entries.length, 0);
        entries.forEach(([tag, type, count, value], k) => {
          const e = 2 + k * 12;
          ifd.writeUInt16LE(tag, e);
          ifd.writeUInt16LE(type, e + 2);
          ifd.writeUInt32LE(count, e + 4);
          if (type === 3) ifd.writeUInt16LE(value, e + 8);
          else ifd.writeUInt32LE(value, e + 8);
        });
        ifd.writeUInt32LE(next, 2 + entries.length * 12);
        return Buffer.concat([data, Buffer.alloc(data.length % 2), res, ifd]);
      },
    });
  }
  header.writeUInt32LE(ifdOffsets[0]!, 4);
  pieces.forEach((p, k) => parts.push(p.build(ifdOffsets[k + 1] ?? 0)));
  return Buffer.concat(parts);
}

function packBits(raw: Buffer): Buffer {
  const out: number[] = [];
  let i = 0;
  while (i < raw.length) {
    let run = 1;
    while (i + run < raw.length && raw[i + run] === raw[i] && run < 128) run++;
    if (run > 1) {
      out.push(257 - run, raw[i]!);
      i += run;
    } else {
      out.push(0, raw[i]!);
      i += 1;
    }
  }
  return Buffer.from(out);
}

/** A ZIP archive header (enough to be recognised as ZIP). */
export function makeZip(): Buffer {
  return Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(60, 0x20)]);
}
