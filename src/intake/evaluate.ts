import type { ChecklistLine, ProcedureSnapshot } from '../domain/dossier/types.js';
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
 * Check the papers against the procedure: a required component, or a conditional one whose case
 * applies, must be handed in (or shown, for "present" documents). Everything missing or invalid is
 * listed at once (the "guide once" rule). Pure.
 */
export function evaluateChecklist(p: ProcedureSnapshot, a: Pick<IntakeAnswers, 'provided' | 'conditionsYes' | 'invalid'>, reasonText: (m: Msg) => string): ChecklistEvaluation {
  const provided = new Set(a.provided);
  const invalid = new Map(a.invalid.map((x) => [x.id, x.reason]));
  const lines: ChecklistLine[] = [];
  const missing: MissingItem[] = [];
  for (const c of p.components) {
    const applicable = c.required || a.conditionsYes.includes(c.id) || provided.has(c.id) || invalid.has(c.id);
    const ok = provided.has(c.id) && !invalid.has(c.id);
    lines.push({ id: c.id, applicable, provided: ok });
    if (!applicable || ok) continue;
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
