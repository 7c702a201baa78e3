import { type Context, t } from '../../context.js';
import type { Dossier } from '../../domain/dossier/types.js';
import { type GovDeskError, usageError } from '../../errors.js';
import type { Msg } from '../../i18n/index.js';
import type { Choice, Prompter } from '../../prompts.js';
import type { ReadCandidate } from '../../scan/candidates.js';
import { type ComponentCoverage, coverageOf } from '../../scan/coverage.js';
import type { AssignedFile } from '../../scan/import.js';
import { matchComponent } from '../../scan/match.js';
import { isSafeSegment } from '../../scan/store.js';

const idsOf = (d: Dossier) => d.procedure.components.map((c) => c.id);

/** `--component ID` must name a component of this dossier that is digitised (not a document only shown). */
export function validateComponent(d: Dossier, id: string): string {
  const c = d.procedure.components.find((x) => x.id === id.trim());
  if (!c || !isSafeSegment(c.id)) {
    throw usageError('SCAN_UNKNOWN_COMPONENT', { vi: 'Hồ sơ {code} không có thành phần "{id}". Các thành phần: {ids}.', en: 'Dossier {code} has no component "{id}". Components: {ids}.' }, {
      vars: { code: d.code, id: JSON.stringify(id).slice(1, -1), ids: idsOf(d).join(', ') },
    });
  }
  if (c.kind === 'present') throw presentOnly(d, c.id);
  return c.id;
}

function presentOnly(d: Dossier, id: string): GovDeskError {
  return usageError('SCAN_COMPONENT_PRESENT_ONLY', {
    vi: 'Thành phần "{id}" của hồ sơ {code} chỉ xuất trình để đối chiếu; giấy tờ này không số hóa (TT 01/2023/TT-VPCP, Điều 5 TT 03/2025/TT-VPCP).',
    en: 'Component "{id}" of dossier {code} is only shown for comparison; it is not digitised (TT 01/2023/TT-VPCP, Art. 5 TT 03/2025/TT-VPCP).',
  }, { vars: { id, code: d.code } });
}

/** Non-interactive: the component id in the file name (docs/scan-import.md). Problems are collected, one per file. */
export function assignByName(d: Dossier, files: ReadCandidate[]): { assigned: AssignedFile[]; problems: GovDeskError[] } {
  const assigned: AssignedFile[] = [];
  const problems: GovDeskError[] = [];
  const ids = idsOf(d);
  for (const f of files) {
    const m = matchComponent(f.name, ids);
    if (m.kind === 'one') {
      if (d.procedure.components.find((c) => c.id === m.id)?.kind === 'present') problems.push(presentOnly(d, m.id));
      else assigned.push({ ...f, component: m.id });
    } else if (m.kind === 'ambiguous') {
      problems.push(usageError('SCAN_AMBIGUOUS_NAME', { vi: 'Tên tệp {file} khớp nhiều thành phần: {ids}.', en: 'The file name {file} matches several components: {ids}.' }, {
        vars: { file: f.name, ids: m.ids.join(', ') },
        hint: { vi: 'Đổi tên tệp hoặc dùng --component.', en: 'Rename the file or use --component.' },
      }));
    } else {
      problems.push(usageError('SCAN_NO_COMPONENT', {
        vi: 'Không biết tệp {file} thuộc thành phần nào (tên tệp không chứa mã thành phần).',
        en: 'Cannot tell which component {file} belongs to (its name holds no component id).',
      }, {
        vars: { file: f.name, ids: ids.join(', ') },
        hint: { vi: 'Dùng --component MÃ, hoặc đặt tên tệp theo mã thành phần (ví dụ to-khai-1.jpg). Các mã: {ids}.', en: 'Use --component ID, or name the file after the component id (e.g. to-khai-1.jpg). Ids: {ids}.' },
      }));
    }
  }
  return { assigned, problems };
}

const STATE: Record<ComponentCoverage['state'], Msg> = {
  digitised: { vi: 'đã số hóa', en: 'digitised' },
  exempt: { vi: 'không phải số hóa', en: 'exempt' },
  missing: { vi: 'CÒN THIẾU', en: 'MISSING' },
};

export function stateText(ctx: Pick<Context, 'lang'>, c: Pick<ComponentCoverage, 'state'>): string {
  return t(ctx, STATE[c.state]);
}

/** The checklist with what is still to be digitised (shown before the questions). */
export function checklistLines(ctx: Pick<Context, 'lang'>, d: Dossier): string[] {
  const cov = coverageOf(d);
  return cov.components.map((c) => `  ${c.state === 'digitised' ? '[x]' : c.state === 'missing' ? '[ ]' : '(–)'} ${c.id}  ${c.name} · ${stateText(ctx, c)}${c.files ? ` (${c.files})` : ''}`);
}

/** Interactive: ask the component of each file; the file-name match is the default answer. */
export async function assignInteractive(ctx: Context, prompter: Prompter, d: Dossier, files: ReadCandidate[]): Promise<AssignedFile[]> {
  const cov = coverageOf(d);
  const L = (vi: string, en: string) => t(ctx, { vi, en });
  const choices: Choice<string | null>[] = cov.components
    .filter((c) => c.kind === 'submit')
    .sort((a, b) => Number(b.state === 'missing') - Number(a.state === 'missing'))
    .map((c) => ({ name: `${c.id} · ${c.name} (${stateText(ctx, c)})`, value: c.id }));
  choices.push({ name: L('— bỏ qua tệp này —', '— skip this file —'), value: null });
  const out: AssignedFile[] = [];
  for (const f of files) {
    const m = matchComponent(f.name, idsOf(d));
    // a file whose name names no component is not pre-assigned: Enter skips it rather than
    // filing it under the first missing component
    const guess = m.kind === 'one' && choices.some((c) => c.value === m.id) ? m.id : null;
    const pages = f.checked.pages === 1 ? L('1 trang', '1 page') : L(`${f.checked.pages} trang`, `${f.checked.pages} pages`);
    const id = await prompter.select<string | null>({
      message: L(`Tệp ${f.name} (${f.checked.type.toUpperCase()}, ${pages}) là thành phần nào?`, `Which component is ${f.name} (${f.checked.type.toUpperCase()}, ${pages})?`),
      choices,
      default: guess,
      pageSize: 12,
    });
    if (id !== null) out.push({ ...f, component: id });
  }
  return out;
}
