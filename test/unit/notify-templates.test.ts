import { describe, expect, it } from 'vitest';
import { applyAction } from '../../src/domain/dossier/apply.js';
import type { Dossier } from '../../src/domain/dossier/types.js';
import { GovDeskError } from '../../src/errors.js';
import { matchesRegistered, renderEmail, renderSms, type SmsSettings, valuesFor } from '../../src/notify/render.js';
import { applyOverrides, parseTemplateOverrides } from '../../src/notify/template-file.js';
import { BUILTIN_TEMPLATES, isPlaceholder, placeholdersIn, TEMPLATE_IDS, templateIdFor } from '../../src/notify/templates.js';
import { sampleDossier } from '../helpers/dossier.js';

const AT = new Date('2026-03-02T03:00:00Z');
const SETTINGS: SmsSettings = { unsigned: true, maxSegments: 3, replace: { '&': ' va ', '#': ' so ' }, pricePerSegment: 850 };
const CENTRE = { centre: 'Trung tâm Phục vụ hành chính công xã Suối Kiết', centrePhone: '0263 3000 000' };

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof GovDeskError ? e.code : `not a GovDeskError: ${String(e)}`;
  }
  return undefined;
}

const values = (d: Dossier, event: Parameters<typeof valuesFor>[1], extra: Record<string, string> = {}) => valuesFor(d, event, CENTRE, d.applicant.fullName, extra);

describe('built-in templates', () => {
  it('use only known placeholders, in both languages and both channels', () => {
    for (const id of TEMPLATE_IDS) {
      const t = BUILTIN_TEMPLATES[id];
      for (const text of [t.sms.vi, t.sms.en, t.email.subject.vi, t.email.subject.en, t.email.body.vi, t.email.body.en]) {
        for (const p of placeholdersIn(text)) expect(isPlaceholder(p), `${id}: {${p}}`).toBe(true);
      }
    }
  });

  it('result-ready by post has its own template (tracking number)', () => {
    const d = sampleDossier();
    expect(templateIdFor('result-ready', d)).toBe('result-ready');
    expect(templateIdFor('result-ready', { ...d, delivery: { method: 'post', address: 'Thôn 2' } })).toBe('result-ready-post');
    expect(templateIdFor('late', d)).toBe('late');
  });
});

