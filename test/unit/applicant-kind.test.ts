import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isIndividualKind, isOrganisationKind, normaliseTaxCode, organisationAllowed } from '../../src/domain/applicant-kind.js';
import { joinApplicantKinds } from '../../src/catalog/schema.js';

describe('applicant kinds of the catalogue (issue 12)', () => {
  it('tells organisation kinds from individual ones', () => {
    for (const k of ['Tổ chức (không bao gồm doanh nghiệp, HTX)', 'Doanh nghiệp', 'Doanh nghiệp có vốn đầu tư nước ngoài', 'Hợp tác xã']) expect(isOrganisationKind(k), k).toBe(true);
    for (const k of ['Công dân Việt Nam', 'Người Việt Nam định cư ở nước ngoài', 'Người nước ngoài']) {
      expect(isIndividualKind(k), k).toBe(true);
      expect(isOrganisationKind(k), k).toBe(false);
    }
  });

  it('refuses only where every kind is an individual one; no kind or an unknown kind is unclear', () => {
    expect(organisationAllowed(['Công dân Việt Nam', 'Tổ chức (không bao gồm doanh nghiệp, HTX)'])).toBe('yes');
    expect(organisationAllowed(['Công dân Việt Nam', 'Người Việt Nam định cư ở nước ngoài'])).toBe('no');
    expect(organisationAllowed([])).toBe('unclear');
    expect(organisationAllowed(['Công dân Việt Nam', 'Khác'])).toBe('unclear');
  });

  it('every kind in the fixtures is recognised (a new kind would fall to "unclear": look at it)', () => {
    const dir = new URL('../../fixtures/procedures/', import.meta.url);
    for (const f of readdirSync(dir)) {
      const kinds = joinApplicantKinds((JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as { applicants: string[] }).applicants);
      for (const k of kinds) expect(isOrganisationKind(k) || isIndividualKind(k), `${f}: ${k}`).toBe(true);
    }
  });

  it('a tax code is 10 digits, or 10-3 for a dependent unit', () => {
    expect(normaliseTaxCode('3401234567')).toBe('3401234567');
    expect(normaliseTaxCode('3401234567-001')).toBe('3401234567-001');
    expect(normaliseTaxCode('3401234567001')).toBe('3401234567-001');
    expect(normaliseTaxCode('12345')).toBeNull();
    expect(normaliseTaxCode('340123456A')).toBeNull();
  });
});
