import path from 'node:path';
import { type Context, t } from '../../context.js';
import { findOperator, isPersonName, operatorMissing, operatorSessionPath, profileOperators, sessionKey } from '../../config/operators.js';
import { ensureDir, writeFileAtomic } from '../../store/files.js';

/**
 * The operator for an intake. When nothing names one (no --operator, GOV_DESK_OPERATOR, session
 * choice or default) the interactive intake asks once, and remembers the answer for this session
 * (this terminal, this day) in `<home>/state/operator-session.json`; elsewhere it is exit 2.
 */
export async function intakeOperator(ctx: Context, flag: unknown, interactive: boolean): Promise<string> {
  const found = findOperator(ctx, flag);
  if (found) return found.name;
  if (!interactive) throw operatorMissing();
  const p = await ctx.prompter();
  const { operators } = profileOperators(ctx.home, ctx.env);
  const OTHER = '\u0000other';
  let name: string = OTHER;
  if (operators.length > 0) {
    name = await p.select({
      message: t(ctx, { vi: 'Cán bộ tiếp nhận (hỏi một lần trong phiên làm việc)', en: 'Who is at the desk? (asked once per session)' }),
      choices: [...operators.map((o) => ({ name: o.title ? `${o.fullName} (${o.title})` : o.fullName, value: o.fullName })), { name: t(ctx, { vi: 'Người khác…', en: 'Someone else…' }), value: OTHER }],
    });
  }
  if (name === OTHER) {
    name = (await p.input({
      message: t(ctx, { vi: 'Họ và tên cán bộ tiếp nhận', en: 'Full name of the receiving officer' }),
      validate: (s) => (isPersonName(s) ? true : t(ctx, { vi: 'Ghi đủ họ và tên (ít nhất hai chữ)', en: 'A full name (two words or more)' })),
    })).trim().normalize('NFC');
  }
  const file = operatorSessionPath(ctx.home);
  await ensureDir(path.dirname(file));
  await writeFileAtomic(file, `${JSON.stringify({ session: sessionKey(ctx.now()), name })}\n`);
  return name;
}