describe('renderSms', () => {
  it('fills the received message, unsigned, with its segment count and cost', () => {
    const d = sampleDossier();
    const s = renderSms(BUILTIN_TEMPLATES.received, 'vi', values(d, 'received'), SETTINGS);
    expect(s.text).toBe('Trung tam Phuc vu hanh chinh cong xa Suoi Kiet: Ho so 000.00.00.H99-260302-0001 (Thu tuc dang ky khai sinh) da duoc tiep nhan. Hen tra ket qua: 03/03/2026 09:00, nhan tai Trung tam. Theo doi: dichvucong.gov.vn');
    expect(s).toMatchObject({ encoding: 'GSM-7', segments: 2, unsigned: true, cost: 1700, registeredMatch: null });
  });

  it('received: tells how to follow the dossier (the tracking page, else the portal) and how the result comes, within 3 segments', () => {
    const post = { ...sampleDossier(), delivery: { method: 'post' as const, address: 'Thôn 2, xã Suối Kiết' } };
    const url = 'https://dichvucong.lamdong.gov.vn/tra-cuu-ho-so?ma={code}';
    const v = valuesFor(post, 'received', { ...CENTRE, trackingUrlTemplate: url }, post.applicant.fullName);
    const s = renderSms(BUILTIN_TEMPLATES.received, 'vi', v, SETTINGS);
    expect(s.text).toContain('nhan qua buu chinh (cong them thoi gian chuyen phat)');
    expect(s.text).toContain('Theo doi: https://dichvucong.lamdong.gov.vn/tra-cuu-ho-so?ma=000.00.00.H99-260302-0001');
    expect(s.segments).toBeLessThanOrEqual(3);
    const en = renderSms(BUILTIN_TEMPLATES.received, 'en', valuesFor(post, 'received', { ...CENTRE, lang: 'en', portalUrl: 'https://dvc.example.vn/' }, null), SETTINGS);
    expect(en.text).toContain('sent by post (delivery time comes on top). Follow it at dvc.example.vn');
    expect(en.segments).toBeLessThanOrEqual(3);
    const mail = renderEmail(BUILTIN_TEMPLATES.received, 'vi', v, []);
    expect(mail.body).toContain('Theo dõi tiến độ giải quyết bằng mã hồ sơ 000.00.00.H99-260302-0001 tại: https://dichvucong.lamdong.gov.vn/');
  });

  it('a template can keep the diacritics (UCS-2)', () => {
    const d = sampleDossier();
    const s = renderSms({ ...BUILTIN_TEMPLATES.returned, unsigned: false }, 'vi', values(d, 'returned'), SETTINGS);
    expect(s.text).toContain('Hồ sơ 000.00.00.H99-260302-0001 đã được trả kết quả');
    expect(s.encoding).toBe('UCS-2');
  });

  it('a missing value is an error, never a blank', () => {
    const d = { ...sampleDossier(), delivery: { method: 'post' as const, address: 'Thôn 2' } };
    const tpl = BUILTIN_TEMPLATES[templateIdFor('result-ready', d)];
    expect(codeOf(() => renderSms(tpl, 'vi', values(d, 'result-ready'), SETTINGS))).toBe('TEMPLATE_VALUE_MISSING');
    expect(codeOf(() => renderSms(tpl, 'vi', values(d, 'result-ready', { tracking: '   ' }), SETTINGS))).toBe('TEMPLATE_VALUE_MISSING');
    const ok = renderSms(tpl, 'vi', values(d, 'result-ready', { tracking: 'EB123456789VN' }), SETTINGS);
    expect(ok.text).toContain('ma buu gui EB123456789VN');
  });

  it('takes the tracking number recorded with the result', () => {
    let d: Dossier = { ...sampleDossier(), delivery: { method: 'post', address: 'Thôn 2' } };
    d = applyAction(d, 'result-recorded', { at: AT, operator: 't', data: { tracking: 'EB987654321VN' } }).dossier;
    expect(renderSms(BUILTIN_TEMPLATES['result-ready-post'], 'vi', values(d, 'result-ready'), SETTINGS).text).toContain('EB987654321VN');
  });

  it('late: the apology gives the reason and the new date', () => {
    let d = sampleDossier();
    expect(codeOf(() => renderSms(BUILTIN_TEMPLATES.late, 'vi', values(d, 'late'), SETTINGS))).toBe('TEMPLATE_VALUE_MISSING');
    d = applyAction(d, 'apology-issued', { at: AT, operator: 't', data: { newDueAt: '2026-03-06T16:00:00+07:00', reason: 'Cần xác minh thêm thông tin' } }).dossier;
    const s = renderSms(BUILTIN_TEMPLATES.late, 'vi', values(d, 'late'), SETTINGS);
    expect(s.text).toContain('Ly do: Can xac minh them thong tin. Hen tra lai vao: 06/03/2026 16:00.');
  });

  it('supplement: the reason lists what is missing', () => {
    let d = sampleDossier();
    d = applyAction(d, 'supplement-requested', { at: AT, operator: 't', data: { missing: [{ name: 'Giấy chứng sinh' }, { name: 'Tờ khai' }] } }).dossier;
    expect(renderSms(BUILTIN_TEMPLATES['supplement-needed'], 'vi', values(d, 'supplement-needed'), SETTINGS).text).toContain('can bo sung, hoan thien: Giay chung sinh; To khai.');
  });

  it('stops a message over the hard cap of segments', () => {
    const d = sampleDossier();
    expect(codeOf(() => renderSms(BUILTIN_TEMPLATES.received, 'vi', values(d, 'received'), { ...SETTINGS, maxSegments: 1 }))).toBe('SMS_TOO_LONG');
  });

  it('checks the carrier-registered text before sending', () => {
    const d = sampleDossier();
    const registered = { vi: '{P1}: Ho so {P2} ({P3}) da duoc tiep nhan. Hen tra ket qua: {P4}, nhan {P5}. Theo doi: {P6}', en: null };
    const ok = renderSms({ ...BUILTIN_TEMPLATES.received, registered }, 'vi', values(d, 'received'), SETTINGS);
    expect(ok.registeredMatch).toBe(true);
    const wrong = { vi: '{P1}: Ho so {P2} da duoc tiep nhan luc {P3}.', en: null };
    expect(codeOf(() => renderSms({ ...BUILTIN_TEMPLATES.received, registered: wrong }, 'vi', values(d, 'received'), SETTINGS))).toBe('SMS_TEMPLATE_MISMATCH');
  });

  it('compares the registered text after the same preparation (diacritics, spaces)', () => {
    const opts = { unsigned: true, replace: SETTINGS.replace };
    expect(matchesRegistered('Ho so ABC da co ket qua.', 'Hồ sơ {code}  đã có kết quả.', opts)).toBe(true);
    expect(matchesRegistered('Ho so ABC da co ket qua. Them', 'Hồ sơ {code} đã có kết quả.', opts)).toBe(false);
  });
});

