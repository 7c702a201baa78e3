import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { type Context, defaultHome, printJson, t, writeErr, writeOut } from '../../context.js';
import { stripDiacritics } from '../../domain/text.js';
import { failure } from '../../errors.js';
import { run } from '../../main.js';
import type { Handler } from '../types.js';
import { demoScan } from './scans.js';

interface Step {
  argv: string[];
  json?: boolean;
}

/** Run one gov-desk command in-process on the demo home; its output is captured, not shown. */
async function step(base: Context, env: Record<string, string | undefined>, s: Step): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const ctx: Context = { ...base, env, stdout, stderr, stdin: new PassThrough(), noInput: true, color: false };
  const code = await run([...s.argv, '--no-input'], ctx);
  await new Promise((r) => setImmediate(r));
  if (code !== 0) {
    throw failure('DEMO_STEP_FAILED', { vi: 'Bước demo "{cmd}" thất bại (mã {code}): {err}', en: 'Demo step "{cmd}" failed (exit {code}): {err}' }, { vars: { cmd: s.argv.join(' '), code, err: err.trim() } });
  }
  return { code, out, err };
}

/** 'missing', 'empty' or 'used' (anything else in it: never demo over it). */
async function folderState(dir: string): Promise<'missing' | 'empty' | 'used'> {
  try {
    return (await fsp.readdir(dir)).length === 0 ? 'empty' : 'used';
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'used';
  }
}

/**
 * The steps' environment: the operator's language and this machine's scan limits stay; every other
 * GOV_DESK_* setting names a real home, portal, gateway or operator and must not reach the demo.
 */
function demoEnv(base: Record<string, string | undefined>, own: Record<string, string>): Record<string, string | undefined> {
  const keep = new Set(['GOV_DESK_LANG', 'GOV_DESK_SCAN_MAX_MB', 'GOV_DESK_SCAN_MAX_PAGES']);
  const env: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(base)) if (!k.startsWith('GOV_DESK_') || keep.has(k)) env[k] = v;
  return { ...env, ...own };
}

async function listPdfs(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fsp.readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && e.name.endsWith('.pdf')) out.push(path.join(e.parentPath ?? e.path, e.name));
  }
  return out.sort();
}

/**
 * The whole counter flow on a fresh home with the portal sandbox running in-process: two
 * fictitious dossiers (one complete, one incomplete), generated scans, submit, sync, route,
 * result, return, an SMS through the file provider; then where every PDF is.
 */
export const demoHandler: Handler = async (ctx, { opts }) => {
  const started = Date.now();
  // --home DIR (or GOV_DESK_HOME) is used only when that folder is empty: never demo over real data
  const explicit = ctx.home !== defaultHome(ctx.env);
  const state = explicit ? await folderState(ctx.home) : 'used';
  const tmpRoot = ctx.env.TMPDIR || ctx.env.TEMP || os.tmpdir();
  const home = state !== 'used' ? ctx.home : await fsp.mkdtemp(path.join(tmpRoot, 'gov-desk-demo-'));
  try {
    return await demoIn(ctx, home, opts, started);
  } catch (e) {
    // a failed demo leaves nothing behind: the folder it made, or the contents of the empty one it was given
    if (home !== ctx.home || state === 'missing') await fsp.rm(home, { recursive: true, force: true });
    else for (const f of await fsp.readdir(home)) await fsp.rm(path.join(home, f), { recursive: true, force: true });
    throw e;
  }
};

