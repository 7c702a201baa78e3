import path from 'node:path';
import { requireProfile } from '../../config/profile.js';
import { type Context, printJson, t, writeErr, writeOut } from '../../context.js';
import { usageError, failure } from '../../errors.js';
import type { Msg } from '../../i18n/index.js';
import { isLoopbackHost, resolvePortalConfig } from '../../portal/config.js';
import { portalToLocal } from '../../portal/status-map.js';
import { TRANG_THAI_LABELS, type TrangThaiHoSo, isTrangThai } from '../../portal/types.js';
import type { HandlerInput } from '../types.js';

const TEXT = {
  badNumber: { vi: '{flag} cần một số nguyên từ {min} đến {max}: "{value}"', en: '{flag} needs a whole number from {min} to {max}: "{value}"' },
  badRate: { vi: '{flag} cần một xác suất từ 0 đến 1: "{value}"', en: '{flag} needs a probability from 0 to 1: "{value}"' },
  badText: { vi: '{flag} không được để trống', en: '{flag} must not be empty' },
  remote: { vi: 'Địa chỉ {host} không phải máy này: máy chủ thử sẽ mở cho cả mạng.', en: 'The address {host} is not this machine: the sandbox would be open to the network.' },
  remoteHint: { vi: 'Thêm --allow-remote nếu đúng là muốn vậy (ví dụ phòng tập huấn).', en: 'Add --allow-remote if that is intended (a training room, say).' },
  started: { vi: 'Máy chủ thử của hệ thống một cửa tỉnh đang chạy: {url}', en: 'Provincial one-stop sandbox listening on {url}' },
  creds: { vi: '  Mã ứng dụng (client id): {id}   Mật khẩu (client secret): {secret}', en: '  Client id: {id}   Client secret: {secret}' },
  data: { vi: '  Dữ liệu: {dir}', en: '  Data: {dir}' },
  switches: { vi: '  Giả lập: {list}', en: '  Simulation: {list}' },
  none: { vi: 'không', en: 'none' },
  useIt: { vi: '  Để gov-desk dùng máy chủ này, chạy trong cửa sổ lệnh của quầy (sh/bash):', en: '  To point gov-desk at it, run in the desk\'s terminal (sh/bash):' },
  useItPs: { vi: '  hoặc trong PowerShell (Windows):', en: '  or in PowerShell (Windows):' },
  busy: { vi: 'Cổng {port} trên {host} đang được dùng (có thể máy chủ thử đã chạy rồi).', en: 'Port {port} on {host} is already in use (perhaps a sandbox is already running).' },
  busyHint: { vi: 'Dùng máy chủ đang chạy, hoặc chọn cổng khác: --port 0 (tự chọn) và dùng các biến in ra.', en: 'Use the running one, or pick another port: --port 0 (any free port) and set the variables it prints.' },
  stopHint: { vi: '  Nhấn Ctrl+C để dừng.', en: '  Press Ctrl+C to stop.' },
  stopped: { vi: 'Đã dừng máy chủ thử; dữ liệu vẫn còn trong {dir}.', en: 'Sandbox stopped; its data stays in {dir}.' },
  pingOk: { vi: 'OK  {url}  {ms} ms (token còn hạn {ttl} giây)', en: 'OK  {url}  {ms} ms (token valid for {ttl} s)' },
  unknown: { vi: 'Hệ thống một cửa của tỉnh không có hồ sơ mã {code}.', en: 'The provincial one-stop system has no dossier {code}.' },
  code: { vi: 'Mã hồ sơ', en: 'Dossier code' },
  procedure: { vi: 'Thủ tục', en: 'Procedure' },
  applicant: { vi: 'Người nộp', en: 'Applicant' },
  status: { vi: 'Trạng thái', en: 'Status' },
  received: { vi: 'Ngày tiếp nhận', en: 'Received' },
  due: { vi: 'Ngày hẹn trả', en: 'Appointment' },
  returned: { vi: 'Ngày trả', en: 'Returned' },
  updated: { vi: 'Cập nhật lúc', en: 'Updated' },
  progress: { vi: 'Tiến độ xử lý', en: 'Progress' },
} satisfies Record<string, Msg>;

function intOption(value: unknown, flag: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const s = String(value).trim();
  const n = /^\d{1,10}$/.test(s) ? Number(s) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw usageError('INVALID_OPTION', TEXT.badNumber, { vars: { flag, min, max, value: s } });
  return n;
}

