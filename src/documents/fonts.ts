/**
 * The embedded font: Noto Serif (SIL OFL) from `@expo-google-fonts/noto-serif`. It covers every
 * Vietnamese letter with its diacritics (ă â ê ô ơ ư đ and the five tones, stacked: ỗ ữ ặ ậ ẫ ự ỹ),
 * which the PDF standard fonts (Helvetica, Times) cannot encode. pdfkit embeds a subset of it.
 *
 * The TTF files are read once per process and shared by every document.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import path from 'node:path';

export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';

/** The names under which the fonts are registered in every document (`doc.font(FONT.bold)`). */
export const FONT = {
  regular: 'NotoSerif',
  bold: 'NotoSerif-Bold',
  italic: 'NotoSerif-Italic',
  boldItalic: 'NotoSerif-BoldItalic',
} as const satisfies Record<FontStyle, string>;

const PACKAGE = '@expo-google-fonts/noto-serif';

const FILES: Record<FontStyle, string> = {
  regular: '400Regular/NotoSerif_400Regular.ttf',
  bold: '700Bold/NotoSerif_700Bold.ttf',
  italic: '400Regular_Italic/NotoSerif_400Regular_Italic.ttf',
  boldItalic: '700Bold_Italic/NotoSerif_700Bold_Italic.ttf',
};

const require = createRequire(import.meta.url);

export const FONT_STYLES: readonly FontStyle[] = ['regular', 'bold', 'italic', 'boldItalic'];

/** The subset made by the build (src/tools/build-fonts.ts); src/ and dist/ are both two levels down. */
export function subsetFontPath(style: FontStyle): string {
  return fileURLToPath(new URL(`../../dist/fonts/NotoSerif-${style}.ttf`, import.meta.url));
}

/** The subset when the build made it, else the package's full TTF (same glyphs for our text, slower to load). */
export function fontPath(style: FontStyle): string {
  const sub = subsetFontPath(style);
  return existsSync(sub) ? sub : packageFontPath(style);
}

/** Absolute path of one TTF of the font package. */
export function packageFontPath(style: FontStyle): string {
  const rel = `${PACKAGE}/${FILES[style]}`;
  try {
    return require.resolve(rel);
  } catch {
    // The package may stop exporting subpaths: find its folder through its main entry instead.
    const main = require.resolve(PACKAGE);
    let dir = path.dirname(main);
    while (path.basename(dir) !== 'noto-serif' && path.dirname(dir) !== dir) dir = path.dirname(dir);
    return path.join(dir, FILES[style]);
  }
}

const cache = new Map<FontStyle, Buffer>();

/** The bytes of one TTF, read on first use. */
export function fontData(style: FontStyle): Buffer {
  let data = cache.get(style);
  if (!data) {
    data = readFileSync(fontPath(style));
    cache.set(style, data);
  }
  return data;
}

/**
 * Sharing parsed fonts between documents. pdfkit parses a registered TTF with fontkit for every
 * new document, and the first text layout of each fresh fontkit font parses the OpenType layout
 * tables (~50 ms per style, so ~150 ms per form). Through fontkit's public `registerFormat`, a
 * tiny token buffer is registered in the documents instead of the TTF: fontkit resolves the token
 * to one font object parsed once per process. Each document still builds its own subset.
 * Should fontkit not be reachable, the plain TTF bytes are registered (slower, same output).
 *
 * Caveat handled here: fontkit caches one glyph object per glyph id, with the code points of
 * its first use, and pdfkit writes the ToUnicode map (copy/paste, search, text extraction) from
 * those. Subsetting a composite glyph (À, Ộ…) creates its component glyphs (A, O…) with no code
 * points; in a shared font that would blank those letters in every later document. So each
 * shared font first creates the glyph of every character it maps, with its own code point
 * (Noto Serif maps no two characters to one glyph).
 */
interface FontkitLike {
  create(data: Uint8Array): unknown;
  registerFormat(format: unknown): void;
}

interface FontkitFont {
  characterSet?: number[];
  glyphForCodePoint?(codePoint: number): unknown;
}

function prewarm(font: FontkitFont): void {
  if (typeof font.glyphForCodePoint !== 'function') return;
  for (const cp of font.characterSet ?? []) font.glyphForCodePoint(cp);
}

const MAGIC = Buffer.from('GOVDESK-FONT:', 'latin1');
const STYLES: readonly FontStyle[] = ['regular', 'bold', 'italic', 'boldItalic'];
let fontkit: FontkitLike | null | undefined;
const shared = new Map<FontStyle, unknown>();

function tokenStyle(data: Uint8Array): FontStyle | undefined {
  if (data.length !== MAGIC.length + 1) return undefined;
  for (let i = 0; i < MAGIC.length; i++) if (data[i] !== MAGIC[i]) return undefined;
  return STYLES[data[MAGIC.length] ?? 255];
}

function sharedFontkit(): FontkitLike | null {
  if (fontkit !== undefined) return fontkit;
  try {
    // The fontkit instance pdfkit itself requires.
    const fromPdfkit = createRequire(require.resolve('pdfkit'));
    const fk = fromPdfkit('fontkit') as Partial<FontkitLike>;
    if (typeof fk.create !== 'function' || typeof fk.registerFormat !== 'function') throw new Error('fontkit API');
    const kit = fk as FontkitLike;
    // fontkit calls `new format(stream)`; a function called with `new` that returns an object
    // yields that object, here the shared font.
    const format = Object.assign(
      function SharedFont(stream: { buffer: Uint8Array }): unknown {
        const style = tokenStyle(stream.buffer) ?? 'regular';
        let font = shared.get(style);
        if (!font) {
          font = kit.create(fontData(style));
          prewarm(font as FontkitFont);
          shared.set(style, font);
        }
        return font;
      },
      { probe: (data: Uint8Array): boolean => tokenStyle(data) !== undefined },
    );
    kit.registerFormat(format);
    fontkit = kit;
  } catch {
    fontkit = null;
  }
  return fontkit;
}

/** What to register for a style: the shared-font token, or the TTF bytes. */
export function fontSource(style: FontStyle): Buffer {
  if (!sharedFontkit()) return fontData(style);
  return Buffer.concat([MAGIC, Buffer.from([STYLES.indexOf(style)])]);
}

/** The minimal surface of a pdfkit document needed here (keeps this module free of pdfkit). */
export interface FontRegistry {
  registerFont(name: string, src: Buffer): unknown;
}

/** Register the styles under the names of {@link FONT}. */
export function registerFonts(doc: FontRegistry, styles: readonly FontStyle[] = STYLES): void {
  for (const style of styles) doc.registerFont(FONT[style], fontSource(style));
}
