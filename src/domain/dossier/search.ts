import { foldForSearch } from '../text.js';
import { amendedView } from './amend.js';
import type { Dossier, Person } from './types.js';

/**
 * `list --search TEXT` and code look-ups (`show` with a code suffix). Pure.
 *
 * A query matches a dossier when it is found, ignoring case and diacritics, in the applicant's or
 * representative's name (as received or as corrected), or, as digits, in an ID number (old or new)
 * or a phone number (0… and +84… are the same number), or, ignoring case, in the dossier code.
 */
export interface SearchQuery {
  text: string;
  folded: string;
  /** The digits of the query when it is a number (spaces, dots, dashes, a leading + allowed). */
  digits: string | null;
  upper: string;
}

export function searchQuery(text: string): SearchQuery {
  const trimmed = text.trim();
  const compact = trimmed.replace(/[\s.\-()]/g, '');
  let digits: string | null = /^\+?\d{3,}$/.test(compact) ? compact.replace(/^\+/, '') : null;
  if (digits?.startsWith('84') && digits.length >= 11) digits = `0${digits.slice(2)}`;
  return { text: trimmed, folded: foldForSearch(trimmed), digits, upper: trimmed.toUpperCase() };
}

function personMatches(p: Person | null, q: SearchQuery): boolean {
  if (!p) return false;
  if (q.folded && foldForSearch(p.fullName).includes(q.folded)) return true;
  if (q.digits) {
    for (const v of [p.personalId, p.oldId ?? null, p.phone]) {
      if (v && v.replace(/\D/g, '').replace(/^84(?=\d{9}$)/, '0').includes(q.digits)) return true;
    }
  }
  return false;
}

export function dossierMatches(d: Pick<Dossier, 'code' | 'applicant' | 'representative' | 'events' | 'organisation'>, q: SearchQuery): boolean {
  if (q.upper && d.code.toUpperCase().includes(q.upper)) return true;
  // an organisation's name or tax code (issue 12)
  if (d.organisation && ((q.folded && foldForSearch(d.organisation.name).includes(q.folded)) || (q.digits && d.organisation.taxCode?.replace(/\D/g, '').includes(q.digits)))) return true;
  const now = amendedView(d);
  return [d.applicant, d.representative, now.applicant, now.representative].some((p) => personMatches(p, q));
}

/** A kept incomplete/refused intake (HD-/TC-): matched by its reference and its applicant. */
export function intakeMatches(ref: string, applicant: Person, q: SearchQuery): boolean {
  return (q.upper !== '' && ref.toUpperCase().includes(q.upper)) || personMatches(applicant, q);
}

/**
 * Does `input` name `code`? The whole code in any case, or its end after a `-` or `.` (e.g.
 * `0001`, `260302-0001`, `h99-260302-0001`).
 */
export function codeMatches(code: string, input: string): boolean {
  const c = code.toUpperCase();
  const i = input.trim().toUpperCase();
  if (!i) return false;
  if (c === i) return true;
  return c.endsWith(i) && (c[c.length - i.length - 1] === '-' || c[c.length - i.length - 1] === '.' || /^[-.]/.test(i));
}