function rateOption(value: unknown, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const s = String(value).trim();
  const n = /^(\d+(\.\d*)?|\.\d+)$/.test(s) ? Number(s) : NaN;
  if (!Number.isFinite(n) || n < 0 || n > 1) throw usageError('INVALID_OPTION', TEXT.badRate, { vars: { flag, value: s } });
  return n;
}

function textOption(value: unknown, flag: string): string | undefined {
  if (value === undefined) return undefined;
  const s = String(value).trim();
  if (!s) throw usageError('INVALID_OPTION', TEXT.badText, { vars: { flag } });
  return s;
}

/**
 * The port `portal sandbox` listens on by default: the one of the example profile's
 * `portal.baseUrl` (fixtures/profile.example.json), so a training desk made with `init --example`
 * needs only the secret. The default client id is the sandbox's own (`sandbox`), as in the profile.
 */
export const SANDBOX_CLI_PORT = 8765;

/** `export NAME=value` (sh) and `$env:NAME='value'` (PowerShell) lines, quoted where needed. */
export function envLines(vars: Record<string, string>): { sh: string[]; powershell: string[] } {
  const sh = (v: string) => (/^[A-Za-z0-9_.:/@%+=,-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`);
  return {
    sh: Object.entries(vars).map(([k, v]) => `export ${k}=${sh(v)}`),
    powershell: Object.entries(vars).map(([k, v]) => `$env:${k}='${v.replace(/'/g, "''")}'`),
  };
}

/** The sandbox options from the flags; exported for tests. Throws usage errors (exit 2). */
export function sandboxOptionsFrom(ctx: Pick<Context, 'cwd' | 'home'>, opts: Record<string, unknown>) {
  const host = textOption(opts.host, '--host') ?? '127.0.0.1';
  if (!isLoopbackHost(host) && !opts.allowRemote) throw usageError('PORTAL_SANDBOX_REMOTE', TEXT.remote, { vars: { host }, hint: TEXT.remoteHint });
  const o = {
    host,
    port: intOption(opts.port, '--port', 0, 65535) ?? SANDBOX_CLI_PORT,
    dataDir: path.resolve(ctx.cwd, textOption(opts.data, '--data') ?? path.join(ctx.home, 'portal-sandbox')),
    clientId: textOption(opts.clientId, '--client-id'),
    clientSecret: textOption(opts.clientSecret, '--client-secret'),
    tokenTtlS: intOption(opts.tokenTtl, '--token-ttl', 1, 7 * 24 * 3600),
    autoProcess: Boolean(opts.autoProcess),
    processDelayMs: intOption(opts.processDelayMs, '--process-delay-ms', 0, 7 * 24 * 3600 * 1000),
    supplementRate: rateOption(opts.supplementRate, '--supplement-rate'),
    failRate: rateOption(opts.failRate, '--fail-rate'),
    dropRate: rateOption(opts.dropRate, '--drop-rate'),
    latencyMs: intOption(opts.latencyMs, '--latency-ms', 0, 600_000),
    rateLimit: intOption(opts.rateLimit, '--rate-limit', 1, 100_000),
    seed: intOption(opts.seed, '--seed', 0, 4_294_967_295),
  };
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as typeof o;
}

