import { failure, GovDeskError, usageError } from '../errors.js';
import { type Lang, type Msg, tr } from '../i18n/index.js';

/**
 * Why a backup is not valid: a stable detail code with its words in both languages (issue 12), so
 * that a Vietnamese `restore` says everything in Vietnamese. `{entry}` is a path inside the archive,
 * `{type}` a tar entry type, `{reason}` the text of the library that could not read the archive.
 */
export const BACKUP_PROBLEMS = {
  'manifest-not-json': { vi: '{entry} không phải JSON', en: '{entry} is not JSON' },
  'manifest-unknown': { vi: 'bảng kê không rõ định dạng', en: 'unknown manifest' },
  'manifest-too-large': { vi: '{entry} quá lớn', en: '{entry} too large' },
  'manifest-not-first': { vi: '{entry} không nằm đầu tiên', en: '{entry} is not the first entry' },
  'manifest-missing': { vi: 'thiếu {entry}', en: '{entry} missing' },
  'unsafe-path': { vi: 'đường dẫn không an toàn {entry}', en: 'unsafe path {entry}' },
  'no-size-or-checksum': { vi: '{entry}: không có kích thước hoặc mã kiểm tra', en: '{entry}: no size or checksum' },
  'listed-twice': { vi: '{entry} được kê hai lần', en: '{entry} listed twice' },
  'does-not-belong': { vi: '{entry} không được có trong bản sao lưu', en: '{entry} does not belong in a backup' },
  'secrets-in-clear': { vi: '{entry}: có bí mật trong bản sao lưu không mã hóa', en: '{entry}: secrets in an unencrypted backup' },
  'link-not-allowed': { vi: '{entry}: không được chứa liên kết', en: '{entry}: links are not allowed' },
  'entry-type': { vi: '{entry}: loại mục {type} không được phép', en: '{entry}: entry of type {type}' },
  'path-escapes': { vi: '{entry}: đường dẫn ra ngoài bản sao lưu', en: '{entry}: path leaves the backup' },
  'not-in-manifest': { vi: '{entry} không có trong bảng kê', en: '{entry} is not in the manifest' },
  'entry-twice': { vi: '{entry} có hai lần', en: '{entry} twice' },
  'size-differs': { vi: '{entry}: kích thước khác với bảng kê', en: '{entry}: size differs from the manifest' },
  'checksum-mismatch': { vi: '{entry}: mã kiểm tra SHA-256 không khớp', en: '{entry} checksum mismatch' },
  'file-missing': { vi: 'thiếu {entry}', en: '{entry} missing' },
  'archive-unreadable': { vi: 'tệp nén bị hỏng hoặc không đọc được ({reason})', en: 'the archive is damaged or unreadable ({reason})' },
  'database-unreadable': { vi: 'không đọc được cơ sở dữ liệu trong bản sao lưu ({reason})', en: 'its database cannot be read ({reason})' },
} as const satisfies Record<string, Msg>;

export type BackupProblem = keyof typeof BACKUP_PROBLEMS;

const INVALID: Msg = { vi: 'Bản sao lưu {file} không hợp lệ: {detailVi}. Không có gì bị thay đổi.', en: 'Backup {file} is not valid: {detailEn}. Nothing was changed.' };

/**
 * BACKUP_INVALID with its detail rendered in both languages now and picked at print time (the
 * detail code and its values are in `details`).
 */
export function badBackup(file: string, problem: BackupProblem, vars: Record<string, string | number> = {}): GovDeskError {
  const detail = BACKUP_PROBLEMS[problem];
  return usageError('BACKUP_INVALID', INVALID, { vars: { file, detailVi: tr('vi', detail, vars), detailEn: tr('en', detail, vars) }, details: { problem, ...vars } });
}

/** The reason of an error in a language: a known error's own bilingual text, a library's text as it wrote it. */
function reasonOf(e: unknown, lang: Lang): string {
  if (e instanceof GovDeskError) return e.render(lang).message;
  return e instanceof Error ? e.message : String(e);
}

/** An archive or database that could not be read at all, with the reader's reason in brackets. */
export function unreadable(file: string, problem: 'archive-unreadable' | 'database-unreadable', e: unknown): GovDeskError {
  const detail = BACKUP_PROBLEMS[problem];
  const vars = { file, detailVi: tr('vi', detail, { reason: reasonOf(e, 'vi') }), detailEn: tr('en', detail, { reason: reasonOf(e, 'en') }) };
  return usageError('BACKUP_INVALID', INVALID, { vars, details: { problem }, cause: e });
}

/** What the system said when a file could not be written or moved, in words for the common cases (with the errno). */
const OS_REASONS: Record<string, Msg> = {
  ENOSPC: { vi: 'ổ đĩa đã đầy ({errno})', en: 'the disk is full ({errno})' },
  EDQUOT: { vi: 'hết hạn mức ổ đĩa ({errno})', en: 'the disk quota is used up ({errno})' },
  EACCES: { vi: 'không có quyền ghi ({errno})', en: 'no write permission ({errno})' },
  EPERM: { vi: 'không được phép ({errno})', en: 'not permitted ({errno})' },
  EROFS: { vi: 'ổ chỉ đọc ({errno})', en: 'read-only disk ({errno})' },
  EBUSY: { vi: 'tệp hoặc thư mục đang được dùng ({errno})', en: 'the file or folder is in use ({errno})' },
  EXDEV: { vi: 'không chuyển được sang ổ khác ({errno})', en: 'cannot move across drives ({errno})' },
  ENOTEMPTY: { vi: 'thư mục không trống ({errno})', en: 'the folder is not empty ({errno})' },
};

/**
 * RESTORE_FAILED: restoring stopped on a system error. The reason is rendered in both languages
 * now (words for the common errno codes; another error's own text stays as the system wrote it).
 */
export function restoreFailed(e: unknown, path?: string): GovDeskError {
  const errno = (e as NodeJS.ErrnoException | undefined)?.code;
  const known = errno ? OS_REASONS[errno] : undefined;
  const reason = (lang: Lang) => (known ? tr(lang, known, { errno: errno! }) : reasonOf(e, lang));
  const text: Msg = path === undefined
    ? { vi: 'Khôi phục thất bại: {reasonVi}', en: 'Restore failed: {reasonEn}' }
    : { vi: 'Không ghi được {path}: {reasonVi}', en: 'Cannot write {path}: {reasonEn}' };
  return failure('RESTORE_FAILED', text, { vars: { ...(path === undefined ? {} : { path }), reasonVi: reason('vi'), reasonEn: reason('en') }, details: { errno: errno ?? null }, cause: e });
}
