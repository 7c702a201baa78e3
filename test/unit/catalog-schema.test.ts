import { describe, expect, it } from 'vitest';
import { describeIssue, formatPath, procedureSchema } from '../../src/catalog/schema.js';

/** A minimal valid procedure; tests break one thing at a time. */
function valid(): Record<string, unknown> {
  return {
    schemaVersion: 1,
    code: '9.999001',
    version: 'thử nghiệm · r1',
    name: 'Thủ tục thử nghiệm',
    aliases: [],
    field: 'Thử nghiệm',
    level: 'Cấp xã',
    procedureType: null,
    applicants: ['Công dân Việt Nam'],
    decision: null,
    agency: null,
    coordinatingAgency: null,
    officer: null,
    channels: ['in-person'],
    onlineLevel: null,
    processingTime: { inPerson: { value: 1, unit: 'working-days', unitStated: false, text: '1', note: null }, online: null, postal: null },
    cutoff: '15:00',
    cutoffCondition: null,
    onlineConfirmation: null,
    fee: { label: 'Miễn phí', text: null, amounts: [], exemptions: [], setByProvince: null, notes: [] },
    variants: [],
    components: [
      { id: 'to-khai', name: 'Tờ khai', detail: null, kind: 'submit', copy: 'original', quantity: 1, quantityText: '1 bản chính', condition: null, required: true, channels: null, note: null },
      { id: 'uy-quyen', name: 'Văn bản ủy quyền', detail: null, kind: 'submit', copy: 'original', quantity: 1, quantityText: null, condition: 'Ủy quyền', required: false, channels: null, note: null },
      { id: 'can-cuoc', name: 'Giấy tờ tùy thân', detail: null, kind: 'present', copy: null, quantity: null, quantityText: null, condition: null, required: true, channels: ['in-person'], note: null },
    ],
    guidance: [],
    conditions: [],
    result: [],
    legalBasis: [],
    paperAllowed: null,
    notes: [],
    unconfirmed: [],
    source: { url: 'https://dichvucong.gov.vn/thu-tuc-hanh-chinh/x', crawl: null, also: [] },
  };
}

function firstIssue(doc: unknown): { path: string; en: string } {
  const r = procedureSchema.safeParse(doc);
  if (r.success) throw new Error('expected a validation error');
  const issue = r.error.issues[0]!;
  return { path: formatPath(issue.path), en: describeIssue(issue).en };
}

describe('procedure schema', () => {
  it('accepts a valid procedure', () => {
    expect(procedureSchema.safeParse(valid()).success).toBe(true);
  });

  it('names the field path of a bad component kind', () => {
    const doc = valid();
    (doc.components as Record<string, unknown>[])[2]!.kind = 'show';
    expect(firstIssue(doc)).toMatchObject({ path: 'components[2].kind' });
    expect(firstIssue(doc).en).toContain('submit');
  });

  it('requires a condition on every component that is not required', () => {
    const doc = valid();
    (doc.components as Record<string, unknown>[])[1]!.condition = null;
    expect(firstIssue(doc).path).toBe('components[1].condition');
  });

  it('rejects duplicate component ids, bad slugs and unknown variants', () => {
    const dup = valid();
    (dup.components as Record<string, unknown>[])[2]!.id = 'to-khai';
    expect(firstIssue(dup).path).toBe('components[2].id');

    const badSlug = valid();
    (badSlug.components as Record<string, unknown>[])[0]!.id = 'Tờ khai';
    expect(firstIssue(badSlug).path).toBe('components[0].id');

    const variant = valid();
    (variant.components as Record<string, unknown>[])[0]!.variants = ['nha-o'];
    expect(firstIssue(variant).path).toBe('components[0].variants[0]');
    variant.variants = [{ id: 'nha-o', name: 'Nhà ở' }];
    expect(procedureSchema.safeParse(variant).success).toBe(true);
  });

  it('rejects unknown fields, missing fields, bad enums and bad clock times', () => {
    const extra = valid();
    extra.colour = 'red';
    expect(firstIssue(extra)).toMatchObject({ path: '(root)' });
    expect(firstIssue(extra).en).toContain('colour');

    const missing = valid();
    delete missing.fee;
    expect(firstIssue(missing)).toEqual({ path: 'fee', en: 'required field is missing' });

    const unit = valid();
    (unit.processingTime as Record<string, Record<string, unknown>>).inPerson!.unit = 'weeks';
    expect(firstIssue(unit).path).toBe('processingTime.inPerson.unit');

    const clock = valid();
    clock.cutoff = '3pm';
    expect(firstIssue(clock).path).toBe('cutoff');

    const version = valid();
    version.schemaVersion = 2;
    expect(firstIssue(version).path).toBe('schemaVersion');
  });

  it('keeps unknown facts as null rather than empty strings', () => {
    const doc = valid();
    doc.agency = '';
    expect(firstIssue(doc).path).toBe('agency');
    doc.agency = null;
    expect(procedureSchema.safeParse(doc).success).toBe(true);
  });

  it('a cut-off condition needs a cut-off', () => {
    const doc = valid();
    doc.cutoff = null;
    doc.cutoffCondition = 'chỉ khi bổ sung';
    expect(firstIssue(doc).path).toBe('cutoffCondition');
  });

  it('formats paths like components[2].kind', () => {
    expect(formatPath(['components', 2, 'kind'])).toBe('components[2].kind');
    expect(formatPath(['fee', 'amounts', 0, 'amountVnd'])).toBe('fee.amounts[0].amountVnd');
    expect(formatPath([])).toBe('(root)');
  });

  it('describes every issue in both languages', () => {
    const doc = valid();
    doc.channels = ['by-pigeon'];
    const r = procedureSchema.safeParse(doc);
    expect(r.success).toBe(false);
    if (!r.success) {
      const m = describeIssue(r.error.issues[0]!);
      expect(m.vi).toMatch(/giá trị không hợp lệ/);
      expect(m.en).toMatch(/invalid value/);
    }
  });
});

