import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Context, isInteractive, printJson, t, writeErr } from '../../context.js';
import { parseProfile, type Profile, profilePath, readProfile, writeProfile } from '../../config/profile.js';
import { usageError } from '../../errors.js';
import type { Msg } from '../../i18n/index.js';
import { isAgencyCode } from '../../domain/dossier/code.js';
import { stripDiacritics } from '../../domain/text.js';
import { isPersonName, matchOperator, type Operator } from '../../config/operators.js';
import { ensureDir, exists } from '../../store/files.js';
import { openStore } from '../../store/index.js';
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

const AGENCY_SHAPE: Msg = {
  vi: 'dạng QCVN 102:2016 "000.00.00.H99" (3, 2, 2 chữ số, rồi chữ cái cấp 1 và 2 chữ số) hoặc Quyết định 20/2020 "H55.242"',
  en: 'QCVN 102:2016 shape "000.00.00.H99" (3, 2, 2 digits, then the level-1 letter and 2 digits) or Quyết định 20/2020 "H55.242"',
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
  const { resolveDatabaseConfig } = await import('../../store/pg/config.js');
  if (await resolveDatabaseConfig(ctx.env, home, ctx.cwd)) return (await import('./shared.js')).initShared(ctx, opts, () => buildProfile(ctx, opts));
  // a broken config.json counts as a profile (never overwritten without --force); one with only the desk's settings does not
  const existing = await readProfile(home).then((p) => p !== undefined, () => true);
  if (existing && !opts.force) {
    throw usageError('PROFILE_EXISTS', { vi: 'Đã có hồ sơ cấu hình tại {file}.', en: 'A profile already exists at {file}.' }, {
      vars: { file: profilePath(home) },
      hint: { vi: 'Thêm --force để ghi đè.', en: 'Add --force to overwrite it.' },
    });
  }
  const profile = await buildProfile(ctx, opts);
  await ensureDir(home);
  for (const sub of ['db', 'documents', 'attachments', 'procedures', 'calendar']) await ensureDir(path.join(home, sub));
  await writeProfile(home, profile);
  // create the database file now so that permissions and location are visible from the start
  await (await openStore(ctx)).tx(async () => undefined);
  if (opts.json) {
    printJson(ctx, { schemaVersion: 1, home, profile: profilePath(home), commune: profile.commune });
  } else {
    writeErr(ctx, t(ctx, { vi: 'Đã tạo hồ sơ cấu hình: {file}', en: 'Profile written: {file}' }, { file: profilePath(home) }));
    writeErr(ctx, t(ctx, { vi: 'Tiếp theo: `gov-desk catalog search "khai sinh"` hoặc `gov-desk intake`.', en: 'Next: `gov-desk catalog search "khai sinh"` or `gov-desk intake`.' }));
  }
  return 0;
};

/** The profile from --example, or from the flags and prompts, with the portal flags applied. */
async function buildProfile(ctx: Context, opts: Record<string, unknown>): Promise<Profile> {
  let profile = opts.example ? exampleProfile() : await gather(ctx, opts);
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
  return profile;
}

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
    values[key] = (await prompter.input({ message: t(ctx, Q[key]!), default: DEFAULTS[key], validate: (s) => (!s.trim() ? t(ctx, { vi: 'Không được để trống', en: 'Required' }) : key === 'agencyCode' && !isAgencyCode(s.trim()) ? t(ctx, AGENCY_SHAPE) : true) })).trim().normalize('NFC');
  }
  if (!isAgencyCode(values.agencyCode!)) throw usageError('INVALID_INPUT', { vi: 'Mã định danh cơ quan không hợp lệ "{v}": {shape}', en: 'Invalid agency identity code "{v}": {shape}' }, { vars: { v: values.agencyCode!, shape: t(ctx, AGENCY_SHAPE) } });
  const departments = parseDepartments(values.departments!);
  let fieldDepartments = parseFieldMap(opts.fieldDepartment);
  // the example's map is the default wherever its department exists here
  const suggested = exampleFieldMap(departments.map((d) => d.id));
  if (Object.keys(fieldDepartments).length === 0 && prompter) {
    const { loadCatalog } = await import('../../catalog/loader.js');
    const fields = (await loadCatalog({ home: ctx.home })).fields();
    fieldDepartments = {};
    for (const field of fields) {
      fieldDepartments[field] = await prompter.select({
        message: t(ctx, { vi: 'Lĩnh vực "{f}" do phòng nào xử lý?', en: 'Which department handles "{f}"?' }, { f: field }),
        choices: departments.map((d) => ({ name: d.name, value: d.id })),
        ...(suggested[field] ? { default: suggested[field] } : {}),
      });
    }
  } else if (Object.keys(fieldDepartments).length === 0) {
    fieldDepartments = suggested;
  }
  const { operators, defaultOperator } = await gatherOperators(ctx, opts, prompter);
  const portal = await gatherPortal(ctx, opts, prompter);
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
    portal,
    operators,
    defaultOperator,
    tracking: { urlTemplate: typeof opts.trackingUrl === 'string' && opts.trackingUrl.trim() ? opts.trackingUrl.trim() : null },
  };
  if (operators.length === 0) {
    writeErr(ctx, t(ctx, {
      vi: 'Chưa ghi cán bộ nào: mỗi lần in giấy tờ cần --operator "Họ và tên" hoặc GOV_DESK_OPERATOR. Thêm bằng --operators "Họ và tên|Chức danh".',
      en: 'No operator recorded: printing a form will need --operator "Full Name" or GOV_DESK_OPERATOR. Add them with --operators "Full Name|Title".',
    }));
  }
  return parseProfile(raw, profilePath(ctx.home));
}

