/**
 * A real SMTP server on loopback (the smtp-server package) that keeps the messages it receives,
 * with a small MIME reader for the assertions (subject, text, attachments).
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  headers: Record<string, string>;
  subject: string;
  text: string;
  attachments: { filename: string; contentType: string; content: Buffer }[];
}

export interface TestSmtp {
  port: number;
  url: string;
  mails: ReceivedMail[];
  /** Addresses refused at RCPT TO with 550 (mailbox does not exist). */
  rejectRecipients: Set<string>;
  /** AUTH commands received (a password sent), counted since the start. */
  authAttempts: number;
  close(): Promise<void>;
}

function decodeWords(s: string): string {
  return s.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=\s*/g, (_w, _cs: string, enc: string, data: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : Buffer.from(decodeQp(data.replace(/_/g, ' ')), 'binary').toString('utf8'),
  );
}

function decodeQp(s: string): string {
  return s.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_w, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function splitMessage(raw: string): { headers: Record<string, string>; body: string } {
  const at = raw.indexOf('\r\n\r\n');
  const head = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? '' : raw.slice(at + 4);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  return { headers, body };
}

function decodeBody(body: string, encoding: string | undefined): Buffer {
  const e = (encoding ?? '7bit').toLowerCase();
  if (e === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64');
  if (e === 'quoted-printable') return Buffer.from(decodeQp(body), 'binary');
  return Buffer.from(body, 'binary');
}

/** Read the parts of a message (one level of multipart is what nodemailer writes here). */
export function parseMail(raw: string): Pick<ReceivedMail, 'headers' | 'subject' | 'text' | 'attachments'> {
  const { headers, body } = splitMessage(raw);
  const out = { headers, subject: decodeWords(headers.subject ?? ''), text: '', attachments: [] as ReceivedMail['attachments'] };
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1];
  const parts = boundary ? body.split(`--${boundary}`).slice(1, -1).map((p) => splitMessage(p.replace(/^\r\n/, ''))) : [{ headers, body }];
  for (const p of parts) {
    const type = (p.headers['content-type'] ?? 'text/plain').toLowerCase();
    const content = decodeBody(p.body.replace(/\r\n$/, ''), p.headers['content-transfer-encoding']);
    const filename = /filename="?([^";]+)"?/i.exec(p.headers['content-disposition'] ?? '')?.[1];
    if (filename) out.attachments.push({ filename: decodeWords(filename), contentType: type.split(';')[0]!, content });
    else if (type.startsWith('text/plain')) out.text += content.toString('utf8');
  }
  return out;
}

export async function startSmtp(opts: { user?: string; pass?: string } = {}): Promise<TestSmtp> {
  const mails: ReceivedMail[] = [];
  const rejectRecipients = new Set<string>();
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: !opts.user,
    logger: false,
    onAuth(auth, _session, cb) {
      result.authAttempts++;
      if (auth.username === opts.user && auth.password === opts.pass) cb(null, { user: auth.username });
      else cb(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, cb) {
      if (rejectRecipients.has(address.address.toLowerCase())) {
        const e = new Error('Mailbox does not exist') as Error & { responseCode: number };
        e.responseCode = 550;
        cb(e);
        return;
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('binary');
        const parsed = parseMail(raw);
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          ...parsed,
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  const cred = opts.user ? `${encodeURIComponent(opts.user)}:${encodeURIComponent(opts.pass ?? '')}@` : '';
  const result: TestSmtp = {
    port,
    url: `smtp://${cred}127.0.0.1:${port}`,
    mails,
    rejectRecipients,
    authAttempts: 0,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return result;
}
