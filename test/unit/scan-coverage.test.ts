import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyAction } from '../../src/domain/dossier/apply.js';
import type { Dossier } from '../../src/domain/dossier/types.js';
import { coverageJson, coverageOf, knownHashes, type ScannedEventData, scanKey, scannedFiles } from '../../src/scan/coverage.js';
import { badNameReason, matchComponent, naturalCompare, normalizeName } from '../../src/scan/match.js';
import { attachmentRel, isSafeSegment, safeName } from '../../src/scan/store.js';
import { PROC, sampleDossier } from '../helpers/dossier.js';

const AT = new Date('2026-03-02T03:00:00Z');
const sha = (c: string) => c.repeat(64);

function scan(d: Dossier, component: string, hash: string, pages = 1, sources: string[] = []): Dossier {
  const data: ScannedEventData = {
    component,
    file: { path: `attachments/${d.code}/${component}/${hash.slice(0, 12)}-x.pdf`, sha256: hash, size: 1000, pages, sourceName: 'x.jpg', sourceType: 'jpeg', ...(sources.length ? { assembledFrom: sources.length, sources: sources.map((s) => ({ name: `${s}.jpg`, sha256: sha(s), size: 10, type: 'jpeg' as const })) } : {}) },
  };
  return applyAction(d, 'scanned', { at: AT, operator: 'tester', key: scanKey(component, hash), data: data as unknown as Record<string, unknown> }).dossier;
}

describe('coverageOf', () => {
  it('a fresh dossier: submitted papers missing, the ID shown at the counter exempt', () => {
    const c = coverageOf(sampleDossier());
    expect(c.components.map((x) => [x.id, x.state, x.reason])).toEqual([
      ['to-khai', 'missing', null],
      ['giay-chung-sinh', 'missing', null],
      ['giay-to-tuy-than', 'exempt', 'present-only'],
    ]);
    expect(c.readyToSubmit).toBe(false);
    expect(c.missing).toEqual(['to-khai', 'giay-chung-sinh']);
  });

  it('ready to submit only when every required component is digitised', () => {
    let d = scan(sampleDossier(), 'to-khai', sha('a'), 2);
    expect(coverageOf(d)).toMatchObject({ readyToSubmit: false, missing: ['giay-chung-sinh'] });
    d = scan(d, 'giay-chung-sinh', sha('b'), 1);
    d = scan(d, 'to-khai', sha('c'), 1);
    const c = coverageOf(d);
    expect(c).toMatchObject({ readyToSubmit: true, missing: [] });
    expect(c.components[0]).toMatchObject({ id: 'to-khai', state: 'digitised', files: 2, pages: 3 });
  });

  it('a conditional component that does not apply is exempt; one that applies is required', () => {
    const base = sampleDossier();
    const proc = { ...PROC, components: [...PROC.components, { id: 'uy-quyen', name: 'Văn bản ủy quyền', kind: 'submit' as const, copy: 'original', quantity: 1, condition: 'Ủy quyền', required: false }] };
    const no: Dossier = { ...base, procedure: proc, checklist: [...base.checklist, { id: 'uy-quyen', applicable: false, provided: false }] };
    expect(coverageOf(no).components[3]).toMatchObject({ state: 'exempt', reason: 'not-applicable', required: false });
    const yes: Dossier = { ...no, checklist: [...base.checklist, { id: 'uy-quyen', applicable: true, provided: true }] };
    expect(coverageOf(yes).missing).toContain('uy-quyen');
  });

  it('dossiers filed online and data reused from a database are exempt (TT 03/2025 Art. 5)', () => {
    const online: Dossier = { ...sampleDossier(), channel: 'online' };
    expect(coverageOf(online)).toMatchObject({ readyToSubmit: true, missing: [] });
    expect(coverageOf(online).components[0]).toMatchObject({ state: 'exempt', reason: 'filed-online' });
    expect(coverageOf(sampleDossier(), { reusedData: ['giay-chung-sinh'] })).toMatchObject({ missing: ['to-khai'] });
  });

  it('the JSON shape: id and state per component, readyToSubmit, missing', () => {
    const j = coverageJson(coverageOf(scan(sampleDossier(), 'to-khai', sha('a'))));
    expect(j.components[0]).toEqual({ id: 'to-khai', state: 'digitised', required: true, files: 1, pages: 1 });
    expect(j.components[2]).toEqual({ id: 'giay-to-tuy-than', state: 'exempt', reason: 'present-only', required: false, files: 0, pages: 0 });
    expect(j).toMatchObject({ readyToSubmit: false, missing: ['giay-chung-sinh'] });
  });

  it('knownHashes covers stored files and the images they were assembled from; other events are ignored', () => {
    let d = scan(sampleDossier(), 'to-khai', sha('a'), 2, ['1', '2']);
    d = applyAction(d, 'note', { at: AT, operator: 't', data: { note: 'x' } }).dossier;
    expect([...knownHashes(d, 'to-khai')].sort()).toEqual([sha('1'), sha('2'), sha('a')].sort());
    expect(knownHashes(d, 'giay-chung-sinh').size).toBe(0);
    expect(scannedFiles(d)).toHaveLength(1);
  });

  it('the same bytes twice are one event (the key)', () => {
    const d = scan(sampleDossier(), 'to-khai', sha('a'));
    expect(scan(d, 'to-khai', sha('a')).events).toHaveLength(d.events.length);
  });
});

