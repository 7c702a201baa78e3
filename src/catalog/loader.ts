import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type GovDeskError, usageError } from '../errors.js';
import { foldForSearch } from '../domain/text.js';
import { type Procedure, describeIssue, formatPath, procedureSchema } from './schema.js';
import { type SearchHit, type SearchIndex, createSearchIndex, searchIndex } from './search.js';

/**
 * The procedure catalogue: the built-in files in fixtures/procedures/, then the commune's own files in
 * <home>/procedures/*.json, which add procedures or replace a built-in one with the same code.
 * Plain synchronous reads: it runs on every intake and takes a few milliseconds.
 */

export type CatalogOrigin = 'builtin' | 'home';

export interface CatalogEntry {
  procedure: Procedure;
  origin: CatalogOrigin;
  file: string;
  /** sha256 (first 16 hex digits) of the file, so a dossier can record exactly what it was checked against. */
  hash: string;
  /** A home file that replaced a built-in procedure. */
  overrides: boolean;
}

export interface LoadOptions {
  /** The data folder; its `procedures/` sub-folder is read when it exists. */
  home?: string;
  /** Defaults to the package's fixtures/procedures/. */
  builtinDir?: string;
  /**
   * The commune's own procedure files as a centre's shared database keeps them (src/store/overrides.ts):
   * read instead of `<home>/procedures/`.
   */
  overrides?: readonly { name: string; content: unknown }[];
}

export const BUILTIN_DIR = fileURLToPath(new URL('../../fixtures/procedures/', import.meta.url));

export function homeProceduresDir(home: string): string {
  return path.join(home, 'procedures');
}

function invalid(file: string, field: string, problem: { vi: string; en: string }): GovDeskError {
  return usageError(
    'CATALOG_INVALID',
    {
      vi: `Tệp thủ tục không hợp lệ: ${file}\n  trường ${field}: ${problem.vi}`,
      en: `Invalid procedure file: ${file}\n  field ${field}: ${problem.en}`,
    },
    {
      hint: { vi: 'Sửa tệp theo mô tả trong docs/catalog.md rồi chạy lại.', en: 'Fix the file as described in docs/catalog.md and run again.' },
      vars: { file, field },
    },
  );
}

/** Parse and validate one procedure file. Throws CATALOG_INVALID naming the file and the field. */
export function parseProcedureFile(content: string, file: string): Procedure {
  let data: unknown;
  try {
    data = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw invalid(file, '(JSON)', { vi: `không đọc được JSON: ${reason}`, en: `not valid JSON: ${reason}` });
  }
  const parsed = procedureSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(file, formatPath(issue.path), describeIssue(issue));
  }
  return parsed.data;
}

function readDir(dir: string, origin: CatalogOrigin): CatalogEntry[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  const names = readdirSync(dir)
    .filter((n) => n.toLowerCase().endsWith('.json'))
    .sort();
  return entriesOf(names.map((name) => ({ name, file: path.join(dir, name), content: readFileSync(path.join(dir, name), 'utf8') })), origin);
}

function entriesOf(files: readonly { name: string; file: string; content: string }[], origin: CatalogOrigin): CatalogEntry[] {
  const byCode = new Map<string, CatalogEntry>();
  for (const { name, file, content } of files) {
    const procedure = parseProcedureFile(content, file);
    if (origin === 'builtin' && name !== `${procedure.code}.json`) {
      throw invalid(file, 'code', { vi: `tên tệp phải là ${procedure.code}.json`, en: `the file name must be ${procedure.code}.json` });
    }
    const before = byCode.get(procedure.code);
    if (before) {
      throw invalid(file, 'code', {
        vi: `mã ${procedure.code} đã có trong ${before.file}`,
        en: `code ${procedure.code} is already defined in ${before.file}`,
      });
    }
    const hash = createHash('sha256').update(content).digest('hex').slice(0, 16);
    byCode.set(procedure.code, { procedure, origin, file, hash, overrides: false });
  }
  return [...byCode.values()];
}

/** Plain code-point order: codes are ASCII, and localeCompare would load ICU collation on every start. */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export class Catalog {
  private readonly byCode: Map<string, CatalogEntry>;
  private index: SearchIndex | undefined;

  constructor(entries: readonly CatalogEntry[]) {
    this.byCode = new Map([...entries].sort((a, b) => byText(a.procedure.code, b.procedure.code)).map((e) => [e.procedure.code, e]));
  }

  get size(): number {
    return this.byCode.size;
  }

  all(): Procedure[] {
    return [...this.byCode.values()].map((e) => e.procedure);
  }

  entries(): CatalogEntry[] {
    return [...this.byCode.values()];
  }

  get(code: string): Procedure | undefined {
    return this.byCode.get(code.trim())?.procedure;
  }

  entry(code: string): CatalogEntry | undefined {
    return this.byCode.get(code.trim());
  }

  /** Like get(), but an unknown code is a usage error PROCEDURE_UNKNOWN with a "did you mean" hint. */
  require(code: string): Procedure {
    const found = this.get(code);
    if (found) return found;
    const guesses = this.search(code, 3)
      .map((h) => this.get(h.code)!)
      .map((p) => `${p.code} (${p.name})`);
    throw usageError(
      'PROCEDURE_UNKNOWN',
      { vi: 'Không có thủ tục mã "{code}" trong danh mục.', en: 'No procedure with code "{code}" in the catalogue.' },
      {
        vars: { code, guesses: guesses.join('; ') },
        hint: guesses.length
          ? { vi: 'Có phải bạn muốn: {guesses}?', en: 'Did you mean: {guesses}?' }
          : { vi: 'Xem danh sách: gov-desk catalog list, hoặc tìm: gov-desk catalog search <từ khóa>', en: 'See the list: gov-desk catalog list, or search: gov-desk catalog search <words>' },
      },
    );
  }

  search(words: string, limit = 10): SearchHit[] {
    this.index ??= createSearchIndex(this.all());
    return searchIndex(this.index, words, limit);
  }

  /** Distinct fields (lĩnh vực), sorted ignoring diacritics. */
  fields(): string[] {
    const fields = [...new Set(this.all().map((p) => p.field))];
    return fields.sort((a, b) => byText(foldForSearch(a), foldForSearch(b)) || byText(a, b));
  }
}

export function loadCatalogSync(opts: LoadOptions = {}): Catalog {
  const entries = new Map<string, CatalogEntry>();
  for (const e of readDir(opts.builtinDir ?? BUILTIN_DIR, 'builtin')) entries.set(e.procedure.code, e);
  const own = opts.overrides
    ? entriesOf([...opts.overrides].sort((a, b) => byText(a.name, b.name)).map((o) => ({ name: o.name, file: `database:procedures/${o.name}`, content: `${JSON.stringify(o.content, null, 2)}\n` })), 'home')
    : opts.home
      ? readDir(homeProceduresDir(opts.home), 'home')
      : [];
  for (const e of own) entries.set(e.procedure.code, { ...e, overrides: entries.has(e.procedure.code) });
  return new Catalog([...entries.values()]);
}

export async function loadCatalog(opts: LoadOptions = {}): Promise<Catalog> {
  return loadCatalogSync(opts);
}
