/** `gov-desk catalog print CODE`: the "what to bring" sheet of a procedure (issue 17). */
import path from 'node:path';
import type { Component, Procedure } from '../../catalog/schema.js';
import { resolveProcedure } from '../../catalog/resolve.js';
import { UNCONFIRMED_MARK } from '../../catalog/captions.js';
import { onlineOnly } from '../../intake/channel.js';
import { NATIONAL_PORTAL, type Profile, requireProfile } from '../../config/profile.js';
import { printJson, writeOut } from '../../context.js';
import { usageError } from '../../errors.js';
import { agencyModel, copyText } from '../../intake/documents.js';
import { ensureDir, writeFileAtomic } from '../../store/files.js';
import type { Handler } from '../types.js';
import { feeText, timeText } from '../intake/catalog-port.js';
import type { WhatToBringModel } from '../../documents/what-to-bring.js';
import { pad2 } from '../../documents/format.js';

const CHANNEL_VI: Record<string, string> = { 'in-person': 'trực tiếp', online: 'trực tuyến', postal: 'qua bưu chính' };

const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);

/** One paper as the citizen reads it: what, original or copy, how many, when. */
export function paperLine(c: Component, groupName: string | undefined): string {
  const copy = copyText(c.copy)?.toLocaleLowerCase('vi');
  const count = c.quantity !== null ? `${pad2(c.quantity)} bản` : null;
  const how = c.kind === 'present' ? `mang ${copy ?? 'bản chính'} để đối chiếu, không nộp` : [copy, count].filter(Boolean).join(': ');
  const when = [
    groupName ? `một trong các giấy tờ: ${groupName}` : null,
    c.condition && !c.required ? `nếu ${lowerFirst(c.condition.replace(/^(nếu|trường hợp)\s+/i, ''))}` : null,
    c.channels ? `chỉ khi nộp ${c.channels.map((ch) => CHANNEL_VI[ch] ?? ch).join(', ')}` : null,
  ].filter(Boolean).join('; ');
  return `${c.name}${how ? ` (${how})` : ''}${when ? ` – ${when}` : ''}`;
}

export function whatToBringModel(p: Procedure, profile: Profile, now: Date): WhatToBringModel {
  const groupName = (c: Component) => (c.group ? p.groups?.find((g) => g.id === c.group)?.name : undefined);
  // online only (Chỉ thị 24/CT-TTg): the papers of the paper channels no longer apply
  const paperless = onlineOnly(p, now);
  const applies = (c: Component) => !paperless || !c.channels || c.channels.includes('online');
  const cases = p.variants.length ? [...p.variants.map((v) => ({ id: v.id as string | null, name: `Trường hợp: ${v.name}` })), { id: null, name: 'Mọi trường hợp' }] : [{ id: null, name: null as string | null }];
  const papers = cases.map((g) => ({
    heading: g.name,
    items: p.components.filter((c) => applies(c) && (g.id === null ? !c.variants : c.variants?.includes(g.id))).map((c) => paperLine({ ...c, channels: paperless ? null : c.channels }, groupName(c))),
  }));
  const portal = profile.onlinePortal ?? NATIONAL_PORTAL;
  const online: string[] = [];
  if (p.channels?.includes('online')) {
    online.push(`Nộp trên ${portal.name}: ${portal.url}, đăng nhập bằng tài khoản định danh điện tử VNeID mức 2.`);
    if (p.onlineLevel) online.push(p.onlineLevel === 'toàn trình' ? 'Dịch vụ công trực tuyến toàn trình: nộp, theo dõi và nhận kết quả trực tuyến hoặc qua bưu chính, không phải đến Trung tâm.' : 'Dịch vụ công trực tuyến một phần: nộp trực tuyến, có bước phải đến Trung tâm (nhận kết quả hoặc xuất trình bản chính).');
    if (p.paperAllowed === false) online.push('Từ 01/10/2025 thủ tục này chỉ nhận hồ sơ trực tuyến (Chỉ thị 24/CT-TTg); tại Trung tâm, Tổ công nghệ số cộng đồng hướng dẫn hoặc giúp nộp.');
    online.push('Chưa có VNeID mức 2: đăng ký tại Công an cấp xã, mang thẻ căn cước.');
  } else online.push('Danh mục chưa ghi thủ tục này nộp trực tuyến được: nộp trực tiếp tại Trung tâm.');
  const hours = profile.counterHours.sessions.map((s) => `${s.open}–${s.close}`).join(', ');
  const fee = [feeText(p), ...p.fee.exemptions.map((x) => `Miễn: ${x}`)];
  if (p.fee.amounts.length === 0 && p.fee.label === null) fee.splice(0, 1, 'Danh mục không ghi phí, lệ phí.');
  return {
    agency: agencyModel(profile, now),
    date: now,
    procedureCode: p.code,
    procedureName: p.name,
    papers,
    conditions: p.conditions,
    // a bare number of the record (unit UNCONFIRMED) is said so in words, not with the operators' mark
    time: timeText(p, 'vi').split(UNCONFIRMED_MARK).join('(Cổng DVCQG không ghi rõ đơn vị; hỏi cán bộ)'),
    fee,
    online,
    counter: [`${profile.commune.centreName}, ${profile.commune.address}.`, `Giờ làm việc: ${hours}, các ngày làm việc. Điện thoại: ${profile.commune.phone}.`],
    pageUrl: p.source.url,
  };
}

export const printHandler: Handler = async (ctx, { args, opts }) => {
  const { loadCatalog } = await import('../../catalog/loader.js');
  const catalog = await loadCatalog({ home: ctx.home });
  const r = resolveProcedure(catalog, args.join(' '));
  if (!r.ok) throw usageError('PROCEDURE_UNKNOWN', r.message);
  const p = catalog.require(r.value);
  const profile = await requireProfile(ctx);
  const model = whatToBringModel(p, profile, ctx.now());
  const { renderWhatToBring } = await import('../../documents/what-to-bring.js');
  const pdf = await renderWhatToBring(model);
  const file = typeof opts.out === 'string' ? path.resolve(ctx.cwd, opts.out) : path.join(ctx.home, 'documents', 'huong-dan', `giay-to-can-mang-${p.code}.pdf`);
  await ensureDir(path.dirname(file));
  await writeFileAtomic(file, pdf);
  if (opts.json) printJson(ctx, { schemaVersion: 1, procedure: p.code, path: file, pageUrl: model.pageUrl });
  else writeOut(ctx, file);
  if ((opts.printer !== undefined && opts.printer !== false) || opts.open) {
    const { sendOut } = await import('../../print/send.js');
    await sendOut(ctx, file, { printer: opts.printer, open: opts.open });
  }
  return 0;
};
