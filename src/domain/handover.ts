/**
 * The rows of the control slip (Mẫu 05, Phiếu kiểm soát quá trình giải quyết hồ sơ) from a
 * dossier's events: one row per hand-over (counter → department, department → department,
 * department → counter). Pure.
 *
 * Events read (data shapes recorded by `route` and `result`):
 * - `routed` `{to, toName, note?}`: handed over by `event.operator` at `event.at`;
 * - `handover-accepted` `{department, by}`: received by `by` at `event.at`;
 * - `returned-to-counter` `{from, note?}`: handed back to the counter at `event.at` by the person
 *   who recorded it (`event.operator`, the department's officer); who received it at the counter
 *   is not recorded (left blank to sign by hand);
 * - `result-recorded` and `result-returned`: end the last step.
 *
 * Each step (row) ends when the dossier is handed on (the next row), else when the result is
 * recorded (a step held by a department) or returned to the applicant (a step held by the
 * counter). Its judgement is {@link judgeDossierAt} at that instant: the due time in force (the
 * receipt's, moved by a supplement; see timing.ts), late after it. A step not ended yet has none.
 */
import type { Dossier, DossierEvent } from './dossier/types.js';
import { type DueOptions, judgeDossierAt, type Timing } from './timing.js';

export interface HandoverRow {
  /** Who hands the dossier over (TÊN CƠ QUAN, "1. Giao"). */
  from: string;
  /** Who receives it ("2. Nhận"). */
  to: string;
  /** Department id of the receiver, or null for the counter. */
  toId: string | null;
  /** ISO +07:00. */
  handedAt: string;
  handedBy: string | null;
  receivedAt: string | null;
  receivedBy: string | null;
  /** When this step ended (see the module note), or null while it is open. */
  finishedAt: string | null;
  /** KẾT QUẢ GIẢI QUYẾT HỒ SƠ: null while the step is open. */
  timing: Timing | null;
  note: string | null;
}

export interface HandoverOptions extends DueOptions {
  /** The counter as named on the slip (default "Bộ phận tiếp nhận và trả kết quả"). */
  counterName?: string;
  /** Department id → name, for ids whose name no event carries. */
  departmentNames?: Record<string, string>;
}

export const DEFAULT_COUNTER_NAME = 'Bộ phận tiếp nhận và trả kết quả';

type Draft = Omit<HandoverRow, 'finishedAt' | 'timing'>;

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

export function controlSlipRows(d: Dossier, o: HandoverOptions = {}): HandoverRow[] {
  const counter = o.counterName ?? DEFAULT_COUNTER_NAME;
  const names = new Map<string, string>(Object.entries(o.departmentNames ?? {}));
  const nameOf = (id: string): string => names.get(id) ?? id;
  const rows: Draft[] = [];
  let holder: string | null = null; // department id, null = counter
  let recorded: DossierEvent | undefined;
  let returned: DossierEvent | undefined;
  for (const e of d.events) {
    const data = (e.data ?? {}) as Record<string, unknown>;
    switch (e.type) {
      case 'routed': {
        const to = str(data.to) ?? '';
        const toName = str(data.toName);
        if (toName) names.set(to, toName);
        rows.push({
          from: holder === null ? counter : nameOf(holder), to: nameOf(to), toId: to,
          handedAt: e.at, handedBy: e.operator || null, receivedAt: null, receivedBy: null, note: str(data.note),
        });
        holder = to;
        break;
      }
      case 'handover-accepted': {
        const dept = str(data.department);
        const row = [...rows].reverse().find((r) => r.receivedAt === null && r.toId !== null && (dept === null || r.toId === dept));
        if (row) {
          row.receivedAt = e.at;
          row.receivedBy = str(data.by) ?? (e.operator || null);
        }
        break;
      }
      case 'returned-to-counter': {
        const from = str(data.from) ?? holder;
        rows.push({
          from: from === null ? counter : nameOf(from), to: counter, toId: null,
          handedAt: e.at, handedBy: e.operator || null, receivedAt: e.at, receivedBy: null, note: str(data.note),
        });
        holder = null;
        break;
      }
      case 'result-recorded':
        recorded ??= e;
        break;
      case 'result-returned':
        returned ??= e;
        break;
      default:
        break;
    }
  }
  return rows.map((r, i) => {
    const next = rows[i + 1];
    let end: DossierEvent | { at: string } | undefined = next ? { at: next.handedAt } : undefined;
    if (!end) {
      const after = (e: DossierEvent | undefined): DossierEvent | undefined => (e && Date.parse(e.at) >= Date.parse(r.handedAt) ? e : undefined);
      end = r.toId !== null ? (after(recorded) ?? after(returned)) : after(returned);
    }
    const finishedAt = end?.at ?? null;
    return { ...r, finishedAt, timing: finishedAt === null ? null : judgeDossierAt(d, new Date(finishedAt), o) };
  });
}
