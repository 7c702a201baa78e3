import { type Context, t, writeErr } from '../../context.js';
import type { Person } from '../../domain/dossier/types.js';
import { validateEmail } from '../../domain/email.js';
import { looksLikeIdQr, parseIdQr } from '../../domain/id-qr.js';
import { type Failed, parseBirthDate, validatePersonalId } from '../../domain/identity.js';
import { normaliseName } from '../../domain/person.js';
import { validatePhone } from '../../domain/phone.js';
import { cleanText, terminalSafe } from '../../domain/text.js';
import { formatVnDate, vnDate } from '../../domain/time.js';
import type { Prompter } from '../../prompts.js';

const problemsText = (ctx: Context, f: Failed): string => f.problems.map((p) => t(ctx, p.message)).join('; ');

/**
 * Ask for a person. The first answer may be a typed identification number or a line from the ID
 * card's QR scanner; a valid QR line fills number, old number, name, birth date, sex and address,
 * which are shown for a glance and not asked again. Nothing garbled is accepted.
 */
/**
 * Each party the procedure names (catalogue `parties`: both spouses, parent and child, …): the
 * applicant may be one of them (asked once), the others are asked like a person, QR scan included.
 */
export async function askParties(ctx: Context, p: Prompter, specs: readonly { role: string; name: string }[], applicant: Person, prefill: { role: string; person: Person }[] = []): Promise<{ role: string; person: Person }[]> {
  const out: { role: string; person: Person }[] = [];
  let applicantUsed = false;
  for (const s of specs) {
    const given = prefill.find((x) => x.role === s.role);
    if (given) {
      out.push(given);
      continue;
    }
    if (!applicantUsed && (await p.confirm({ message: t(ctx, { vi: `${s.name} là người nộp (${applicant.fullName})?`, en: `Is ${s.name} the applicant (${applicant.fullName})?` }), default: false }))) {
      applicantUsed = true;
      out.push({ role: s.role, person: { ...applicant } });
      continue;
    }
    out.push({ role: s.role, person: await askPerson(ctx, p, { role: 'party', label: s.name, contactRequired: false }) });
  }
  return out;
}

export async function askPerson(
  ctx: Context,
  p: Prompter,
  o: {
    role: 'applicant' | 'representative' | 'party';
    /** How the prompts name the person (a party: the catalogue's role name). */
    label?: string;
    prefill?: Partial<Person>;
    /** Values given as flags: already checked, not asked again. */
    given?: Partial<Person>;
    contactRequired: boolean;
    /** Called when the answer was a scan of the ID card's QR (the card was shown). */
    onQr?: () => void;
  },
): Promise<Person> {
  const today = vnDate(ctx.now());
  const pre = o.prefill ?? {};
  const g = o.given ?? {};
  const has = (k: keyof Person) => g[k] !== undefined;
  const who = o.label ?? (o.role === 'applicant' ? t(ctx, { vi: 'Người nộp', en: 'Applicant' }) : t(ctx, { vi: 'Người đại diện', en: 'Representative' }));
  let fromQr: Person | undefined;
  let personalId: string;
  if (has('personalId')) personalId = g.personalId!;
  else {
    const first = await p.input({
      message: `${who}: ${t(ctx, { vi: 'số định danh (12 số) hoặc quét QR thẻ căn cước', en: 'ID number (12 digits) or scan the ID card QR' })}`,
      default: pre.personalId ?? undefined,
      validate: (s) => {
        const v = s.trim();
        if (looksLikeIdQr(v)) {
          const r = parseIdQr(v, today);
          return r.ok ? true : `${problemsText(ctx, r)}`;
        }
        const r = validatePersonalId(v);
        return r.ok ? true : problemsText(ctx, r);
      },
    });
    if (looksLikeIdQr(first.trim())) {
      const r = parseIdQr(first.trim(), today);
      if (!r.ok) throw new Error('unreachable: validated above');
      const v = r.value;
      fromQr = { fullName: v.fullName, personalId: v.personalId, oldId: v.oldId, birthDate: v.birthDate, sex: v.sex, address: v.address, phone: null, email: null };
      personalId = v.personalId;
      o.onQr?.();
      writeErr(ctx, `  ${terminalSafe(v.fullName)} · ${v.personalId}${v.oldId ? ` (CMND ${terminalSafe(v.oldId)})` : ''} · ${formatVnDate(v.birthDate)} · ${v.sex === 'female' ? t(ctx, { vi: 'Nữ', en: 'female' }) : t(ctx, { vi: 'Nam', en: 'male' })}`);
      writeErr(ctx, `  ${terminalSafe(v.address)}`);
    } else {
      personalId = validatePersonalId(first).ok ? (validatePersonalId(first) as { value: string }).value : first.trim();
    }
  }
  let fullName = fromQr?.fullName ?? g.fullName ?? '';
  let birthDate = fromQr?.birthDate ?? g.birthDate ?? null;
  if (!fromQr && !has('fullName')) {
    fullName = await p.input({
      message: `${who}: ${t(ctx, { vi: 'họ và tên', en: 'full name' })}`,
      default: pre.fullName ?? undefined,
      validate: (s) => {
        const r = normaliseName(s);
        return r.ok ? true : problemsText(ctx, r);
      },
    });
    fullName = (normaliseName(fullName) as { value: string }).value;
  }
  if (!fromQr && !has('birthDate')) {
    const birth = await p.input({
      message: `${who}: ${t(ctx, { vi: 'ngày sinh (dd/mm/yyyy)', en: 'date of birth (dd/mm/yyyy)' })}`,
      default: pre.birthDate ? formatVnDate(pre.birthDate) : undefined,
      validate: (s) => {
        const r = parseBirthDate(s, today);
        if (!r.ok) return problemsText(ctx, r);
        const id = validatePersonalId(personalId, { birthDate: r.value });
        return id.ok ? true : problemsText(ctx, id);
      },
    });
    birthDate = (parseBirthDate(birth, today) as { value: string }).value;
  }
  const phone = has('phone') ? (g.phone ?? null) : await askPhone(ctx, p, o, pre);
  const email = o.role !== 'applicant' ? null : has('email') ? (g.email ?? null) : await askEmail(ctx, p, o, pre, phone);
  let address = fromQr?.address ?? g.address ?? null;
  if (!fromQr && !has('address') && o.role === 'applicant') address = await askAddress(ctx, p, pre);
  return { fullName, personalId, birthDate, sex: fromQr?.sex ?? g.sex ?? null, oldId: fromQr?.oldId ?? g.oldId ?? null, phone, email, address };
}

