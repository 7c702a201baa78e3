import type { Appointment } from '../domain/calendar/appointment.js';
import { formatClock, formatVnDate, vnDate, vnMinuteOfDay } from '../domain/time.js';
import type { Msg } from '../i18n/index.js';

/**
 * Received outside counter hours or on a day off (often a PC clock that is wrong, or papers typed
 * up at night): said before the receipt prints "04 giờ 01 phút" as the time of receipt. After the
 * cut-off within opening hours is ordinary and not warned about.
 */
export function outsideHoursWarning(receivedAt: Date, appt: Pick<Appointment, 'reason' | 'effectiveStart'>): Msg | null {
  if (appt.reason !== 'outside-hours' && appt.reason !== 'non-working-day') return null;
  const at = `${formatClock(vnMinuteOfDay(receivedAt))} ${formatVnDate(vnDate(receivedAt))}`;
  const start = `${formatClock(vnMinuteOfDay(appt.effectiveStart))} ${formatVnDate(vnDate(appt.effectiveStart))}`;
  return appt.reason === 'outside-hours'
    ? {
        vi: `Cảnh báo: đang nhận hồ sơ ngoài giờ làm việc (${at}); Giấy tiếp nhận sẽ ghi giờ này, thời hạn tính từ ${start}. Kiểm tra đồng hồ máy tính; hồ sơ nhận lúc khác thì dùng --received-at.`,
        en: `Warning: receiving outside counter hours (${at}); the receipt will show this time, the clock starts at ${start}. Check the PC clock; for papers received at another time use --received-at.`,
      }
    : {
        vi: `Cảnh báo: đang nhận hồ sơ vào ngày nghỉ (${at}); Giấy tiếp nhận sẽ ghi ngày giờ này, thời hạn tính từ ${start}. Kiểm tra đồng hồ máy tính; hồ sơ nhận lúc khác thì dùng --received-at.`,
        en: `Warning: receiving on a day off (${at}); the receipt will show this date and time, the clock starts at ${start}. Check the PC clock; for papers received at another time use --received-at.`,
      };
}
