/** Building the multipart/form-data body of POST /files: one part named `file`. */

/** An ASCII stand-in for a file name (quotes, controls and non-ASCII replaced). */
function asciiName(name: string): string {
  const s = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\]/g, '_')
    .trim();
  return s || 'file';
}

export function fileMultipart(name: string, contentType: string, bytes: Buffer, boundaryToken: string): { contentType: string; body: Buffer } {
  const boundary = `----gov-desk-${boundaryToken}`;
  const nfcName = name.normalize('NFC');
  const ascii = asciiName(nfcName);
  let disposition = `form-data; name="file"; filename="${ascii}"`;
  if (ascii !== nfcName) {
    try {
      disposition += `; filename*=UTF-8''${encodeURIComponent(nfcName)}`;
    } catch {
      // a name that is not well-formed UTF-16 keeps only its ASCII stand-in
    }
  }
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\nContent-Type: ${contentType}\r\n\r\n`, 'utf8');
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat([head, bytes, tail]) };
}
