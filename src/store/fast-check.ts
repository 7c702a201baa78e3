import { EVENT_TYPES } from '../domain/dossier/types.js';

/**
 * A plain-JavaScript check of the active file with the same rules as the zod schema in schema.ts
 * (zod takes ~50 ms over 500 open dossiers, this takes a few). Used first under the lock; only when
 * it fails does the store run zod, for a precise message. test/unit/store-fast-check.test.ts keeps
 * the two in agreement.
 */
const EVENTS = new Set<string>(EVENT_TYPES);
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const strOrNull = (v: unknown) => v === null || typeof v === 'string';
const numOrNull = (v: unknown) => v === null || typeof v === 'number';
const isInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v);
const optional = (o: Record<string, unknown>, k: string, ok: (v: unknown) => boolean) => !(k in o) || o[k] === undefined || ok(o[k]);

function person(p: unknown): boolean {
  if (!isObj(p)) return false;
  return isStr(p.fullName) && strOrNull(p.personalId) && strOrNull(p.birthDate) && strOrNull(p.phone) && strOrNull(p.email) && strOrNull(p.address)
    && optional(p, 'sex', (v) => v === null || v === 'male' || v === 'female') && optional(p, 'oldId', strOrNull);
}

function component(c: unknown): boolean {
  return isObj(c) && isStr(c.id) && isStr(c.name) && (c.kind === 'submit' || c.kind === 'present') && strOrNull(c.copy) && numOrNull(c.quantity) && strOrNull(c.condition) && typeof c.required === 'boolean';
}

function event(e: unknown): boolean {
  return isObj(e) && isInt(e.seq) && isStr(e.type) && EVENTS.has(e.type) && isStr(e.at) && isStr(e.operator) && optional(e, 'key', isStr) && optional(e, 'desk', isStr) && optional(e, 'data', isObj);
}

export function dossierLooksValid(d: unknown): boolean {
  if (!isObj(d) || !isStr(d.code) || d.code.length === 0) return false;
  const p = d.procedure;
  if (!isObj(p) || !isStr(p.code) || !isStr(p.name) || !isStr(p.field) || !isStr(p.version) || !strOrNull(p.cutoff)) return false;
  const pt = p.processingTime;
  if (pt !== null && !(isObj(pt) && typeof pt.value === 'number' && (pt.unit === 'working-days' || pt.unit === 'days' || pt.unit === 'hours'))) return false;
  if (!Array.isArray(p.components) || !p.components.every(component)) return false;
  if (!person(d.applicant) || !(d.representative === null || person(d.representative))) return false;
  if (!optional(d, 'applicantKind', (v) => v === 'citizen' || v === 'organisation')) return false;
  if (!optional(d, 'organisation', (v) => v === null || (isObj(v) && isStr(v.name) && strOrNull(v.taxCode) && strOrNull(v.address)))) return false;
  if (!optional(d, 'parties', (v) => Array.isArray(v) && v.every((x) => isObj(x) && isStr(x.role) && isStr(x.label) && person(x.person)))) return false;
  if (d.channel !== 'in-person' && d.channel !== 'online' && d.channel !== 'postal') return false;
  const dl = d.delivery;
  if (!isObj(dl) || (dl.method !== 'counter' && dl.method !== 'post') || !strOrNull(dl.address)) return false;
  if (!Array.isArray(d.checklist) || !d.checklist.every((l) => isObj(l) && isStr(l.id) && typeof l.applicable === 'boolean' && typeof l.provided === 'boolean')) return false;
  if (!isStr(d.receivedAt) || !isStr(d.dueAt) || !isStr(d.operator)) return false;
  const r = d.register;
  if (!isObj(r) || !isStr(r.book) || !isInt(r.number)) return false;
  return Array.isArray(d.events) && d.events.every(event);
}

const counters = (v: unknown) => isObj(v) && Object.values(v).every((n) => isInt(n) && (n as number) >= 0);

/** True when the whole active file passes; false means "ask zod what is wrong". */
export function activeDbLooksValid(db: unknown, version: number): boolean {
  if (!isObj(db) || db.schemaVersion !== version || !isStr(db.createdAt)) return false;
  if (!counters(db.sequences) || !counters(db.registers)) return false;
  if (!isObj(db.drafts) || !Object.values(db.drafts).every(isObj)) return false;
  if (!Array.isArray(db.outbox) || !db.outbox.every(isObj) || !isObj(db.meta)) return false;
  return isObj(db.dossiers) && Object.values(db.dossiers).every(dossierLooksValid);
}
