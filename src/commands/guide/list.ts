import { printJson, t, writeErr, writeOut } from '../../context.js';
import { vnDate } from '../../domain/time.js';
import { foldForSearch } from '../../domain/text.js';
import { openStore } from '../../store/index.js';
import { dateFlag, checkOrder } from '../report/period.js';
import type { Handler } from '../types.js';
import { recordJson, recordLine } from './handler.js';

/** `gov-desk guide list`: the records of a day (default today) or a period, oldest first. */
export const guideListHandler: Handler = async (ctx, { opts }) => {
  const today = vnDate(ctx.now());
  const from = dateFlag(opts, 'from') ?? today;
  const to = dateFlag(opts, 'to') ?? (dateFlag(opts, 'from') ? today : from);
  checkOrder(from, to);
  const member = typeof opts.member === 'string' ? foldForSearch(opts.member) : '';
  const store = await openStore(ctx);
  const records = (await store.guidance({ from, to })).filter((r) => !member || foldForSearch(r.member).includes(member));
  if (opts.json) {
    printJson(ctx, { schemaVersion: 1, from, to, records: records.map(recordJson) });
    return 0;
  }
  for (const r of records) writeOut(ctx, recordLine(ctx, r));
  const minutes = records.reduce((a, r) => a + (r.minutes ?? 0), 0);
  writeErr(ctx, t(ctx, { vi: '{n} lượt hỗ trợ, {m} phút.', en: '{n} record(s), {m} minutes.' }, { n: records.length, m: minutes }));
  return 0;
};
