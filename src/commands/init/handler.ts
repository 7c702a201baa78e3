import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Context, isInteractive, printJson, t, writeErr } from '../../context.js';
import { parseProfile, type Profile, profilePath, readProfile, writeProfile } from '../../config/profile.js';
import { usageError } from '../../errors.js';
import type { Msg } from '../../i18n/index.js';
import { ensureDir, exists } from '../../store/files.js';
import { openRepository } from '../../store/index.js';
import type { Handler } from '../types.js';

const EXAMPLE = new URL('../../../fixtures/profile.example.json', import.meta.url);

const Q: Record<string, Msg> = {
  communeName: { vi: 'Tên UBND xã (ví dụ: Ủy ban nhân dân xã Suối Kiết)', en: "Commune People's Committee name" },
  centreName: { vi: 'Tên Trung tâm Phục vụ hành chính công', en: 'Service centre name' },
  province: { vi: 'Tỉnh/thành phố', en: 'Province' },
  place: { vi: 'Địa danh ghi trên văn bản (ví dụ: Suối Kiết)', en: 'Place name for documents' },
  agencyCode: { vi: 'Mã định danh cơ quan (ví dụ 000.00.00.H99)', en: 'Agency identity code (e.g. 000.00.00.H99)' },
  address: { vi: 'Địa chỉ trụ sở', en: 'Address' },
  phone: { vi: 'Số điện thoại', en: 'Phone' },
  hours: { vi: 'Giờ tiếp nhận', en: 'Counter hours' },
  departments: { vi: 'Các phòng chuyên môn (ma=Tên;ma=Tên)', en: 'Departments (id=Name;id=Name)' },
};

const FLAG: Record<string, string> = {
  communeName: '--commune-name',
  centreName: '--centre-name',
  province: '--province',
  place: '--place',
  agencyCode: '--agency-code',
  address: '--address',
  phone: '--phone',
  hours: '--hours',
  departments: '--departments',
};

const DEFAULTS: Record<string, string> = {
  hours: '07:00-11:30,13:30-17:00',
  departments: 'van-phong=Văn phòng HĐND và UBND;van-hoa-xa-hoi=Phòng Văn hóa - Xã hội;kinh-te=Phòng Kinh tế',
};

function parseHours(s: string): { open: string; close: string }[] {
  return s.split(',').map((r) => {
    const [open, close] = r.split('-').map((x) => x.trim());
    return { open: open ?? '', close: close ?? '' };
  });
}

function parseDepartments(s: string): { id: string; name: string }[] {
  return s
    .split(';')
    .map((x) => x.trim())
    .filter(Boolean)
    .map((x) => {
      const i = x.indexOf('=');
      return i < 0 ? { id: x, name: x } : { id: x.slice(0, i).trim(), name: x.slice(i + 1).trim().normalize('NFC') };
    });
}

function parseFieldMap(list: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of Array.isArray(list) ? list : []) {
    const s = String(item);
    const i = s.lastIndexOf('=');
    if (i < 0) throw usageError('USAGE', { vi: '--field-department cần dạng "Lĩnh vực=ma-phong": {v}', en: '--field-department needs "Field=department-id": {v}' }, { vars: { v: s } });
    out[s.slice(0, i).trim().normalize('NFC')] = s.slice(i + 1).trim();
  }
  return out;
}

