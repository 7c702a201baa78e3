import { describe, expect, it } from 'vitest';
import { resolveProcedure } from '../../src/catalog/resolve.js';
import { loadCatalogSync } from '../../src/catalog/loader.js';
import { checkGuidance, guidanceCounterKey, guidanceRef, parseKinds } from '../../src/domain/guidance/check.js';
import { buildGuidanceReport, guidanceFigures } from '../../src/domain/guidance/report.js';
import { GUIDANCE_KINDS, type GuidanceRecord } from '../../src/domain/guidance/types.js';
import { dossierLookup } from '../../src/domain/lookup.js';
import { sampleDossier } from '../helpers/dossier.js';

const NOW = new Date('2026-03-02T02:00:00Z');
const ok = (value: string) => ({ ok: true as const, value });
const deps = { now: NOW, member: ok('Trần Văn Đức'), procedure: (t: string) => (t === '1.001193' ? ok(t) : { ok: false as const, message: { vi: 'x', en: 'x' } }) };

describe('guidance records (pure)', () => {
  it('kinds: comma, space or repeated; canonical order; unknown words reported', () => {
    expect(parseKinds('vneid, explain explain;assisted')).toEqual({ kinds: ['explain', 'vneid', 'assisted'], unknown: [] });
    expect(parseKinds('Explain,help').unknown).toEqual(['help']);
    for (const k of GUIDANCE_KINDS) expect(parseKinds(k).kinds).toEqual([k]);
  });

  it('references: HT-YYMMDD-NNNN by the Vietnamese day (16:59 UTC is already the next day)', () => {
    expect(guidanceRef(NOW, 1)).toBe('HT-260302-0001');
    expect(guidanceRef(new Date('2026-03-02T17:30:00Z'), 12)).toBe('HT-260303-0012');
    expect(guidanceCounterKey(new Date('2026-03-02T17:30:00Z'))).toBe('guide-260303');
    expect(() => guidanceRef(NOW, 0)).toThrow(RangeError);
  });

  it('a checked draft: name normalised, phone to 0xxxxxxxxx, time in +07:00, nulls for what is not given', () => {
    const r = checkGuidance({ kind: 'explain', name: '  trần   thị  bình ', phone: '+84 912 345 678', procedure: '1.001193', minutes: '3' }, deps);
    expect(r).toEqual({ ok: true, draft: { at: '2026-03-02T09:00:00+07:00', kinds: ['explain'], member: 'Trần Văn Đức', citizen: { fullName: 'Trần Thị Bình', phone: '0912345678', personalId: null }, procedure: '1.001193', dossier: null, minutes: 3, note: null } });
  });

  it('every problem at once, each naming its field', () => {
    const r = checkGuidance({ kind: 'assisted', id: '123', minutes: '999', at: '31/02/2026', procedure: 'zzz' }, { ...deps, member: { ok: false, message: { vi: 'm', en: 'm' } } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.field).sort()).toEqual(['at', 'dossier', 'id', 'member', 'minutes', 'procedure']);
  });
});

describe('resolveProcedure', () => {
  const catalog = loadCatalogSync();
  it.each([
    ['1.001193', '1.001193'], ['001193', '1.001193'], ['dang ky khai sinh', '1.001193'], ['Đăng ký kết hôn', '1.000894'],
  ])('%s → %s', (q, code) => expect(resolveProcedure(catalog, q)).toEqual({ ok: true, value: code }));
  it('an ambiguous end of a code or words is refused, naming candidates', () => {
    const r = resolveProcedure(catalog, 'xac nhan');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message.en).toContain('several');
  });
});

describe('buildGuidanceReport', () => {
  const rec = (id: string, at: string, kinds: GuidanceRecord['kinds'], member: string, minutes: number | null, procedure: string | null = null): GuidanceRecord =>
    ({ id, at, kinds, member, citizen: { fullName: null, phone: null, personalId: null }, procedure, dossier: null, minutes, note: null });
  const recs = [rec('a', '2026-02-03T08:00:00+07:00', ['explain', 'vneid'], 'A B', 10, '1.001193'), rec('b', '2026-02-20T08:00:00+07:00', ['assisted'], 'C D', null), rec('c', '2026-04-01T08:00:00+07:00', ['other'], 'A B', 5)];
  const d1 = { ...sampleDossier(), code: 'X-1', channel: 'online' as const, receivedAt: '2026-02-05T09:00:00+07:00' };
  const d2 = { ...sampleDossier(), code: 'X-2', channel: 'in-person' as const, receivedAt: '2026-03-05T09:00:00+07:00', events: [...sampleDossier().events, { ...sampleDossier().events[0]!, type: 'scanned' as const }] };
  const facts = (code: string) => (code === d1.procedure.code ? { name: 'n', online: true, level: 'toàn trình' as const } : undefined);

  it('totals, months and groups add up; out-of-period records and dossiers are left out', () => {
    const r = buildGuidanceReport(recs, [d1, d2], { from: '2026-02-01', to: '2026-03-31', by: 'member', facts, targets: { onlinePct: 80 } });
    expect(r.guidance).toEqual(guidanceFigures(recs.slice(0, 2)));
    expect(r.guidance).toMatchObject({ citizens: 2, minutes: 10, timedRecords: 1, averageMinutes: 10 });
    expect(r.dossiers).toMatchObject({ received: 2, online: 1, onlinePct: 50, toanTrinh: 1, paper: 1, paperDigitised: 1, paperDigitisedPct: 100 });
    expect(r.months.map((m) => [m.month, m.onlinePct])).toEqual([['2026-02', 100], ['2026-03', 0]]);
    expect(r.groups!.reduce((a, g) => a + g.guidance.citizens, 0)).toBe(r.guidance.citizens);
    expect(r.targets).toEqual({ onlinePct: 80, digitisedPct: null });
    expect(() => buildGuidanceReport([], [], { from: '2026-03-02', to: '2026-03-01', facts })).toThrow(RangeError);
  });
});

describe('dossierLookup', () => {
  it('the tracking page with the code, else the portal host', () => {
    expect(dossierLookup('000.00.00.H99-260302-0001', 'https://x.vn/t?ma={code}')).toBe('https://x.vn/t?ma=000.00.00.H99-260302-0001');
    expect(dossierLookup('c', null)).toBe('dichvucong.gov.vn');
    expect(dossierLookup('c', null, 'https://dvc.example.vn/')).toBe('dvc.example.vn');
  });
});