function exampleProfile(): Profile {
  return parseProfile(JSON.parse(readFileSync(EXAMPLE, 'utf8')), 'fixtures/profile.example.json');
}

/** The example's field → department map, kept for the departments that exist in this profile. */
export function exampleFieldMap(departmentIds: readonly string[]): Record<string, string> {
  const ids = new Set(departmentIds);
  return Object.fromEntries(Object.entries(exampleProfile().fieldDepartments).filter(([, id]) => ids.has(id)));
}

/** "Trần Văn Đức" → "tran-van-duc". */
export function operatorId(fullName: string): string {
  return stripDiacritics(fullName).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/** "Họ và tên|Chức danh; Họ và tên|Chức danh" → operators (ids from the names). */
export function parseOperators(s: string): Operator[] {
  const out: Operator[] = [];
  for (const item of s.split(';').map((x) => x.trim()).filter(Boolean)) {
    const [name = '', title = ''] = item.split('|').map((x) => x.trim().normalize('NFC'));
    if (!isPersonName(name)) throw usageError('INVALID_INPUT', { vi: '--operators: "{v}" không phải họ và tên của một người.', en: '--operators: "{v}" is not a person\'s full name.' }, { vars: { v: name } });
    let id = operatorId(name);
    for (let n = 2; out.some((o) => o.id === id); n++) id = `${operatorId(name)}-${n}`;
    out.push({ id, fullName: name, title: title || null });
  }
  return out;
}

async function gatherOperators(ctx: Context, opts: Record<string, unknown>, prompter: Awaited<ReturnType<Context['prompter']>> | undefined): Promise<{ operators: Operator[]; defaultOperator: string | null }> {
  let text = typeof opts.operators === 'string' ? opts.operators : undefined;
  if (text === undefined && prompter) {
    text = await prompter.input({
      message: t(ctx, { vi: 'Cán bộ tiếp nhận (Họ và tên|Chức danh; ngăn cách bằng ;)', en: 'Operators at the desk (Full Name|Title; separated by ;)' }),
      validate: (s) => {
        try {
          return parseOperators(s).length > 0 ? true : t(ctx, { vi: 'Cần ít nhất một người', en: 'At least one person' });
        } catch (e) {
          return (e as Error).message;
        }
      },
    });
  }
  const operators = text ? parseOperators(text) : [];
  let defaultOperator: string | null = operators[0]?.id ?? null;
  if (typeof opts.defaultOperator === 'string') {
    const o = matchOperator(operators, opts.defaultOperator);
    if (!o) throw usageError('INVALID_INPUT', { vi: '--default-operator "{v}" không có trong --operators.', en: '--default-operator "{v}" is not one of --operators.' }, { vars: { v: opts.defaultOperator } });
    defaultOperator = o.id;
  } else if (prompter && operators.length > 1) {
    defaultOperator = await prompter.select({
      message: t(ctx, { vi: 'Cán bộ mặc định của máy này', en: 'Default operator at this desk' }),
      choices: operators.map((o) => ({ name: o.title ? `${o.fullName} (${o.title})` : o.fullName, value: o.id })),
    });
  }
  return { operators, defaultOperator };
}

async function gatherPortal(ctx: Context, opts: Record<string, unknown>, prompter: Awaited<ReturnType<Context['prompter']>> | undefined): Promise<{ baseUrl: string | null; clientId: string | null }> {
  if (!prompter || typeof opts.portalUrl === 'string') return { baseUrl: null, clientId: null }; // flags are applied by the caller
  const { checkBaseUrl } = await import('../../portal/config.js');
  const url = (await prompter.input({
    message: t(ctx, { vi: 'Địa chỉ hệ thống một cửa của tỉnh (để trống nếu chưa có)', en: 'Provincial one-stop system address (empty if not yet known)' }),
    validate: (s) => {
      if (!s.trim()) return true;
      try {
        checkBaseUrl(s.trim(), 'portal.baseUrl');
        return true;
      } catch (e) {
        return (e as Error).message;
      }
    },
  })).trim();
  if (!url) return { baseUrl: null, clientId: null };
  const clientId = (await prompter.input({ message: t(ctx, { vi: 'Mã ứng dụng kết nối cổng tỉnh (portal.clientId)', en: 'Portal client id (portal.clientId)' }) })).trim();
  return { baseUrl: checkBaseUrl(url, 'portal.baseUrl'), clientId: clientId || null };
}
