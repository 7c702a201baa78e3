/**
 * The choices the guidance desk remembers for this session (this terminal, this day, as the
 * operator's session of src/config/operators.ts): the kinds ticked, the procedure and the minutes of
 * the last citizen, offered first to the next one. `<home>/state/guide-session.json`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sessionKey } from '../../config/operators.js';
import { GUIDANCE_KINDS, type GuidanceKind } from '../../domain/guidance/types.js';
import { ensureDir, writeFileAtomic } from '../../store/files.js';

export interface GuideSession {
  kinds: GuidanceKind[];
  procedure: string | null;
  minutes: number | null;
}

const file = (home: string) => path.join(home, 'state', 'guide-session.json');

export function readGuideSession(home: string, now: Date): GuideSession | undefined {
  try {
    const s = JSON.parse(readFileSync(file(home), 'utf8')) as Partial<GuideSession> & { session?: unknown };
    if (s.session !== sessionKey(now)) return undefined;
    return {
      kinds: Array.isArray(s.kinds) ? GUIDANCE_KINDS.filter((k) => s.kinds!.includes(k)) : [],
      procedure: typeof s.procedure === 'string' ? s.procedure : null,
      minutes: typeof s.minutes === 'number' ? s.minutes : null,
    };
  } catch {
    return undefined;
  }
}

export async function writeGuideSession(home: string, now: Date, s: GuideSession): Promise<void> {
  await ensureDir(path.dirname(file(home)));
  await writeFileAtomic(file(home), `${JSON.stringify({ session: sessionKey(now), ...s })}\n`);
}