describe('procedure schema: groups, cut-off rules, case time limits', () => {
  const withGroup = () => {
    const doc = valid();
    doc.groups = [{ id: 'quan-he', name: 'Giấy tờ chứng minh quan hệ' }];
    const comps = doc.components as Record<string, unknown>[];
    comps.push(
      { id: 'y-te', name: 'Văn bản của cơ quan y tế', detail: null, kind: 'submit', copy: 'original', quantity: 1, quantityText: null, condition: null, required: true, channels: null, note: null, group: 'quan-he' },
      { id: 'cam-doan', name: 'Văn bản cam đoan', detail: null, kind: 'submit', copy: 'original', quantity: 1, quantityText: null, condition: null, required: true, channels: null, note: null, group: 'quan-he' },
    );
    return doc;
  };

  it('accepts a "one of" group, a cut-off rule and a case with its own time', () => {
    const doc = withGroup();
    doc.cutoffRule = 'result-next-working-day';
    doc.variants = [{ id: 'a', name: 'A', processingTime: { value: 0.5, unit: 'working-days', unitStated: true, text: '0,5 ngày', note: null } }];
    doc.cutoffVariants = ['a'];
    expect(procedureSchema.safeParse(doc).success).toBe(true);
  });

  it('refuses an unknown group, a member that is not required, a group of one', () => {
    const unknown = withGroup();
    (unknown.components as Record<string, unknown>[])[3]!.group = 'nope';
    expect(firstIssue(unknown).path).toBe('components[3].group');
    const optional = withGroup();
    Object.assign((optional.components as Record<string, unknown>[])[4]!, { required: false, condition: 'Không có văn bản y tế' });
    expect(firstIssue(optional)).toMatchObject({ path: 'components[4].required', en: expect.stringContaining('"required": true') });
    const single = withGroup();
    (single.components as unknown[]).pop();
    expect(firstIssue(single).path).toBe('groups[0].id');
  });

  it('refuses a cut-off rule without a cut-off, and a cut-off case that does not exist', () => {
    const noCutoff = valid();
    Object.assign(noCutoff, { cutoff: null, cutoffRule: 'result-next-working-day' });
    expect(firstIssue(noCutoff).path).toBe('cutoffRule');
    const badCase = valid();
    badCase.cutoffVariants = ['nope'];
    expect(firstIssue(badCase).path).toBe('cutoffVariants[0]');
  });
});

describe('procedure schema: half days', () => {
  it('a fraction of a working day is accepted; a fraction of a calendar day is refused at load, not at intake', () => {
    const half = valid();
    (half.processingTime as Record<string, unknown>).inPerson = { value: 0.5, unit: 'working-days', unitStated: true, text: '0,5 ngày làm việc', note: null };
    expect(procedureSchema.safeParse(half).success).toBe(true);
    const days = valid();
    (days.processingTime as Record<string, unknown>).inPerson = { value: 0.5, unit: 'days', unitStated: true, text: null, note: null };
    expect(firstIssue(days)).toMatchObject({ path: 'processingTime.inPerson.value', en: expect.stringContaining('whole number') });
  });
});
