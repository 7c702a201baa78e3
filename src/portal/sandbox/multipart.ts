/**
 * A small, strict multipart/form-data parser for POST /files (RFC 7578): the whole body is already
 * in memory (its size was capped while reading), at most MAX_PARTS parts, part headers at most
 * MAX_HEADER_BYTES. Returns the part named `file` or a problem naming what is wrong.
 */

export const MAX_PARTS = 10;
export const MAX_HEADER_BYTES = 8 * 1024;

export interface FilePart {
  filename: string;
  contentType: string | undefined;
  bytes: Buffer;
}

export type MultipartResult = { ok: true; file: FilePart } | { ok: false; problem: string };

/** The boundary of a `multipart/form-data; boundary=…` content type, or undefined. */
export function boundaryOf(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const [type, ...params] = contentType.split(';');
  if (type?.trim().toLowerCase() !== 'multipart/form-data') return undefined;
  for (const p of params) {
    const m = /^\s*boundary\s*=\s*(?:"([^"]{1,70})"|([^\s";]{1,70}))\s*$/i.exec(p);
    if (m) return m[1] ?? m[2];
  }
  return undefined;
}

function parseHeaders(block: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of block.split('\r\n')) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    out.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  return out;
}

/** name, filename and filename* (RFC 5987) of a Content-Disposition value. */
export function parseDisposition(value: string): { type: string; params: Map<string, string> } {
  const params = new Map<string, string>();
  const semi = value.indexOf(';');
  const type = (semi < 0 ? value : value.slice(0, semi)).trim().toLowerCase();
  const re = /;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
  for (let m = re.exec(value); m; m = re.exec(value)) {
    const key = m[1]!.toLowerCase();
    let v = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '').trim();
    if (key.endsWith('*')) {
      const ext = /^([\w-]+)'[^']*'(.*)$/.exec(v);
      if (ext) {
        try {
          v = decodeURIComponent(ext[2]!);
        } catch {
          continue;
        }
      }
    }
    params.set(key, v);
  }
  return { type, params };
}

export function parseMultipart(body: Buffer, boundary: string): MultipartResult {
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  const crlfDelimiter = Buffer.from(`\r\n--${boundary}`, 'latin1');
  let pos = body.indexOf(delimiter);
  if (pos !== 0) {
    // a preamble is allowed, but it must end with CRLF before the first delimiter
    pos = body.indexOf(crlfDelimiter);
    if (pos < 0) return { ok: false, problem: 'file: no multipart boundary in the body' };
    pos += 2;
  }
  let file: FilePart | undefined;
  for (let parts = 0; ; parts++) {
    pos += delimiter.length;
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break; // closing delimiter "--"
    if (parts >= MAX_PARTS) return { ok: false, problem: `file: more than ${MAX_PARTS} parts` };
    // optional transport padding, then CRLF
    while (body[pos] === 0x20 || body[pos] === 0x09) pos++;
    if (body[pos] !== 0x0d || body[pos + 1] !== 0x0a) return { ok: false, problem: 'file: malformed multipart delimiter line' };
    pos += 2;
    const headerEnd = body.indexOf('\r\n\r\n', pos, 'latin1');
    if (headerEnd < 0 || headerEnd - pos > MAX_HEADER_BYTES) return { ok: false, problem: 'file: malformed or oversized part headers' };
    const headers = parseHeaders(body.subarray(pos, headerEnd).toString('utf8'));
    const start = headerEnd + 4;
    const end = body.indexOf(crlfDelimiter, start);
    if (end < 0) return { ok: false, problem: 'file: multipart body is not terminated' };
    const disposition = headers.get('content-disposition');
    if (!disposition) return { ok: false, problem: 'file: part without Content-Disposition' };
    const d = parseDisposition(disposition);
    if (d.type !== 'form-data') return { ok: false, problem: 'file: part is not form-data' };
    if (d.params.get('name') === 'file') {
      if (file) return { ok: false, problem: 'file: more than one part named "file"' };
      file = {
        filename: (d.params.get('filename*') ?? d.params.get('filename') ?? 'file').normalize('NFC'),
        contentType: headers.get('content-type'),
        bytes: body.subarray(start, end),
      };
    }
    pos = end + 2;
  }
  if (!file) return { ok: false, problem: 'file: no part named "file"' };
  return { ok: true, file };
}
