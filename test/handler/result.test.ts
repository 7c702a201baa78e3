import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { resultHandler } from '../../src/commands/result/handler.js';
import type { Dossier } from '../../src/domain/dossier/types.js';
import { postalPrice } from '../../src/domain/postal.js';
import { fromVn } from '../../src/domain/time.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { fakeContext, runInProcess, tempHome } from '../helpers/context.js';
import { makePdf } from '../helpers/scan-files.js';
import { allText, pdfText } from '../helpers/pdf-text.js';

// Fictitious people. 1.001193 takes one working day: received Monday 2/3/2026 09:00, due Tuesday 3/3 09:00.
const MON_0900 = fromVn('2026-03-02', 9, 0);
const APPLICANT_ID = '060190001234';
const OTHER_ID = '079085001122'; // valid, someone else
const APPLICANT = ['--name', 'Nguyễn Thị Hường', '--id-number', APPLICANT_ID, '--birth-date', '12/05/1990', '--phone', '0912345678', '--address', 'Thôn 1, xã Suối Kiết'];

let home: string;
const env = { GOV_DESK_LANG: 'en', GOV_DESK_OPERATOR: 'Trần Văn Đức' };
const run = (args: string[], now: Date) => runInProcess(args, { home, now: () => now, env, cwd: home });
const activeFile = () => readFileSync(path.join(home, 'db', 'active.json'), 'utf8');
const find = async (code: string) => (await new EmbeddedStore(home, 'test').getDossier(code))!;
const load = async (code: string): Promise<Dossier> => (await find(code)).dossier;
const json = (s: string) => JSON.parse(s) as Record<string, unknown>;

async function receive(extra: string[] = []): Promise<string> {
  const r = await run(['intake', '--procedure', '1.001193', ...APPLICANT, '--all-components', '--allow-duplicate', ...extra, '--no-input', '--json'], MON_0900);
  expect(r.code, r.stderr).toBe(0);
  return String((json(r.stdout).dossier as { code: string }).code);
}

async function approved(code: string, at = fromVn('2026-03-02', 15, 0)): Promise<void> {
  const r = await run(['result', code, '--approved', '--decided-at-counter'], at);
  expect(r.code, r.stderr).toBe(0);
}

async function refusedWith(args: string[], opts: Record<string, unknown>, now: Date, code: string, exit: number): Promise<void> {
  const before = activeFile();
  const ctx = fakeContext({ home, now: () => now, env, cwd: home });
  await expect(resultHandler(ctx, { args, opts })).rejects.toMatchObject({ code, exitCode: exit });
  expect(activeFile()).toBe(before);
}

beforeEach(async () => {
  home = tempHome();
  expect((await run(['init', '--example', '--no-input'], MON_0900)).code).toBe(0);
});

