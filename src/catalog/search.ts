import { foldForSearch } from '../domain/text.js';

/**
 * Procedure search (pure). Ignores diacritics and case; ranks a code typed in full or as a prefix
 * first, then names by exact words, whole-phrase match, coverage of the query and word prefixes, with
 * the name weighted above the field. Shorter names win ties, so "dang ky khai sinh" finds
 * "Thủ tục đăng ký khai sinh" before "đăng ký lại khai sinh" or "khai sinh kết hợp nhận cha, mẹ, con".
 */

export interface SearchDoc {
  code: string;
  name: string;
  field: string;
  aliases?: readonly string[];
}

export interface SearchHit {
  code: string;
  score: number;
}

interface Indexed {
  code: string;
  codeKey: string;
  codeDigits: string;
  nameTokens: string[];
  namePhrase: string;
  nameCore: string;
  aliasTokens: string[];
  aliasPhrases: string[];
  fieldTokens: string[];
}

export interface SearchIndex {
  readonly docs: readonly Indexed[];
}

/** Words that say nothing about which procedure is meant. */
const STOP = new Set(['thu', 'tuc']);

function words(s: string): string[] {
  return foldForSearch(s)
    .split(' ')
    .map((w) => w.replace(/\./g, ''))
    .filter((w) => w.length > 0);
}

function core(tokens: string[]): string {
  let i = 0;
  while (i < tokens.length && STOP.has(tokens[i]!)) i++;
  return tokens.slice(i).join(' ');
}

export function createSearchIndex(docs: readonly SearchDoc[]): SearchIndex {
  return {
    docs: docs.map((d) => {
      const nameTokens = words(d.name);
      const aliases = (d.aliases ?? []).map(words);
      return {
        code: d.code,
        codeKey: d.code.toLowerCase(),
        codeDigits: d.code.toLowerCase().replace(/\./g, ''),
        nameTokens,
        namePhrase: ` ${nameTokens.join(' ')} `,
        nameCore: core(nameTokens),
        aliasTokens: aliases.flat(),
        aliasPhrases: aliases.map((a) => ` ${a.join(' ')} `),
        fieldTokens: words(d.field),
      };
    }),
  };
}

function codeScore(doc: Indexed, q: string): number {
  const digits = q.replace(/\./g, '');
  if (q === doc.codeKey || (digits.length > 0 && digits === doc.codeDigits)) return 10_000;
  if (!/^[0-9][0-9.]*$/.test(q) || digits.length < 2) return 0;
  if (doc.codeKey.startsWith(q) || doc.codeDigits.startsWith(digits)) return 5_000 + digits.length * 10;
  return 0;
}

function textScore(doc: Indexed, tokens: string[]): number {
  let points = 0;
  let matched = 0;
  const used = new Set<string>();
  for (const t of tokens) {
    let p = 0;
    if (doc.nameTokens.includes(t)) p = 10;
    else if (doc.aliasTokens.includes(t)) p = 8;
    else if (t.length >= 2 && doc.nameTokens.some((n) => n.startsWith(t))) p = 6;
    else if (t.length >= 2 && doc.aliasTokens.some((n) => n.startsWith(t))) p = 5;
    else if (doc.fieldTokens.includes(t)) p = 4;
    else if (t.length >= 2 && doc.fieldTokens.some((n) => n.startsWith(t))) p = 2;
    if (p > 0) {
      matched++;
      points += p;
      for (const n of doc.nameTokens) if (n === t || (t.length >= 2 && n.startsWith(t))) used.add(n);
    }
  }
  if (matched === 0) return 0;
  const coverage = matched / tokens.length;
  let score = points + 40 * coverage + (coverage === 1 ? 20 : 0);
  const phrase = ` ${tokens.join(' ')} `;
  if (tokens.length > 1 && (doc.namePhrase.includes(phrase) || doc.aliasPhrases.some((a) => a.includes(phrase)))) score += 30;
  if (doc.nameCore === tokens.join(' ')) score += 30;
  const extra = doc.nameTokens.filter((n) => !STOP.has(n) && !used.has(n)).length;
  return score - 0.5 * extra;
}

/** Best match first; ties broken by code. `limit` <= 0 means no limit. */
export function searchIndex(index: SearchIndex, query: string, limit = 10): SearchHit[] {
  const q = foldForSearch(query).replace(/\s+/g, ' ').trim();
  if (!q) return [];
  const compact = q.replace(/\s/g, '');
  const tokens = words(q);
  const hits: SearchHit[] = [];
  for (const doc of index.docs) {
    const score = codeScore(doc, compact) || (tokens.length ? textScore(doc, tokens) : 0);
    if (score > 0) hits.push({ code: doc.code, score: Math.round(score * 10) / 10 });
  }
  hits.sort((a, b) => b.score - a.score || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return limit > 0 ? hits.slice(0, limit) : hits;
}

export function searchProcedures(docs: readonly SearchDoc[], query: string, limit = 10): SearchHit[] {
  return searchIndex(createSearchIndex(docs), query, limit);
}
