import { describe, expect, it } from 'vitest';
import { applyAction } from '../../src/domain/dossier/apply.js';
import { amendedView, diffPerson } from '../../src/domain/dossier/amend.js';
import { codeMatches, dossierMatches, searchQuery } from '../../src/domain/dossier/search.js';
import { identityConflicts, peopleOf } from '../../src/domain/identity-conflict.js';
import { sampleDossier } from '../helpers/dossier.js';

const CODE = '000.00.00.H99-260302-0012';

describe('codeMatches', () => {
  it.each([
    ['000.00.00.H99-260302-0012', true],
    ['000.00.00.h99-260302-0012', true],
    ['0012', true],
    ['260302-0012', true],
    ['-0012', true],
    ['h99-260302-0012', true],
    ['12', false], // not a whole part of the code
    ['02-0012', false],
    ['', false],
  ])('%s → %s', (input, expected) => {
    expect(codeMatches(CODE, input)).toBe(expected);
  });
});

describe('searchQuery and dossierMatches', () => {
  const d = sampleDossier(CODE); // Nguyễn Thị Hường, 060190001234, 0912345678
  it.each([
    ['nguyen thi huong', true],
    ['HƯỜNG', true],
    ['060190001234', true],
    ['0912 345 678', true],
    ['+84 912 345 678', true],
    ['260302-0012', true],
    ['tran van', false],
    ['0987654321', false],
  ])('%s → %s', (q, expected) => {
    expect(dossierMatches(d, searchQuery(q))).toBe(expected);
  });
});

describe('amendedView', () => {
  it('applies the corrections in order and leaves the received record alone', () => {
    const d0 = sampleDossier(CODE);
    const at = new Date('2026-03-02T03:00:00Z');
    const d1 = applyAction(d0, 'amended', { at, operator: 't', data: { target: 'applicant', changes: diffPerson(d0.applicant, { fullName: 'Nguyễn Thị Hương', email: 'a@example.org' }), reason: 'x' } }).dossier;
    const d2 = applyAction(d1, 'amended', { at, operator: 't', data: { target: 'applicant', changes: diffPerson(amendedView(d1).applicant, { email: null, phone: '0987654321' }), reason: 'y' } }).dossier;
    expect(amendedView(d2).applicant).toMatchObject({ fullName: 'Nguyễn Thị Hương', email: null, phone: '0987654321', personalId: '060190001234' });
    expect(d2.applicant.fullName).toBe('Nguyễn Thị Hường');
    expect(amendedView(d0)).toBe(d0);
    expect(diffPerson(d0.applicant, { fullName: 'Nguyễn Thị Hường' })).toEqual({});
  });
});

describe('identityConflicts', () => {
  const known = peopleOf(sampleDossier(CODE));
  it.each([
    [{ personalId: '060190001234', fullName: 'Nguyễn Thị Hường', birthDate: '1990-05-12' }, 0],
    [{ personalId: '060190001234', fullName: 'NGUYỄN THỊ HƯỜNG', birthDate: '1990-05-12' }, 0],
    [{ personalId: '060190001234', fullName: 'Nguyễn Thị Hương', birthDate: '1990-05-12' }, 1],
    [{ personalId: '060190001234', fullName: 'Nguyễn Thị Hường', birthDate: '1990-05-21' }, 1],
    [{ personalId: '060190009999', fullName: 'Lê Văn A', birthDate: '1990-05-12' }, 0],
    [{ personalId: null, fullName: 'Lê Văn A', birthDate: null }, 0],
  ])('%o → %d', (p, n) => {
    expect(identityConflicts(known, p)).toHaveLength(n);
  });
});
