/**
 * Build step (npm run build, hence npm install): cut the Noto Serif TTFs of the npm package down
 * to the characters Vietnamese documents use (Latin, Vietnamese, punctuation, a few symbols).
 * The full fonts are ~500 KB each and cost ~100 ms per style to parse in every CLI process; the
 * subsets are ~60 KB and parse in a few ms. fonts.ts falls back to the full files when these are
 * missing, so a failure here only costs speed.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { FONT_STYLES, packageFontPath, subsetFontPath } from '../documents/fonts.js';

const RANGES: [number, number][] = [
  [0x0020, 0x007e], // ASCII
  [0x00a0, 0x017f], // Latin-1 and Latin Extended-A (Ă ă Đ đ Ĩ ĩ Ũ ũ, and names from other languages)
  [0x01a0, 0x01b0], // Ơ ơ … Ư ư
  [0x0300, 0x0323], // combining marks used by Vietnamese (text typed in NFD)
  [0x1ea0, 0x1ef9], // every toned Vietnamese letter
];
const EXTRA = '–—‘’‚“”„…•‰′″₫€№≤≥×−□■☐☑☒✓';

export function subsetText(): string {
  const cps: number[] = [];
  for (const [a, b] of RANGES) for (let c = a; c <= b; c++) cps.push(c);
  return String.fromCodePoint(...cps) + EXTRA;
}

async function main(): Promise<void> {
  const { default: subsetFont } = await import('subset-font');
  const text = subsetText();
  for (const style of FONT_STYLES) {
    const out = await subsetFont(readFileSync(packageFontPath(style)), text, {
      targetFormat: 'truetype',
      // Text is NFC (precomposed letters), so mark positioning and ligature tables are not needed;
      // without them fontkit does no OpenType layout work at all.
      noHinting: true,
      noLayoutClosure: true,
      dropTables: ['GSUB', 'GPOS', 'GDEF', 'kern', 'hdmx', 'LTSH', 'VDMX'],
    });
    const file = subsetFontPath(style);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, out);
    process.stderr.write(`font ${style}: ${Math.round(out.length / 1024)} KiB → ${path.relative(process.cwd(), file)}\n`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((e: unknown) => {
    process.stderr.write(`build-fonts: ${String(e)} (the full fonts will be used)\n`);
  });
}
