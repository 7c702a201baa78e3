import { printJson, t, writeErr, writeOut } from '../../context.js';
import { terminalSafe as safe } from '../../domain/text.js';
import { toVnIso } from '../../domain/time.js';
import { usageError } from '../../errors.js';
import type { Lang } from '../../i18n/index.js';
import type { PortalOutboxEntry } from '../../portal/outbox.js';
import { lastErrorShown, outboxErrorText } from '../../portal/outbox-error.js';
import { openStore } from '../../store/index.js';
import { formatStamp, outboxStatusText, pad } from '../format.js';
import type { Handler } from '../types.js';

function view(e: PortalOutboxEntry, lang: Lang) {
  const error = e.error ? { code: e.error.code, message: outboxErrorText(e.error, lang) } : null;
  return { id: e.id, op: e.op, code: e.code, status: e.status, attempts: e.attempts, lastError: e.lastError, error, nextAttemptAt: e.nextAttemptAt, createdAt: e.createdAt, updatedAt: e.updatedAt };
}

export const outboxHandler: Handler = async (ctx, { args, opts }) => {
  const action = (args[0] ?? 'list').trim();
  if (action === 'list') {
    const store = await openStore(ctx);
    const entries = (await store.outbox('portal')).filter((e) => opts.all || (e.status !== 'sent' && e.status !== 'cancelled'));
    if (opts.json) {
      printJson(ctx, { schemaVersion: 1, count: entries.length, entries: entries.map((e) => view(e, ctx.lang)) });
      return 0;
    }
    if (entries.length === 0) {
      writeErr(ctx, t(ctx, { vi: 'Hàng đợi trống.', en: 'The outbox is empty.' }));
      return 0;
    }
    const shown = (e: PortalOutboxEntry) => lastErrorShown(e, ctx.lang);
    const lines = entries.map((e) => `${pad(t(ctx, outboxStatusText(e.status)), 16)} ${pad(String(e.attempts), 3)} ${pad(e.nextAttemptAt ? formatStamp(e.nextAttemptAt) : '', 16)}  ${safe(e.id)}${shown(e) ? `\n${' '.repeat(38)}${safe(shown(e)!)}` : ''}`);
    const head = `${pad(t(ctx, { vi: 'Trạng thái', en: 'Status' }), 16)} ${pad(t(ctx, { vi: 'Lần', en: 'Try' }), 3)} ${pad(t(ctx, { vi: 'Thử lại lúc', en: 'Next attempt' }), 16)}  ${t(ctx, { vi: 'Mã mục', en: 'Entry id' })}`;
    writeOut(ctx, [head, ...lines].join('\n'));
    return 0;
  }
  if (action !== 'retry' && action !== 'cancel') {
    throw usageError('USAGE', { vi: 'Việc không hợp lệ "{a}": list, retry hoặc cancel.', en: 'Unknown action "{a}": list, retry or cancel.' }, { vars: { a: action } });
  }
  const id = (args[1] ?? '').trim();
  if (!id) throw usageError('USAGE', { vi: 'Cần mã mục (xem `gov-desk outbox`).', en: 'An entry id is needed (see `gov-desk outbox`).' });
  const store = await openStore(ctx);
  const entry = await store.tx(async (tx) => {
    const [found] = await tx.outbox('portal', { ids: [id] });
    if (!found) throw usageError('OUTBOX_UNKNOWN', { vi: 'Không có mục {id} trong hàng đợi.', en: 'No outbox entry {id}.' }, { vars: { id } });
    if (found.status === 'sent') throw usageError('OUTBOX_DONE', { vi: 'Mục {id} đã gửi xong.', en: 'Entry {id} was already sent.' }, { vars: { id } });
    if (found.status === 'sending' && action === 'cancel') throw usageError('OUTBOX_BUSY', { vi: 'Mục {id} đang được gửi; thử lại sau.', en: 'Entry {id} is being sent; try again later.' }, { vars: { id } });
    const e: PortalOutboxEntry = { ...found, status: action === 'retry' ? 'queued' : 'cancelled', nextAttemptAt: null, updatedAt: toVnIso(ctx.now()) };
    await tx.putOutbox(e);
    return e;
  });
  if (opts.json) printJson(ctx, { schemaVersion: 1, entry: view(entry, ctx.lang) });
  else writeOut(ctx, `${entry.id}: ${t(ctx, outboxStatusText(entry.status))}`);
  return 0;
};
