import { type Lang, type Msg, tr } from '../i18n/index.js';

/**
 * Why a portal outbox entry failed, stored with the entry as a code (issue 12) and rendered in the
 * UI language when shown. `text` holds the words of a known error in both languages as it was
 * raised (messages live next to the code that raises them: there is no global table to look a code
 * up in); the codes below, which the sender itself makes, are worded here from their `vars`.
 * `attempts` is set when the sender gave up after that many attempts. The portal's own message
 * stays as the portal wrote it.
 */
export interface OutboxError {
  code: string;
  vars?: Record<string, string | number>;
  text?: Msg;
  attempts?: number;
}

const WORDS: Record<string, Msg> = {
  PORTAL_CONFLICT: { vi: 'mã này thuộc một hồ sơ khác trên cổng (khác ở: {fields})', en: 'the portal holds another dossier under this code (differs in: {fields})' },
  PORTAL_RECORD_REFUSED: { vi: 'cổng từ chối hồ sơ (mã lỗi {portalCode}): "{portalMessage}"', en: 'the portal refused the record (error code {portalCode}): "{portalMessage}"' },
};
const GAVE_UP: Msg = { vi: ' (đã thử {n} lần)', en: ' ({n} attempts)' };

/** The error in one language: `CODE: words`, with the number of attempts when the sender gave up. */
export function outboxErrorText(err: OutboxError, lang: Lang): string {
  const known = WORDS[err.code];
  const words = err.text ? err.text[lang] : known ? tr(lang, known, err.vars) : '';
  const tail = err.attempts !== undefined ? tr(lang, GAVE_UP, { n: err.attempts }) : '';
  return `${err.code}${words ? `: ${words}` : ''}${tail}`;
}

/** The same in both languages (for a result shown right away). */
export function outboxErrorMsg(err: OutboxError): Msg {
  return { vi: outboxErrorText(err, 'vi'), en: outboxErrorText(err, 'en') };
}

/** What to show for an entry's last error: the stored code in the UI language, else (an entry written before codes were stored) its text as it is. */
export function lastErrorShown(e: { lastError: string | null; error?: OutboxError | null }, lang: Lang): string | null {
  return e.error ? outboxErrorText(e.error, lang) : e.lastError;
}
