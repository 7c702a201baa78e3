/**
 * A fake eSMS gateway on loopback implementing the documented endpoints (sms-gateways.md):
 * SendMultipleMessage_V4_post_json (codes 100, 101, 103, 104, 108, 124, 146 …) and GetSendStatus
 * (100, 105). It keeps what a real gateway would: accepted RequestIds (a repeat is refused with 124),
 * the balance, registered CSKH templates. Tests can make the next sends fail or hang (timeouts).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AcceptedSms {
  smsid: string;
  requestId: string;
  phone: string;
  content: string;
  isUnicode: string;
  brandname: string;
  sandbox: boolean;
}

export interface FakeEsmsOptions {
  apiKey?: string;
  secretKey?: string;
  brandnames?: string[];
  /** Balance in VND; each accepted message costs `price`. */
  balance?: number;
  price?: number;
  /** Registered CSKH templates: `{...}` marks a variable part. When set, other content gets 146. */
  templates?: string[];
}

export interface FakeEsms {
  url: string;
  /** Messages accepted for sending (sandbox ones excluded). */
  sent: AcceptedSms[];
  /** Every send request body received, in order. */
  requests: Record<string, string>[];
  statusRequests: string[];
  /** The next send requests get these codes (after the request is validated). */
  failNext(...codes: string[]): void;
  /** The next send is accepted and recorded, but the reply waits `ms` (the client times out). */
  hangNext(ms: number): void;
  /** Delivery report for a message. */
  setStatus(smsid: string, s: { SendStatus: number; SendSuccess: number; SendFailed: number }): void;
  setBalance(vnd: number): void;
  /** Forget everything (between tests). */
  reset(): void;
  close(): Promise<void>;
}

const SEND = '/MainService.svc/json/SendMultipleMessage_V4_post_json/';
const STATUS = '/MainService.svc/json/GetSendStatus';

function templateRe(t: string): RegExp {
  const parts = t.split(/\{[^{}]*\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('[\\s\\S]+?')}$`);
}

export async function startFakeEsms(o: FakeEsmsOptions = {}): Promise<FakeEsms> {
  const apiKey = o.apiKey ?? 'test-api-key';
  const secretKey = o.secretKey ?? 'test-secret-key';
  const brandnames = o.brandnames ?? ['UBND-XA'];
  const price = o.price ?? 850;
  let balance = o.balance ?? 1_000_000;
  const sent: AcceptedSms[] = [];
  const requests: Record<string, string>[] = [];
  const statusRequests: string[] = [];
  const seenRequestIds = new Map<string, string>();
  const statuses = new Map<string, { SendStatus: number; SendSuccess: number; SendFailed: number }>();
  const failQueue: string[] = [];
  const hangQueue: number[] = [];
  let counter = 0;
  const sockets = new Set<import('node:net').Socket>();

  const server = http.createServer((req, res) => {
    const reply = (body: unknown, delay = 0) => {
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (delay > 0) setTimeout(send, delay).unref();
      else send();
    };
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'GET' && url.pathname === STATUS) {
      const id = url.searchParams.get('RefId') ?? '';
      statusRequests.push(id);
      if (url.searchParams.get('ApiKey') !== apiKey || url.searchParams.get('SecretKey') !== secretKey) return reply({ CodeResponse: '101', ErrorMessage: 'Authorize Failed' });
      const msg = sent.find((m) => m.smsid === id);
      if (!msg) return reply({ CodeResponse: '105', ErrorMessage: 'SMSID not found' });
      const st = statuses.get(id) ?? { SendStatus: 2, SendSuccess: 0, SendFailed: 0 };
      return reply({ CodeResponse: '100', SMSID: id, ...st, TotalReceiver: 1, TotalSent: st.SendStatus === 5 ? 1 : 0, TotalPrice: st.SendSuccess ? price : 0 });
    }
    if (req.method !== 'POST' || url.pathname !== SEND) {
      process.stderr.write(`fake-esms: UNHANDLED ${req.method} ${req.url}\n`);
      res.writeHead(404);
      res.end();
      return;
    }
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      let b: Record<string, string>;
      try {
        b = JSON.parse(raw) as Record<string, string>;
      } catch {
        res.writeHead(400);
        res.end();
        return;
      }
      requests.push(b);
      const err = (code: string, message: string) => reply({ CodeResult: code, ErrorMessage: message });
      if (b.ApiKey !== apiKey || b.SecretKey !== secretKey) return err('101', 'Authorize Failed');
      if (!b.Phone || !/^(0|84)\d{9}$/.test(b.Phone)) return err('108', 'Phone not valid');
      if (b.SmsType === '2' && !brandnames.includes(b.Brandname ?? '')) return err('104', 'Brandname not registered');
      if (!b.Content) return err('99', 'Content empty');
      if (b.RequestId && b.RequestId.length > 50) return err('99', 'RequestId too long');
      const forced = failQueue.shift();
      if (forced) return err(forced, `forced ${forced}`);
      if (b.RequestId && seenRequestIds.has(b.RequestId)) return err('124', 'Duplicate RequestId');
      if (o.templates && b.SmsType === '2' && !o.templates.some((t) => templateRe(t).test(b.Content!))) return err('146', 'Template not registered');
      const sandbox = b.Sandbox === '1';
      if (!sandbox && balance < price) return err('103', 'Balance not enough');
      const smsid = `fake-${++counter}`;
      if (b.RequestId && !sandbox) seenRequestIds.set(b.RequestId, smsid);
      if (!sandbox) {
        balance -= price;
        sent.push({ smsid, requestId: b.RequestId ?? '', phone: b.Phone, content: b.Content, isUnicode: b.IsUnicode ?? '0', brandname: b.Brandname ?? '', sandbox });
      }
      reply({ CodeResult: '100', CountRegenerate: 0, SMSID: smsid }, hangQueue.shift() ?? 0);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    requests,
    statusRequests,
    failNext: (...codes) => void failQueue.push(...codes),
    hangNext: (ms) => void hangQueue.push(ms),
    setStatus: (id, s) => void statuses.set(id, s),
    setBalance: (v) => void (balance = v),
    reset: () => {
      sent.length = 0;
      requests.length = 0;
      statusRequests.length = 0;
      seenRequestIds.clear();
      statuses.clear();
      failQueue.length = 0;
      hangQueue.length = 0;
      balance = o.balance ?? 1_000_000;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Environment pointing gov-desk at the fake gateway. */
export function esmsEnv(f: FakeEsms, extra: Record<string, string> = {}): Record<string, string> {
  return {
    GOV_DESK_SMS_PROVIDER: 'esms',
    GOV_DESK_ESMS_BASE_URL: f.url,
    GOV_DESK_ESMS_API_KEY: 'test-api-key',
    GOV_DESK_ESMS_SECRET_KEY: 'test-secret-key',
    GOV_DESK_ESMS_BRANDNAME: 'UBND-XA',
    ...extra,
  };
}