export const initHandler: Handler = async (ctx, { opts }) => {
  const home = ctx.home;
  const existing = await readProfile(home).catch(() => undefined);
  if ((existing || (await exists(profilePath(home)))) && !opts.force) {
    throw usageError('PROFILE_EXISTS', { vi: 'Đã có hồ sơ cấu hình tại {file}.', en: 'A profile already exists at {file}.' }, {
      vars: { file: profilePath(home) },
      hint: { vi: 'Thêm --force để ghi đè.', en: 'Add --force to overwrite it.' },
    });
  }
  let profile: Profile;
  if (opts.example) {
    profile = parseProfile(JSON.parse(readFileSync(EXAMPLE, 'utf8')), 'fixtures/profile.example.json');
  } else {
    profile = await gather(ctx, opts);
  }
  if (typeof opts.portalUrl === 'string' || typeof opts.portalClientId === 'string') {
    const { checkBaseUrl } = await import('../../portal/config.js');
    profile = {
      ...profile,
      portal: {
        baseUrl: typeof opts.portalUrl === 'string' ? checkBaseUrl(opts.portalUrl, '--portal-url') : profile.portal.baseUrl,
        clientId: typeof opts.portalClientId === 'string' ? opts.portalClientId.trim() : profile.portal.clientId,
      },
    };
  }
  await ensureDir(home);
  for (const sub of ['db', 'documents', 'attachments', 'procedures', 'calendar']) await ensureDir(path.join(home, sub));
  await writeProfile(home, profile);
  // create the database file now so that permissions and location are visible from the start
  await openRepository(ctx).transact(() => undefined);
  if (opts.json) {
    printJson(ctx, { schemaVersion: 1, home, profile: profilePath(home), commune: profile.commune });
  } else {
    writeErr(ctx, t(ctx, { vi: 'Đã tạo hồ sơ cấu hình: {file}', en: 'Profile written: {file}' }, { file: profilePath(home) }));
    writeErr(ctx, t(ctx, { vi: 'Tiếp theo: `gov-desk catalog search "khai sinh"` hoặc `gov-desk intake`.', en: 'Next: `gov-desk catalog search "khai sinh"` or `gov-desk intake`.' }));
  }
  return 0;
};

async function gather(ctx: Context, opts: Record<string, unknown>): Promise<Profile> {
  const interactive = isInteractive(ctx, { json: Boolean(opts.json) });
  const values: Record<string, string> = {};
  const flagValue: Record<string, unknown> = {
    communeName: opts.communeName,
    centreName: opts.centreName,
    province: opts.province,
    place: opts.place,
    agencyCode: opts.agencyCode,
    address: opts.address,
    phone: opts.phone,
    hours: opts.hours,
    departments: opts.departments,
  };
  const prompter = interactive ? await ctx.prompter() : undefined;
  for (const key of Object.keys(FLAG)) {
    const v = flagValue[key];
    if (typeof v === 'string' && v.trim()) {
      values[key] = v.trim().normalize('NFC');
      continue;
    }
    if (!prompter) {
      if (DEFAULTS[key]) {
        values[key] = DEFAULTS[key]!;
        continue;
      }
      throw usageError('MISSING_VALUE', { vi: 'Thiếu giá trị bắt buộc: {flag}', en: 'Missing required value: {flag}' }, {
        vars: { flag: FLAG[key]! },
        hint: { vi: 'Hoặc dùng `gov-desk init --example --no-input` để cài hồ sơ ví dụ.', en: 'Or use `gov-desk init --example --no-input` for the example profile.' },
      });
    }
    values[key] = (await prompter.input({ message: t(ctx, Q[key]!), default: DEFAULTS[key], validate: (s) => (s.trim() ? true : t(ctx, { vi: 'Không được để trống', en: 'Required' })) })).trim().normalize('NFC');
  }
  const departments = parseDepartments(values.departments!);
  let fieldDepartments = parseFieldMap(opts.fieldDepartment);
  if (Object.keys(fieldDepartments).length === 0 && prompter) {
    const { loadCatalog } = await import('../../catalog/loader.js');
    const fields = (await loadCatalog({ home: ctx.home })).fields();
    fieldDepartments = {};
    for (const field of fields) {
      fieldDepartments[field] = await prompter.select({
        message: t(ctx, { vi: 'Lĩnh vực "{f}" do phòng nào xử lý?', en: 'Which department handles "{f}"?' }, { f: field }),
        choices: departments.map((d) => ({ name: d.name, value: d.id })),
      });
    }
  }
  if (Object.keys(fieldDepartments).length === 0) {
    writeErr(ctx, t(ctx, {
      vi: 'Chưa gán lĩnh vực nào cho phòng chuyên môn: khi chuyển hồ sơ cần ghi rõ --to. Thêm bằng --field-department "Hộ tịch=van-phong".',
      en: 'No procedure field is mapped to a department yet: routing will need --to. Add mappings with --field-department "Hộ tịch=van-phong".',
    }));
  }
  const raw = {
    schemaVersion: 1,
    commune: {
      name: values.communeName,
      centreName: values.centreName,
      province: values.province,
      place: values.place,
      agencyCode: values.agencyCode,
      address: values.address,
      phone: values.phone,
      email: typeof opts.email === 'string' ? opts.email : null,
    },
    counterHours: { sessions: parseHours(values.hours!) },
    departments,
    fieldDepartments,
  };
  return parseProfile(raw, profilePath(ctx.home));
}
