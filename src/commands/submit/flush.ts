import { type Context, printNdjson, writeErr } from '../../context.js';
import type { Profile } from '../../config/profile.js';
import { type FlushResult, flushPortalOutbox } from '../../portal/sender.js';
import { openPortal } from '../../portal/session.js';
import type { Store } from '../../store/port.js';
import { describeResult } from './handler.js';

/** Flush the portal outbox with a spinner on a terminal, or NDJSON lines with --json. */
export async function flushWithProgress(ctx: Context, store: Store, profile: Profile, o: { codes?: string[]; json: boolean; concurrency: number; quiet?: boolean }): Promise<FlushResult[]> {
  let done = 0;
  let spinner: import('ora').Ora | undefined;
  // the client first: a configuration error must not leave a spinner running
  const client = openPortal(ctx, profile, (info) => {
    if (spinner) spinner.text = `${done} · ${info.error.code} → ${Math.round(info.delayMs)} ms`;
  });
  spinner = !o.json && !o.quiet && ctx.stderr.isTTY ? (await import('ora')).default({ stream: ctx.stderr, text: '…' }).start() : undefined;
  try {
    const results = await flushPortalOutbox(store, client, profile, {
      ...(o.codes ? { codes: o.codes } : {}),
      concurrency: o.concurrency,
      now: ctx.now,
      onResult: (r) => {
        done++;
        if (spinner) spinner.text = `${done}`;
        if (o.json) {
          const { text: _people, ...doc } = r; // the message in both languages is for people only
          printNdjson(ctx, { schemaVersion: 1, ...doc });
        }
        else if (!o.quiet && r.outcome !== 'accepted') writeErr(ctx, describeResult(ctx, r));
      },
    });
    spinner?.succeed(`${results.length} ${ctx.lang === 'vi' ? 'mục đã xử lý' : 'entries processed'}`);
    return results;
  } catch (e) {
    spinner?.fail();
    throw e;
  }
}