describe('result --approved / --refused', () => {
  it('records the decision with the result document, copied read-only into the attachments', async () => {
    const code = await receive();
    await run(['route', code], fromVn('2026-03-02', 9, 10));
    const pdf = await makePdf(1, 'Giay khai sinh');
    writeFileSync(path.join(home, 'ket-qua.pdf'), pdf);
    const r = await run(['result', code, '--approved', '--decided-at-counter', '--document', 'ket-qua.pdf', '--note', 'Đã ký'.normalize('NFD'), '--json'], fromVn('2026-03-02', 15, 0));
    expect(r.code, r.stderr).toBe(0);
    const out = json(r.stdout) as { documents: { path: string; name: string; sha256: string; pages: number }[] };
    expect(out).toMatchObject({ schemaVersion: 1, code, action: 'result', decision: 'approved', applied: true, timing: 'early', status: 'done' });
    const doc = out.documents[0]!;
    expect(doc).toMatchObject({ name: 'ket-qua.pdf', sha256: createHash('sha256').update(pdf).digest('hex'), pages: 1 });
    const abs = path.join(home, doc.path);
    expect(readFileSync(abs).equals(pdf)).toBe(true);
    if (process.platform !== 'win32') expect(statSync(abs).mode & 0o222).toBe(0);
    expect((await load(code)).events.at(-1)).toMatchObject({ type: 'result-recorded', at: '2026-03-02T15:00:00+07:00', operator: 'Trần Văn Đức', data: { decision: 'approved', timing: 'early', note: 'Đã ký', documents: [doc] } });
  });

  it('judges the decision early, on time or late by the clock when it is recorded', async () => {
    for (const [at, timing] of [[fromVn('2026-03-02', 16, 0), 'early'], [fromVn('2026-03-03', 8, 59), 'on-time'], [fromVn('2026-03-03', 9, 30), 'late']] as const) {
      const code = await receive();
      const r = await run(['result', code, '--approved', '--decided-at-counter', '--json'], at);
      expect(r.code, r.stderr).toBe(0);
      expect(json(r.stdout).timing, at.toISOString()).toBe(timing);
      expect((await load(code)).events.at(-1)!.data).toMatchObject({ timing });
    }
  });

  it('a second --approved is a no-op (exit 0, nothing added)', async () => {
    const code = await receive();
    await approved(code);
    const n = (await load(code)).events.length;
    const again = await run(['result', code, '--approved', '--decided-at-counter', '--json'], fromVn('2026-03-02', 16, 0));
    expect(again.code).toBe(0);
    expect(json(again.stdout)).toMatchObject({ applied: false, status: 'done' });
    expect((await load(code)).events).toHaveLength(n);
  });

  it('--refused records the reason; the refusal is then returned like any result', async () => {
    const code = await receive();
    const r = await run(['result', code, '--decided-at-counter', '--refused', 'Không đủ điều kiện theo quy định', '--json'], fromVn('2026-03-03', 8, 0));
    expect(r.code, r.stderr).toBe(0);
    expect(json(r.stdout)).toMatchObject({ decision: 'refused', applied: true, timing: 'on-time', status: 'done' });
    expect((await load(code)).events.at(-1)!.data).toMatchObject({ decision: 'refused', reason: 'Không đủ điều kiện theo quy định' });
    expect((await run(['result', code, '--return', 'counter', '--collector-id', APPLICANT_ID], fromVn('2026-03-03', 8, 30))).code).toBe(0);
  });

  it('a decision the status does not allow copies no document', async () => {
    const code = await receive();
    await run(['route', code, '--request-supplement', 'Giấy chứng sinh bị mờ', '--components', 'giay-chung-sinh'], fromVn('2026-03-02', 10, 0));
    writeFileSync(path.join(home, 'ket-qua.pdf'), await makePdf(1, 'Giay khai sinh'));
    await refusedWith([code], { approved: true, document: ['ket-qua.pdf'] }, fromVn('2026-03-02', 15, 0), 'TRANSITION_NOT_ALLOWED', 2);
    await refusedWith(['000.00.00.H99-260302-0099'], { approved: true, document: ['ket-qua.pdf'] }, fromVn('2026-03-02', 15, 0), 'DOSSIER_NOT_OPEN', 2);
    expect(existsSync(path.join(home, 'attachments', code, 'result'))).toBe(false);
    expect(existsSync(path.join(home, 'attachments', '000.00.00.H99-260302-0099'))).toBe(false);
  });

  it('usage errors: no decision, two decisions, an empty reason, a missing document', async () => {
    const code = await receive();
    const before = activeFile();
    for (const args of [[], ['--approved', '--refused', 'x'], ['--refused', '  '], ['--approved', '--document', 'nope.pdf']]) {
      expect((await run(['result', code, ...args], fromVn('2026-03-02', 15, 0))).code, args.join(' ')).toBe(2);
    }
    expect(activeFile()).toBe(before);
  });
});

