import { type GovDeskError, isGovDeskError, usageError } from '../errors.js';
import type { Msg } from '../i18n/index.js';
import { sha256Hex } from './hash.js';
import { DEFAULT_MAX_PIXELS, type ImageInfo, type Parsed, parseJpeg, parsePng } from './image-info.js';
import { claimedType, describeContent, pdfHeaderOffset, type ScanType, sniffType } from './sniff.js';
import { parseTiff } from './tiff.js';

/** Limits for one stored file (configurable: flags, GOV_DESK_SCAN_MAX_MB / _PAGES / _MEGAPIXELS, config.json `scan`). */
export interface ScanLimits {
  maxBytes: number;
  maxPages: number;
  /** Pixels of one picture (one page), checked on the declared size before anything is decoded. */
  maxPixels: number;
}

export const MIB = 1024 * 1024;
/** Defaults. The portal's real upload limit is UNCONFIRMED (regulations.md §5, §9 item 9): keep it configurable. */
export const DEFAULT_LIMITS: ScanLimits = { maxBytes: 10 * MIB, maxPages: 100, maxPixels: DEFAULT_MAX_PIXELS };

export interface CheckedScan {
  type: ScanType;
  size: number;
  sha256: string;
  pages: number;
  /** Size and declared resolution of a JPEG or PNG (null for PDF and TIFF). */
  image: ImageInfo | null;
}

const RESCAN_HINT: Msg = {
  vi: 'Quét lại với độ phân giải thấp hơn (ví dụ 200 dpi), ảnh xám thay vì màu nếu được phép, hoặc tách thành nhiều tệp. Có thể đổi giới hạn bằng --max-size-mb / --max-pages.',
  en: 'Scan again at a lower resolution (e.g. 200 dpi), in greyscale where allowed, or split it into several files. The limits can be changed with --max-size-mb / --max-pages.',
};

export function mb(bytes: number): string {
  return (Math.round((bytes / MIB) * 100) / 100).toString();
}

export function emptyFile(file: string): GovDeskError {
  return usageError('SCAN_EMPTY_FILE', { vi: 'Tệp {file} rỗng (0 byte).', en: 'File {file} is empty (0 bytes).' }, {
    vars: { file },
    hint: { vi: 'Có thể máy quét chưa ghi xong; quét lại.', en: 'The scanner may not have finished writing it; scan again.' },
  });
}

export function tooLarge(file: string, size: number, limits: ScanLimits): GovDeskError {
  return usageError('SCAN_TOO_LARGE', {
    vi: 'Tệp {file} nặng {size} MiB, vượt giới hạn {max} MiB cho một tệp lưu trữ.',
    en: 'File {file} is {size} MiB, over the limit of {max} MiB for one stored file.',
  }, { vars: { file, size: mb(size), max: mb(limits.maxBytes) }, hint: RESCAN_HINT });
}

export function tooManyPages(file: string, pages: number, limits: ScanLimits): GovDeskError {
  return usageError('SCAN_TOO_MANY_PAGES', {
    vi: 'Tệp {file} có {pages} trang, vượt giới hạn {max} trang cho một tệp.',
    en: 'File {file} has {pages} pages, over the limit of {max} pages for one file.',
  }, { vars: { file, pages, max: limits.maxPages }, hint: RESCAN_HINT });
}

export function imageTooLarge(file: string, width: number, height: number, limits: ScanLimits): GovDeskError {
  return usageError('SCAN_IMAGE_TOO_LARGE', {
    vi: 'Ảnh {file} khai báo {width} × {height} điểm ảnh ({mp} megapixel), vượt giới hạn {max} megapixel cho một trang; không giải nén, không lưu gì.',
    en: 'Picture {file} declares {width} × {height} pixels ({mp} megapixels), over the limit of {max} megapixels for one page; nothing was decoded or stored.',
  }, {
    vars: { file, width, height, mp: Math.round((width * height) / 1e5) / 10, max: Math.round(limits.maxPixels / 1e5) / 10 },
    hint: {
      vi: 'Bản quét A4 600 dpi chỉ khoảng 35 megapixel: quét lại ở 200–300 dpi. Nếu tệp đúng là bản quét lớn, tăng giới hạn bằng --max-megapixels.',
      en: 'An A4 scan at 600 dpi is about 35 megapixels: scan again at 200–300 dpi. If the file really is a large scan, raise the limit with --max-megapixels.',
    },
  });
}

export function corrupt(file: string, type: ScanType, detail: string): GovDeskError {
  return usageError('SCAN_CORRUPT', {
    vi: 'Tệp {file} ({type}) bị hỏng hoặc không trọn vẹn: {detail}.',
    en: 'File {file} ({type}) is damaged or incomplete: {detail}.',
  }, {
    vars: { file, type: type.toUpperCase(), detail },
    hint: { vi: 'Quét lại hoặc chép lại tệp từ máy quét. Không có gì được lưu.', en: 'Scan it again or copy it from the scanner again. Nothing was stored.' },
  });
}

