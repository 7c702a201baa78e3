import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fromVn } from '../../src/domain/time.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { runInProcess, scriptedPrompter, tempHome } from '../helpers/context.js';
import { makePdf } from '../helpers/scan-files.js';

// Fictitious applicant; received Monday 2/3/2026 09:00 for collection at the counter.
const APPLICANT = ['--name', 'Nguyễn Thị Hường', '--id-number', '060190001234', '--birth-date', '12/05/1990', '--phone', '0912345678'];
const env = { GOV_DESK_LANG: 'en', GOV_DESK_OPERATOR: 'Trần Văn Đức', GOV_DESK_SMS_PROVIDER: 'file' };
let home: string;
const run = (args: string[], at: Date, over: Parameters<typeof runInProcess>[1] = {}) => runInProcess(args, { home, env, cwd: home, now: () => at, ...over });
const active = () => readFileSync(path.join(home, 'db', 'active.json'), 'utf8');
const load = async (code: string) => (await new EmbeddedStore(home, 'test').getDossier(code))!.dossier;

async function receive(): Promise<string> {
  const r = await run(['intake', '--procedure', '1.001193', ...APPLICANT, '--all-components', '--no-input', '--json'], fromVn('2026-03-02', 9, 0));
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { dossier: { code: string } }).dossier.code;
}

beforeEach(async () => {
  home = tempHome();
  expect((await run(['init', '--example', '--no-input'], fromVn('2026-03-02', 8, 0))).code).toBe(0);
});

describe('workflow guards', () => {
  it('result --approved right after intake is refused (exit 2, nothing written, no document copied)', async () => {
    const code = await receive();
    writeFileSync(path.join(home, 'ket-qua.pdf'), await makePdf(1, 'Giay khai sinh'));
    const before = active();
    const r = await run(['result', code, '--approved', '--document', 'ket-qua.pdf'], fromVn('2026-03-02', 9, 5));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('never digitised, submitted or routed');
    expect(r.stderr).toContain('--decided-at-counter');
    expect(active()).toBe(before);
    expect(existsSync(path.join(home, 'attachments', code, 'result'))).toBe(false);
  });

  it('--decided-at-counter allows it and is recorded in the event', async () => {
    const code = await receive();
    const r = await run(['result', code, '--approved', '--decided-at-counter'], fromVn('2026-03-02', 9, 5));
    expect(r.code, r.stderr).toBe(0);
    expect((await load(code)).events.at(-1)).toMatchObject({ type: 'result-recorded', data: { decision: 'approved', decidedAtCounter: true } });
  });

  it('after routing no flag is needed', async () => {
    const code = await receive();
    expect((await run(['route', code], fromVn('2026-03-02', 9, 5))).code).toBe(0);
    expect((await run(['result', code, '--approved'], fromVn('2026-03-02', 10, 0))).code).toBe(0);
    expect((await load(code)).events.at(-1)!.data).not.toHaveProperty('decidedAtCounter');
  });

  it('notify --event result-ready on a returned dossier is refused; the file provider says written for sending by hand', async () => {
    const code = await receive();
    const sms = await run(['notify', code, '--event', 'received', '--channel', 'sms'], fromVn('2026-03-02', 9, 1));
    expect(sms.code, sms.stderr).toBe(0);
    expect(sms.stdout).toContain('written for sending by hand');
    expect(sms.stdout).not.toMatch(/delivered|\bsent\b/i);
    expect((await run(['result', code, '--approved', '--decided-at-counter'], fromVn('2026-03-02', 9, 5))).code).toBe(0);
    expect((await run(['result', code, '--return', 'counter', '--collector-id', '060190001234'], fromVn('2026-03-02', 9, 10))).code).toBe(0);
    const before = (await load(code)).events.length;
    const r = await run(['notify', code, '--event', 'result-ready', '--channel', 'sms'], fromVn('2026-03-02', 9, 15));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"returned"');
    expect((await load(code)).events).toHaveLength(before);
  });

  it('a postal return on a dossier registered for the counter needs --change-delivery in scripts, and records the change', async () => {
    const code = await receive();
    expect((await run(['result', code, '--approved', '--decided-at-counter'], fromVn('2026-03-02', 9, 5))).code).toBe(0);
    const before = active();
    const post = ['result', code, '--return', 'post', '--tracking', 'EL123456789VN', '--yes'];
    const refused = await run(post, fromVn('2026-03-02', 10, 0));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--change-delivery');
    expect(active()).toBe(before);
    const ok = await run([...post, '--change-delivery'], fromVn('2026-03-02', 10, 0));
    expect(ok.code, ok.stderr).toBe(0);
    const events = (await load(code)).events;
    expect(events.at(-2)).toMatchObject({ type: 'note', data: { kind: 'delivery-changed', from: 'counter', to: 'post' } });
    expect(events.at(-1)).toMatchObject({ type: 'result-returned', data: { method: 'post' } });
    expect((await run(['show', code], fromVn('2026-03-02', 10, 5))).stdout).toContain('tại quầy → bưu chính');
  });

  it('interactively the operator is asked; "no" writes nothing', async () => {
    const code = await receive();
    expect((await run(['result', code, '--approved', '--decided-at-counter'], fromVn('2026-03-02', 9, 5))).code).toBe(0);
    const before = active();
    const tty = (await import('node:stream')).PassThrough;
    const stdin = Object.assign(new tty(), { isTTY: true });
    const stdout = Object.assign(new tty(), { isTTY: true });
    const prompter = scriptedPrompter([false]);
    const r = await run(['result', code, '--return', 'post', '--tracking', 'EL123456789VN', '--yes'], fromVn('2026-03-02', 10, 0), { stdin, stdout, noInput: false, env: { ...env, CI: '' }, prompter: async () => prompter });
    expect(r.code).toBe(130);
    expect(prompter.asked[0]).toContain('registered for the counter');
    expect(active()).toBe(before);
  });
});
