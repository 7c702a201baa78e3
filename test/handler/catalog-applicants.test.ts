import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/loader.js';
import { joinApplicantKinds } from '../../src/catalog/schema.js';
import { runInProcess, tempHome } from '../helpers/context.js';

const ORG = 'Tổ chức (không bao gồm doanh nghiệp, HTX)';

describe('applicant kinds', () => {
  it('"Tổ chức (không bao gồm doanh nghiệp, HTX)" is one kind, not two, in every built-in procedure', async () => {
    const c = await loadCatalog({});
    const withOrg = ['1.001612', '1.013225', '2.000635', '2.000815', '2.001035', '2.001406'];
    for (const code of withOrg) {
      const kinds = c.get(code)!.applicants;
      expect(kinds, code).toContain(ORG);
      expect(kinds.some((k) => k === 'HTX)' || k.endsWith('doanh nghiệp')), code).toBe(false);
    }
  });

  it('joins only what an open parenthesis split', () => {
    expect(joinApplicantKinds(['Tổ chức (không bao gồm doanh nghiệp', 'HTX)', 'Công dân Việt Nam'])).toEqual([ORG, 'Công dân Việt Nam']);
    expect(joinApplicantKinds(['Công dân Việt Nam', 'Người Việt Nam định cư ở nước ngoài'])).toEqual(['Công dân Việt Nam', 'Người Việt Nam định cư ở nước ngoài']);
  });

  it('catalog show lists the organisation as one applicant kind', async () => {
    const r = await runInProcess(['catalog', 'show', '1.001612'], { home: tempHome(), env: { GOV_DESK_LANG: 'en' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`${ORG}, Công dân Việt Nam`);
  });
});