function unsupported(file: string, content: string): GovDeskError {
  return usageError('SCAN_UNSUPPORTED_TYPE', {
    vi: 'Tệp {file} là {content}, không phải bản quét PDF, JPEG, PNG hoặc TIFF.',
    en: 'File {file} is {content}, not a PDF, JPEG, PNG or TIFF scan.',
  }, { vars: { file, content }, hint: { vi: 'Lưu bản quét dưới dạng PDF, JPEG hoặc PNG.', en: 'Save the scan as PDF, JPEG or PNG.' } });
}

function disguised(file: string, claimed: ScanType, content: string): GovDeskError {
  return usageError('SCAN_DISGUISED_TYPE', {
    vi: 'Tệp {file} mang đuôi {claimed} nhưng nội dung thực là {content}.',
    en: 'File {file} is named as {claimed} but its content is {content}.',
  }, {
    vars: { file, claimed: claimed.toUpperCase(), content },
    hint: { vi: 'Kiểm tra lại tệp (có thể bị đổi tên); xuất lại đúng định dạng từ máy quét.', en: 'Check the file (it may have been renamed); export it again from the scanner in the right format.' },
  });
}

function variantUnsupported(file: string, type: ScanType, detail: string): GovDeskError {
  return usageError('SCAN_VARIANT_UNSUPPORTED', {
    vi: 'Tệp {file} ({type}) dùng kiểu mã hóa không nhúng được vào PDF: {detail}.',
    en: 'File {file} ({type}) uses an encoding that cannot be embedded in a PDF: {detail}.',
  }, {
    vars: { file, type: type.toUpperCase(), detail },
    hint: { vi: 'Đặt máy quét lưu PDF, JPEG hoặc PNG.', en: 'Set the scanner to save PDF, JPEG or PNG.' },
  });
}

export function encrypted(file: string): GovDeskError {
  return usageError('SCAN_PDF_ENCRYPTED', {
    vi: 'Tệp PDF {file} được bảo vệ bằng mật khẩu (mã hóa); không thể nộp lên hệ thống.',
    en: 'PDF {file} is password-protected (encrypted); it cannot be submitted.',
  }, { vars: { file }, hint: { vi: 'Lưu một bản không đặt mật khẩu, hoặc quét lại bản giấy.', en: 'Save a copy without a password, or scan the paper again.' } });
}

/**
 * Check one candidate file before anything is stored: not empty, within the size limit, a type we
 * accept by content (and not disguised by its name), every picture within the pixel limit (read
 * from its header, before decoding), whole (not truncated or damaged), not encrypted, within the
 * page limit. Throws a GovDeskError (exit 2) naming the file.
 */
export async function checkScan(bytes: Uint8Array, file: string, limits: ScanLimits): Promise<CheckedScan> {
  if (bytes.length === 0) throw emptyFile(file);
  if (bytes.length > limits.maxBytes) throw tooLarge(file, bytes.length, limits);
  const type = sniffType(bytes);
  const claimed = claimedType(file);
  if (claimed !== null && claimed !== type) throw disguised(file, claimed, describeContent(bytes));
  if (type === null) throw unsupported(file, describeContent(bytes));
  const fail = (r: Parsed<unknown> & { ok: false }): never => {
    if (r.pixels) throw imageTooLarge(file, r.pixels.width, r.pixels.height, limits);
    throw r.unsupported ? variantUnsupported(file, type, r.problem) : corrupt(file, type, r.problem);
  };
  let pages = 1;
  let image: ImageInfo | null = null;
  if (type === 'jpeg' || type === 'png') {
    const r = type === 'jpeg' ? parseJpeg(bytes, limits.maxPixels) : parsePng(bytes, limits.maxPixels);
    if (!r.ok) fail(r);
    else image = r.info;
  } else if (type === 'tiff') {
    const r = parseTiff(bytes, limits.maxPixels);
    if (!r.ok) fail(r);
    else pages = r.info.pages.length;
  } else {
    pages = await pdfPageCount(bytes, file);
  }
  if (pages > limits.maxPages) throw tooManyPages(file, pages, limits);
  return { type, size: bytes.length, sha256: sha256Hex(bytes), pages, image };
}

/** `%%EOF` in the last kilobyte: a PDF cut off in transfer lacks it. */
function hasEof(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).toString('latin1');
  return tail.includes('%%EOF');
}

async function pdfPageCount(bytes: Uint8Array, file: string): Promise<number> {
  if (pdfHeaderOffset(bytes) < 0) throw corrupt(file, 'pdf', 'no %PDF header');
  if (!hasEof(bytes)) throw corrupt(file, 'pdf', 'no %%EOF marker: the file is cut off');
  const { PDFDocument } = await import('pdf-lib');
  let count: number;
  try {
    // loaded with ignoreEncryption so that encryption is told apart from damage by a flag, not by an error
    // message (pdf-lib's EncryptedPDFError does not survive `instanceof` in its ES5 build)
    const doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
    if (doc.isEncrypted) throw encrypted(file);
    count = doc.getPages().length;
  } catch (e) {
    if (isGovDeskError(e)) throw e;
    throw corrupt(file, 'pdf', e instanceof Error ? e.message.split('\n')[0]!.slice(0, 200) : 'unreadable');
  }
  if (count === 0) throw corrupt(file, 'pdf', 'no pages');
  return count;
}