type Who = { role: 'applicant' | 'representative' | 'party'; contactRequired: boolean; label?: string };
const whoText = (ctx: Context, o: Who) => o.label ?? (o.role === 'applicant' ? t(ctx, { vi: 'Người nộp', en: 'Applicant' }) : t(ctx, { vi: 'Người đại diện', en: 'Representative' }));

async function askPhone(ctx: Context, p: Prompter, o: Who, pre: Partial<Person>): Promise<string | null> {
  const phoneText = await p.input({
    message: `${whoText(ctx, o)}: ${t(ctx, { vi: 'số điện thoại di động', en: 'mobile number' })}${o.contactRequired ? '' : t(ctx, { vi: ' (Enter để bỏ qua)', en: ' (Enter to skip)' })}`,
    default: pre.phone ?? undefined,
    validate: (s) => {
      if (!s.trim()) return true;
      const r = validatePhone(s);
      return r.ok ? true : problemsText(ctx, r);
    },
  });
  return phoneText.trim() ? (validatePhone(phoneText) as { value: string }).value : null;
}

async function askEmail(ctx: Context, p: Prompter, o: Who, pre: Partial<Person>, phone: string | null): Promise<string | null> {
  const emailText = await p.input({
    message: `${whoText(ctx, o)}: ${t(ctx, { vi: 'thư điện tử (Enter để bỏ qua)', en: 'e-mail (Enter to skip)' })}`,
    default: pre.email ?? undefined,
    validate: (s) => {
      if (!s.trim()) return o.contactRequired && !phone ? t(ctx, { vi: 'Cần số điện thoại hoặc thư điện tử để báo kết quả', en: 'A phone number or an e-mail is needed to tell the citizen' }) : true;
      const r = validateEmail(s);
      return r.ok ? true : problemsText(ctx, r);
    },
  });
  return emailText.trim() ? (validateEmail(emailText) as { value: string }).value : null;
}

async function askAddress(ctx: Context, p: Prompter, pre: Partial<Person>): Promise<string | null> {
  const a = await p.input({ message: `${whoText(ctx, { role: 'applicant', contactRequired: true })}: ${t(ctx, { vi: 'địa chỉ', en: 'address' })}`, default: pre.address ?? undefined });
  return a.trim() ? cleanText(a) : null;
}
