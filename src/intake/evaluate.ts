import type { ChecklistLine, ComponentSnapshot, ProcedureSnapshot } from '../domain/dossier/types.js';
import type { Msg } from '../i18n/index.js';
import type { IntakeAnswers, MissingItem } from './types.js';

export interface ChecklistEvaluation {
  lines: ChecklistLine[];
  missing: MissingItem[];
  complete: boolean;
}

export const MISSING_REASON: Msg = { vi: 'Chưa có trong hồ sơ', en: 'Not in the dossier' };
export const NOT_SHOWN_REASON: Msg = { vi: 'Chưa xuất trình bản chính để đối chiếu', en: 'Original not shown for comparison' };
/**
 * "Giấy tờ chứng minh quan hệ cha, mẹ, con (một trong các giấy tờ): A; hoặc B" — one line of
 * Mẫu 02. Vietnamese whatever the UI language: it is the paper's name on the form, like the names.
 */
export function groupLabel(name: string, members: readonly Pick<ComponentSnapshot, 'name'>[]): string {
  return `${name} (một trong các giấy tờ): ${members.map((m) => m.name).join('; hoặc ')}`;
}

/**
 * Check the papers against the procedure: a required component, or a conditional one whose case
 * applies, must be handed in (or shown, for "present" documents). A "one of" group is satisfied by
 * any one of its members; without any of them the dossier is incomplete, with one line for the
 * group. Everything missing or invalid is listed at once (the "guide once" rule). Pure.
 */
export function evaluateChecklist(p: ProcedureSnapshot, a: Pick<IntakeAnswers, 'provided' | 'conditionsYes' | 'invalid'>, reasonText: (m: Msg) => string): ChecklistEvaluation {
  const provided = new Set(a.provided);
  const invalid = new Map(a.invalid.map((x) => [x.id, x.reason]));
  const ok = (id: string) => provided.has(id) && !invalid.has(id);
  const groups = new Map((p.groups ?? []).map((g) => [g.id, g]));
  const grouped = (c: ComponentSnapshot) => (c.group !== undefined && groups.has(c.group) ? c.group : null);
  const satisfied = new Set(p.components.filter((c) => grouped(c) !== null && ok(c.id)).map((c) => c.group!));
  const lines: ChecklistLine[] = [];
  const missing: MissingItem[] = [];
  const reported = new Set<string>();
  for (const c of p.components) {
    const g = grouped(c);
    if (g !== null) {
      // a member not needed because another member is there is not applicable
      lines.push({ id: c.id, applicable: ok(c.id) || invalid.has(c.id) || !satisfied.has(g), provided: ok(c.id) });
      if (satisfied.has(g) || reported.has(g)) continue;
      reported.add(g);
      const members = p.components.filter((m) => m.group === g);
      const reasons = members.filter((m) => invalid.has(m.id)).map((m) => `${m.name}: ${invalid.get(m.id)}`);
      const same = <T>(f: (m: ComponentSnapshot) => T): T | null => (members.every((m) => f(m) === f(c)) ? f(c) : null);
      missing.push({ id: g, name: groupLabel(groups.get(g)!.name, members), kind: 'submit', copy: same((m) => m.copy), quantity: same((m) => m.quantity), reason: reasons.join('; ') || reasonText(MISSING_REASON) });
      continue;
    }
    const applicable = c.required || a.conditionsYes.includes(c.id) || provided.has(c.id) || invalid.has(c.id);
    lines.push({ id: c.id, applicable, provided: ok(c.id) });
    if (!applicable || ok(c.id)) continue;
    missing.push({
      id: c.id,
      name: c.name,
      kind: c.kind,
      copy: c.copy,
      quantity: c.quantity,
      reason: invalid.get(c.id) ?? reasonText(c.kind === 'present' ? NOT_SHOWN_REASON : MISSING_REASON),
    });
  }
  return { lines, missing, complete: missing.length === 0 };
}

/** Component ids a script may pass that do not exist in the procedure. */
export function unknownComponentIds(p: ProcedureSnapshot, ids: readonly string[]): string[] {
  const known = new Set(p.components.map((c) => c.id));
  return ids.filter((id) => !known.has(id));
}
