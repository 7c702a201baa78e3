import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyAction } from '../../src/domain/dossier/apply.js';
import { activeDbLooksValid, dossierLooksValid } from '../../src/store/fast-check.js';
import { activeDbSchema, dossierSchema } from '../../src/store/schema.js';
import { emptyActiveDb } from '../../src/store/version.js';
import { fictitiousDossier, rng } from '../../src/tools/fictitious.js';
import { PROC, sampleDossier } from '../helpers/dossier.js';

/** Paths of every leaf of an object (for the mutations). */
function leaves(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(v)) return v.flatMap((x, i) => leaves(x, [...prefix, i]));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => leaves(x, [...prefix, k]));
  return [prefix];
}

function setAt(obj: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(obj) as Record<string | number, unknown>;
  let cur = copy;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  cur[path.at(-1)!] = value;
  return copy;
}

const dossiers = () => {
  const r = rng(11);
  const out = [sampleDossier()];
  for (let i = 0; i < 5; i++) out.push(fictitiousDossier({ agencyCode: '000.00.00.H99', procedures: [PROC], r }, '2026-03-02', i + 1, i + 1, i % 2 === 0));
  out.push(applyAction(sampleDossier(), 'routed', { at: new Date(), operator: 'x', data: { to: 'a' } }).dossier);
  // a dossier with parties (marriage: both spouses), the optional field of issue 18
  const spouse = (fullName: string, personalId: string | null) => ({ fullName, personalId, birthDate: '1995-04-03', sex: null, phone: null, email: null, address: null });
  out.push({ ...sampleDossier(), parties: [{ role: 'ben-nam', label: 'Bên nam', person: spouse('Lê Văn An', '068095001122') }, { role: 'ben-nu', label: 'Bên nữ', person: spouse('Nguyễn Thị Hường', null) }] });
  // an organisation as the applicant (issue 12), its person kept as `applicant`
  out.push({ ...sampleDossier(), applicantKind: 'organisation', organisation: { name: 'Hội Nông dân xã Suối Kiết', taxCode: '3401234567', address: 'Thôn 1, xã Suối Kiết' } });
  out.push({ ...sampleDossier(), applicantKind: 'citizen', organisation: { name: 'Hội Cựu chiến binh', taxCode: null, address: null } });
  return out;
};

describe('the fast active-file check agrees with the zod schema', () => {
  it('accepts what the schema accepts', () => {
    for (const d of dossiers()) {
      expect(dossierSchema.safeParse(d).success).toBe(true);
      expect(dossierLooksValid(d)).toBe(true);
    }
    const db = { ...emptyActiveDb('2026-03-02T09:00:00+07:00'), dossiers: Object.fromEntries(dossiers().map((d) => [d.code, d])) };
    expect(activeDbSchema.safeParse(db).success).toBe(true);
    expect(activeDbLooksValid(db, 1)).toBe(true);
  });

  it('rejects whatever the schema rejects when a leaf gets a value of the wrong type', () => {
    const samples = dossiers();
    fc.assert(
      fc.property(fc.nat(samples.length - 1), fc.nat(10_000), fc.constantFrom<unknown>(42, 'x', null, true, [], {}, undefined), (i, j, bad) => {
        const d = samples[i]!;
        const paths = leaves(d);
        const mutated = setAt(d, paths[j % paths.length]!, bad);
        expect(dossierLooksValid(mutated)).toBe(dossierSchema.safeParse(mutated).success);
      }),
      { numRuns: 2000 },
    );
  });
});