describe('result --return', () => {
  it('returning again is a no-op although the dossier is archived', async () => {
    const code = await receive();
    await approved(code);
    const first = await run(['result', code, '--return', 'counter', '--collector-id', APPLICANT_ID, '--json'], fromVn('2026-03-03', 8, 30));
    expect(first.code, first.stderr).toBe(0);
    const archived = JSON.stringify(await load(code));
    for (const args of [['--return', 'counter', '--collector-id', APPLICANT_ID], ['--return', 'post', '--tracking', 'EL1', '--yes'], ['--approved']]) {
      const again = await run(['result', code, ...args, '--json'], fromVn('2026-03-03', 9, 0));
      expect(again.code, again.stderr).toBe(0);
      expect(json(again.stdout)).toMatchObject({ applied: false, status: 'returned' });
    }
    expect(json((await run(['result', code, '--return', 'counter', '--collector-id', APPLICANT_ID, '--json'], fromVn('2026-03-03', 9, 0))).stdout)).toMatchObject({ timing: 'on-time', collectorId: APPLICANT_ID });
    expect(JSON.stringify(await load(code))).toBe(archived);
  });

  it('at the counter to the applicant: on-time judgement recorded, dossier archived, show still finds it', async () => {
    const code = await receive();
    await approved(code);
    const r = await run(['result', code, '--return', 'counter', '--collector-id', APPLICANT_ID, '--json'], fromVn('2026-03-03', 8, 30));
    expect(r.code, r.stderr).toBe(0);
    expect(json(r.stdout)).toMatchObject({ action: 'return', applied: true, status: 'returned', method: 'counter', timing: 'on-time', collectorId: APPLICANT_ID, authorised: false });
    expect(JSON.parse(activeFile()).dossiers[code]).toBeUndefined();
    const found = await find(code);
    expect(found.archived).toBe(true);
    expect(found.dossier.events.at(-1)).toMatchObject({ type: 'result-returned', at: '2026-03-03T08:30:00+07:00' });
    const show = await run(['show', code, '--json'], fromVn('2026-03-03', 9, 0));
    expect(show.code, show.stderr).toBe(0);
    expect(json(show.stdout).dossier).toMatchObject({ code, status: 'returned', archived: true, portalStatus: 10 });
  });

  it('judges early, on time and late by the clock at the return', async () => {
    const cases: [Date, string][] = [
      [fromVn('2026-03-02', 16, 0), 'early'],
      [fromVn('2026-03-03', 9, 0), 'on-time'], // the due minute itself
      [fromVn('2026-03-03', 9, 1), 'late'],
      [fromVn('2026-03-05', 10, 0), 'late'],
    ];
    for (const [at, timing] of cases) {
      const code = await receive();
      await approved(code, fromVn('2026-03-02', 15, 0));
      const r = await run(['result', code, '--return', 'counter', '--collector-id', APPLICANT_ID, '--json'], at);
      expect(r.code, r.stderr).toBe(0);
      expect(json(r.stdout).timing, at.toISOString()).toBe(timing);
      expect((await load(code)).events.at(-1)!.data).toMatchObject({ timing });
    }
  });

  it('someone else needs a checked authorisation; an invalid number is a usage error', async () => {
    const code = await receive();
    await approved(code);
    const at = fromVn('2026-03-03', 8, 30);
    expect((await run(['result', code, '--return', 'counter', '--collector-id', OTHER_ID], at)).code).toBe(1);
    await refusedWith([code], { return: 'counter', collectorId: OTHER_ID }, at, 'RETURN_COLLECTOR_MISMATCH', 1);
    expect((await run(['result', code, '--return', 'counter', '--collector-id', '06019000123'], at)).code).toBe(2);
    await refusedWith([code], { return: 'counter', collectorId: '999190001234' }, at, 'INVALID_INPUT', 2);
    await refusedWith([code], { return: 'counter' }, at, 'MISSING_VALUE', 2);
    await refusedWith([code], { return: 'desk' }, at, 'USAGE', 2);
    const ok = await run(['result', code, '--return', 'counter', '--collector-id', OTHER_ID, '--authorised', '--json'], at);
    expect(ok.code, ok.stderr).toBe(0);
    expect(json(ok.stdout)).toMatchObject({ collectorId: OTHER_ID, authorised: true, status: 'returned' });
  });

  it('the representative may collect without an authorisation', async () => {
    const code = await receive(['--rep-name', 'Lê Văn Bình', '--rep-id-number', OTHER_ID, '--rep-birth-date', '01/01/1985', '--rep-phone', '0987654321']);
    await approved(code);
    const r = await run(['result', code, '--return', 'counter', '--collector-id', OTHER_ID, '--json'], fromVn('2026-03-03', 8, 30));
    expect(r.code, r.stderr).toBe(0);
    expect(json(r.stdout)).toMatchObject({ authorised: false, status: 'returned' });
  });

  it('by post: the TT 22/2017 return price and the expected delivery are recorded', async () => {
    const code = await receive();
    await approved(code);
    const r = await run(['result', code, '--return', 'post', '--tracking', 'EL123456789VN', '--weight-grams', '300', '--yes', '--change-delivery', '--json'], fromVn('2026-03-03', 8, 30));
    expect(r.code, r.stderr).toBe(0);
    const price = postalPrice({ direction: 'return', zone: 'same-district', weightGrams: 300 });
    expect(price.priceVnd).toBe(29_200);
    // three working days after Tuesday 3/3, same clock time
    const expected = { method: 'post', tracking: 'EL123456789VN', zone: 'same-district', weightGrams: 300, postageVnd: price.priceVnd, expectedDeliveryAt: '2026-03-06T08:30:00+07:00', timing: 'on-time' };
    expect(json(r.stdout)).toMatchObject({ status: 'returned', ...expected });
    expect(r.stderr).toContain('29.200');
    // the line reads cleanly: a ceiling, no "29.200 = 29.200" sum, no district after 1/7/2025
    expect(r.stderr).toContain('at most 29.200 VND');
    expect(r.stderr).not.toMatch(/=|district/);
    expect((await load(code)).events.at(-1)!.data).toMatchObject(expected);
  });

  it('by post: the zone chosen at reception is the default; delivery days skip the weekend', async () => {
    const code = await receive(['--delivery', 'post', '--post-address', 'Thôn 5, xã Đức Phổ', '--post-zone', 'other-district']);
    await approved(code);
    const r = await run(['result', code, '--return', 'post', '--tracking', 'EL000000001VN', '--weight-grams', '300', '--yes', '--json'], fromVn('2026-03-05', 14, 0));
    expect(r.code, r.stderr).toBe(0);
    const price = postalPrice({ direction: 'return', zone: 'other-district', weightGrams: 300 }).priceVnd;
    expect(json(r.stdout)).toMatchObject({ zone: 'other-district', postageVnd: price, expectedDeliveryAt: '2026-03-10T14:00:00+07:00', timing: 'late' });
  });

  it('by post: the postage quoted at reception is recorded on the dossier and printed on Mẫu 01', async () => {
    const code = await receive(['--delivery', 'post', '--post-address', 'Thôn 5, xã Đức Phổ', '--post-zone', 'same-district']);
    const received = (await load(code)).events[0]!;
    expect(received.data).toMatchObject({ postal: { zone: 'same-district', weightGrams: 100, quotedVnd: 26_000, ceiling: true } });
    const printed = (await load(code)).events.find((e) => e.type === 'printed')!;
    const text = allText(await pdfText(readFileSync(String(printed.data!.path))));
    expect(text).toContain('Qua dịch vụ bưu chính công ích: Thôn 5, xã Đức Phổ');
    expect(text).toContain('Cước trả kết quả qua bưu chính: tối đa 26.000 đồng');
  });

  it('by post: usage errors write nothing', async () => {
    const code = await receive();
    await approved(code);
    const at = fromVn('2026-03-03', 8, 30);
    await refusedWith([code], { return: 'post', yes: true }, at, 'MISSING_VALUE', 2);
    await refusedWith([code], { return: 'post', tracking: 'EL1', weightGrams: '-5', yes: true }, at, 'USAGE', 2);
    await refusedWith([code], { return: 'post', tracking: 'EL1', weightGrams: '0', yes: true }, at, 'USAGE', 2);
    await refusedWith([code], { return: 'post', tracking: 'EL1', weightGrams: '1.5', yes: true }, at, 'USAGE', 2);
    await refusedWith([code], { return: 'post', tracking: 'EL1', postZone: 'moon', yes: true }, at, 'USAGE', 2);
  });
});