describe('file-name convention', () => {
  const ids = ['to-khai', 'giay-chung-sinh', 'giay-to-tuy-than', 'to-khai-ket-hon', 'uy-quyen'];
  it.each([
    ['to-khai.jpg', 'to-khai'],
    ['to-khai-2.jpg', 'to-khai'],
    ['TO_KHAI_p10.PNG', 'to-khai'],
    ['giay-chung-sinh_p1.png', 'giay-chung-sinh'],
    ['HS0001 giấy chứng sinh trang 2.jpg', 'giay-chung-sinh'],
    ['Tờ khai.pdf', 'to-khai'],
    ['to-khai-ket-hon-1.jpg', 'to-khai-ket-hon'],
    ['Ủy quyền.pdf', 'uy-quyen'],
  ])('%s → %s', (name, id) => {
    expect(matchComponent(name, ids)).toEqual({ kind: 'one', id });
  });

  it('no id, or two ids at different places', () => {
    expect(matchComponent('scan0001.jpg', ids)).toEqual({ kind: 'none' });
    expect(matchComponent('tokhai.jpg', ids)).toEqual({ kind: 'none' });
    expect(matchComponent('to-khai+giay-chung-sinh.pdf', ids)).toMatchObject({ kind: 'ambiguous', ids: ['to-khai', 'giay-chung-sinh'] });
  });

  it('natural page order', () => {
    const names = ['to-khai-10.jpg', 'to-khai-2.jpg', 'to-khai.jpg', 'to-khai-1.jpg', 'to-khai_p3.png'];
    expect([...names].sort(naturalCompare)).toEqual(['to-khai.jpg', 'to-khai-1.jpg', 'to-khai-2.jpg', 'to-khai-10.jpg', 'to-khai_p3.png']);
  });

  it('property: the natural order is a total order consistent with numbers', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), (a, b) => {
        expect(Math.sign(naturalCompare(`p-${a}.jpg`, `p-${b}.jpg`))).toBe(Math.sign(a - b));
      }),
    );
  });

  it('normalises diacritics, case and separators', () => {
    expect(normalizeName('Giấy  Chứng_Sinh.JPG')).toBe('giay-chung-sinh');
  });

  it('names with path separators or control characters are refused', () => {
    expect(badNameReason('a\\b.jpg')).toBe('separator');
    expect(badNameReason('a/b.jpg')).toBe('separator');
    expect(badNameReason('a\nb.jpg')).toBe('control');
    expect(badNameReason('a\u0007.jpg')).toBe('control');
    expect(badNameReason('Tờ khai (bản 2).jpg')).toBeNull();
  });
});

describe('storage names', () => {
  it('safe names are ASCII, short and never empty', () => {
    expect(safeName('Tờ khai (bản 2).JPG')).toBe('to-khai-ban-2');
    expect(safeName('...')).toBe('scan');
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        expect(safeName(s)).toMatch(/^[a-z0-9-]{1,60}$/);
      }),
    );
  });

  it('attachment paths stay inside the dossier folder', () => {
    expect(attachmentRel('000.00.00.H99-260302-0001', 'to-khai', sha('a'), 'Tờ khai.jpg')).toBe(`attachments/000.00.00.H99-260302-0001/to-khai/${'a'.repeat(12)}-to-khai.pdf`);
    expect(isSafeSegment('..')).toBe(false);
    expect(isSafeSegment('../x')).toBe(false);
    expect(isSafeSegment('a/b')).toBe(false);
    expect(() => attachmentRel('..', 'to-khai', sha('a'), 'x')).toThrow();
  });
});
