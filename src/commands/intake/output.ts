import { type Context, t, writeOut } from '../../context.js';
import { formatStamp } from '../format.js';
import type { IntakeResult } from '../../intake/types.js';

const STATUS = { received: 'received', incomplete: 'incomplete', refused: 'refused' } as const;

/** The documented `--json` shape for one intake (docs/json-output.md). */
export function resultJson(r: IntakeResult) {
  return {
    schemaVersion: 1,
    dossier: {
      code: r.code,
      status: STATUS[r.outcome],
      procedureCode: r.procedureCode,
      procedureName: r.procedureName,
      receivedAt: r.receivedAt,
      dueAt: r.dueAt,
      applicant: r.applicant,
      applicantKind: r.applicantKind ?? 'citizen',
      organisation: r.organisation ?? null,
      ...(r.parties ? { parties: r.parties } : {}),
      missing: r.missing,
      documents: r.documents,
      possibleDuplicate: r.possibleDuplicate,
    },
    warnings: r.warnings,
  };
}

export function printHuman(ctx: Context, r: IntakeResult): void {
  const L = (vi: string, en: string) => t(ctx, { vi, en });
  const lines: string[] = [];
  if (r.outcome === 'received') {
    lines.push(`${L('Đã tiếp nhận hồ sơ', 'Dossier received')}: ${r.code}`);
    lines.push(`  ${L('Hẹn trả kết quả', 'Appointment')}: ${formatStamp(r.dueAt ?? '')}`);
  } else if (r.outcome === 'incomplete') {
    lines.push(`${L('Hồ sơ chưa đủ, đã lập Phiếu yêu cầu bổ sung', 'Dossier incomplete: supplement request issued')}: ${r.code}`);
    for (const m of r.missing) lines.push(`  - ${m.name}: ${m.reason}`);
    lines.push(`  ${L('Lần sau tiếp tục bằng', 'Next visit, resume with')}: gov-desk intake --resume ${r.code}`);
  } else {
    lines.push(`${L('Đã từ chối tiếp nhận', 'Dossier refused')}: ${r.code}`);
  }
  for (const d of r.documents) lines.push(`  Mẫu ${d.form}: ${d.path}`);
  writeOut(ctx, lines.join('\n'));
}