describe('renderEmail', () => {
  it('keeps the diacritics and greets the recipient', () => {
    const d = sampleDossier();
    const e = renderEmail(BUILTIN_TEMPLATES.received, 'vi', values(d, 'received'), ['/x/mau-01.pdf']);
    expect(e.subject).toBe('Hồ sơ 000.00.00.H99-260302-0001 đã được tiếp nhận');
    expect(e.body).toContain('Kính gửi Ông/Bà Nguyễn Thị Hường,');
    expect(e.body).toContain('Thời gian hẹn trả kết quả: 03/03/2026 09:00.');
    expect(e.attachments).toEqual(['/x/mau-01.pdf']);
    const en = renderEmail(BUILTIN_TEMPLATES.received, 'en', values(d, 'received'), []);
    expect(en.subject).toBe('Dossier 000.00.00.H99-260302-0001 has been received');
  });
});

describe('template overrides (notify-templates.json)', () => {
  const FILE = '/home/x/notify-templates.json';

  it('merges a partial override onto the built-in set', () => {
    const o = parseTemplateOverrides({ schemaVersion: 1, templates: { received: { sms: { vi: 'UBND xa: HS {code} da tiep nhan, hen {dueDate}.' }, registered: { vi: 'UBND xa: HS {a} da tiep nhan, hen {b}.' } } } }, FILE);
    const set = applyOverrides(BUILTIN_TEMPLATES, o);
    expect(set.received.sms.vi).toBe('UBND xa: HS {code} da tiep nhan, hen {dueDate}.');
    expect(set.received.sms.en).toBe(BUILTIN_TEMPLATES.received.sms.en);
    expect(set.received.registered.vi).toBe('UBND xa: HS {a} da tiep nhan, hen {b}.');
    expect(set.late).toBe(BUILTIN_TEMPLATES.late);
    const d = sampleDossier();
    expect(renderSms(set.received, 'vi', values(d, 'received'), SETTINGS)).toMatchObject({ text: 'UBND xa: HS 000.00.00.H99-260302-0001 da tiep nhan, hen 03/03/2026 09:00.', registeredMatch: true, segments: 1 });
  });

  it.each([
    [{ templates: { recieved: {} } }, 'templates.recieved'],
    [{ templates: { received: { sms: { vi: 'Ho so {ma}' } } } }, 'templates.received.sms.vi'],
    [{ templates: { received: { sms: { vi: '' } } } }, 'templates.received.sms.vi'],
    [{ templates: { received: { smss: {} } } }, 'templates.received'],
    [{ templates: { late: { attach: 'receipt-pdf' } } }, 'templates.late.attach'],
  ])('rejects %j naming the file and the field', (raw, field) => {
    try {
      parseTemplateOverrides(raw, FILE);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(GovDeskError);
      const err = e as GovDeskError;
      expect(err.code).toBe('NOTIFY_TEMPLATES_INVALID');
      expect(err.vars?.file).toBe(FILE);
      expect(String(err.vars?.field)).toBe(field);
    }
  });
});