async function demoIn(ctx: Context, home: string, opts: Record<string, unknown>, started: number): Promise<number> {
  const explicit = ctx.home !== defaultHome(ctx.env);
  if (explicit && home !== ctx.home) writeErr(ctx, t(ctx, { vi: '{h} đã có dữ liệu: demo chạy trên thư mục mới {n}.', en: '{h} is not empty: the demo uses a fresh folder {n}.' }, { h: ctx.home, n: home }));
  const base: Context = { ...ctx, home };
  const L = (vi: string, en: string) => t(ctx, { vi, en });
  const say = (vi: string, en: string) => {
    if (!opts.json) writeErr(ctx, `• ${L(vi, en)}`);
  };
  const { startSandbox } = await import('../../portal/sandbox/server.js');
  const sandbox = await startSandbox({ port: 0, dataDir: path.join(home, 'sandbox'), autoProcess: false });
  const env = demoEnv(ctx.env, {
    GOV_DESK_HOME: home,
    GOV_DESK_PORTAL_URL: sandbox.url,
    GOV_DESK_PORTAL_CLIENT_ID: sandbox.clientId,
    GOV_DESK_PORTAL_SECRET: sandbox.clientSecret,
    GOV_DESK_SMS_PROVIDER: 'file',
    GOV_DESK_OPERATOR: 'Trần Văn Đức (demo)',
  });
  try {
    await step(base, env, { argv: ['init', '--example'] });
    say('Hồ sơ cấu hình ví dụ (xã Suối Kiết, hư cấu).', 'Example profile (fictitious Suối Kiết commune).');
    const qr = '060190001234|261234567|Nguyễn Thị Hường|12051990|Nữ|Thôn 1, xã Gia Huynh, huyện Tánh Linh, tỉnh Bình Thuận|15042021';
    const a = JSON.parse((await step(base, env, { argv: ['intake', '--procedure', '1.004873', '--id-qr', qr, '--phone', '0912345678', '--all-components', '--json'] })).out) as { dossier: { code: string } };
    const code = a.dossier.code;
    say(`Tiếp nhận hồ sơ đủ giấy tờ: ${code} (Mẫu 01).`, `Complete dossier received: ${code} (Mẫu 01).`);
    const b = JSON.parse((await step(base, env, { argv: ['intake', '--procedure', '1.001193', '--name', 'Lê Văn An', '--id-number', '068085001122', '--birth-date', '03/04/1985', '--phone', '0387654321', '--components', 'mau-dien-tu', '--json'] })).out) as { dossier: { code: string } };
    say(`Hồ sơ thiếu giấy tờ: ${b.dossier.code} (Mẫu 02, tiếp tục bằng --resume).`, `Incomplete dossier: ${b.dossier.code} (Mẫu 02, resume with --resume).`);
    const scanDir = path.join(home, 'scanner');
    await fsp.mkdir(scanDir, { recursive: true, mode: 0o700 });
    const person = stripDiacritics('Nguyễn Thị Hường');
    for (const id of ['to-khai']) await fsp.writeFile(path.join(scanDir, `${id}.pdf`), await demoScan(id, person));
    await step(base, env, { argv: ['scan-import', code, '--from-dir', scanDir] });
    say('Số hóa các bản quét (tạo sẵn) vào hồ sơ.', 'Generated scans imported.');
    await step(base, env, { argv: ['submit', code] });
    say('Gửi hồ sơ lên hệ thống một cửa tỉnh (máy chủ thử).', 'Submitted to the provincial system (sandbox).');
    await step(base, env, { argv: ['route', code] });
    await step(base, env, { argv: ['route', code, '--accept', '--operator', 'Lê Thị Mai (demo)'] });
    say('Chuyển phòng chuyên môn, công chức xác nhận nhận hồ sơ.', 'Handed to the department and accepted.');
    await step(base, env, { argv: ['result', code, '--approved'] });
    await step(base, env, { argv: ['notify', code, '--event', 'result-ready'] });
    say('Ghi kết quả; báo công dân qua SMS (nhà cung cấp "file": tin nhắn ghi ra tệp).', 'Result recorded; citizen told by SMS (file provider: messages written to a file).');
    await step(base, env, { argv: ['route', code, '--control-slip'] });
    await step(base, env, { argv: ['result', code, '--return', 'counter', '--collector-id', '060190001234'] });
    await step(base, env, { argv: ['sync'] });
    say('Trả kết quả tại quầy; đồng bộ với cổng tỉnh.', 'Result returned at the counter; synced with the portal.');
    const pdfs = await listPdfs(path.join(home, 'documents'));
    const sms = (await fsp.readdir(path.join(home, 'notify', 'outgoing')).catch(() => [] as string[])).map((f) => path.join(home, 'notify', 'outgoing', f));
    const seconds = (Date.now() - started) / 1000;
    if (opts.json) {
      printJson(ctx, { schemaVersion: 1, home, portal: sandbox.url, dossiers: [code, b.dossier.code], documents: pdfs, messages: sms, seconds });
    } else {
      writeOut(ctx, [L('Các tệp PDF:', 'PDF files:'), ...pdfs.map((p) => `  ${p}`), L('Tin nhắn (nhà cung cấp "file"):', 'Messages (file provider):'), ...sms.map((p) => `  ${p}`), '', L('Xem tiếp:', 'Explore:'), `  export GOV_DESK_HOME=${home}`, '  gov-desk list', `  gov-desk show ${code}`, `  gov-desk show ${b.dossier.code}`].join('\n'));
      writeErr(ctx, L(`Xong trong ${seconds.toFixed(1)} giây.`, `Done in ${seconds.toFixed(1)} s.`));
    }
    return 0;
  } finally {
    await sandbox.close();
  }
}