/** `gov-desk portal sandbox …`: runs until SIGINT/SIGTERM, then returns 0. */
export async function portalSandbox(ctx: Context, { opts }: HandlerInput): Promise<number> {
  const o = sandboxOptionsFrom(ctx, opts);
  const { startSandbox, SANDBOX_DEFAULTS } = await import('../../portal/sandbox/server.js');
  const quiet = Boolean(opts.quiet);
  const sb = await startSandbox({ ...o, ...(quiet ? {} : { log: (line: string) => writeErr(ctx, `  ${line}`) }) }).catch((e: unknown) => {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') throw failure('PORTAL_SANDBOX_PORT_BUSY', TEXT.busy, { vars: { port: o.port, host: o.host }, hint: TEXT.busyHint });
    throw e;
  });
  const on: string[] = [];
  if (o.autoProcess) on.push(`--auto-process (${o.processDelayMs ?? SANDBOX_DEFAULTS.processDelayMs} ms)`);
  if (o.failRate) on.push(`--fail-rate ${o.failRate}`);
  if (o.dropRate) on.push(`--drop-rate ${o.dropRate}`);
  if (o.latencyMs) on.push(`--latency-ms ${o.latencyMs}`);
  if (o.tokenTtlS) on.push(`--token-ttl ${o.tokenTtlS}`);
  writeErr(ctx, t(ctx, TEXT.started, { url: sb.url }));
  writeErr(ctx, t(ctx, TEXT.creds, { id: sb.clientId, secret: sb.clientSecret }));
  writeErr(ctx, t(ctx, TEXT.data, { dir: sb.dataDir }));
  writeErr(ctx, t(ctx, TEXT.switches, { list: on.length ? on.join(', ') : t(ctx, TEXT.none) }));
  const lines = envLines({ GOV_DESK_PORTAL_URL: sb.url, GOV_DESK_PORTAL_CLIENT_ID: sb.clientId, GOV_DESK_PORTAL_SECRET: sb.clientSecret });
  writeErr(ctx, t(ctx, TEXT.useIt));
  writeErr(ctx, lines.sh.map((l) => `    ${l}`).join('\n'));
  writeErr(ctx, t(ctx, TEXT.useItPs));
  writeErr(ctx, lines.powershell.map((l) => `    ${l}`).join('\n'));
  writeErr(ctx, t(ctx, TEXT.stopHint));
  await new Promise<void>((resolve) => {
    const offs: Array<() => void> = [];
    const stop = (): void => {
      for (const off of offs) off();
      resolve();
    };
    if (ctx.onSignal) offs.push(ctx.onSignal('SIGINT', stop), ctx.onSignal('SIGTERM', stop));
  });
  await sb.close();
  writeErr(ctx, t(ctx, TEXT.stopped, { dir: sb.dataDir }));
  return 0;
}

async function clientFor(ctx: Context) {
  const profile = await requireProfile(ctx);
  const cfg = resolvePortalConfig(profile, ctx.env, ctx.home);
  const { PortalClient } = await import('../../portal/client.js');
  return { cfg, client: new PortalClient(cfg, { now: () => ctx.now() }) };
}

/** `gov-desk portal ping [--json]` */
export async function portalPing(ctx: Context, { opts }: HandlerInput): Promise<number> {
  const { cfg, client } = await clientFor(ctx);
  const r = await client.ping();
  if (opts.json) printJson(ctx, { schemaVersion: 1, ok: true, url: cfg.baseUrl, latencyMs: r.latencyMs, tokenExpiresInS: r.expiresInS });
  else writeOut(ctx, t(ctx, TEXT.pingOk, { url: cfg.baseUrl, ms: r.latencyMs, ttl: r.expiresInS }));
  return 0;
}

const portalDate = (s: string | undefined): string => {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(s ?? '');
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}` : (s ?? '');
};

const statusText = (code: number): string => `${code} ${isTrangThai(code) ? TRANG_THAI_LABELS[code as TrangThaiHoSo] : '?'} (${portalToLocal(code) ?? '?'})`;

/** `gov-desk portal lookup CODE [--json]` */
export async function portalLookup(ctx: Context, { args, opts }: HandlerInput): Promise<number> {
  const code = (args[0] ?? '').trim().normalize('NFC');
  const { client } = await clientFor(ctx);
  const r = await client.lookup(code);
  if (!r) throw failure('PORTAL_DOSSIER_UNKNOWN', TEXT.unknown, { vars: { code } });
  if (opts.json) {
    printJson(ctx, { schemaVersion: 1, found: true, localStatus: portalToLocal(r.TrangThaiHoSo), record: r });
    return 0;
  }
  const row = (label: Msg, value: string): string => `${t(ctx, label).padEnd(16)} ${value}`;
  const lines = [
    row(TEXT.code, r.MaHoSo),
    row(TEXT.procedure, `${r.MaTTHC} ${r.TenTTHC}`),
    row(TEXT.applicant, r.ChuHoSo),
    row(TEXT.status, statusText(r.TrangThaiHoSo)),
    row(TEXT.received, portalDate(r.NgayTiepNhan)),
    row(TEXT.due, portalDate(r.NgayHenTra)),
    ...(r.NgayTra ? [row(TEXT.returned, portalDate(r.NgayTra))] : []),
    row(TEXT.updated, portalDate(r.NgayCapNhat)),
    `${t(ctx, TEXT.progress)}: ${r.TienDo.length}`,
    ...r.TienDo.map((p) => `  ${portalDate(p.ThoiDiemXuLy)}  ${statusText(p.TrangThai)}  ${p.PhongBanXuLy}: ${p.NoiDungXuLy}`),
  ];
  writeOut(ctx, lines.join('\n'));
  return 0;
}
