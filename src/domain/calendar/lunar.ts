/**
 * The Vietnamese lunar calendar, after Hồ Ngọc Đức's public algorithm ("Âm lịch Việt Nam"),
 * which uses Jean Meeus' new-moon and sun-longitude approximations and the Vietnamese time zone
 * (UTC+7). The zone matters: Tết 1985 and 2007 differ from the Chinese calendar (UTC+8).
 * Valid for the Gregorian years 1900–2199. Pure arithmetic, no clock.
 */
import { type IsoDate, parseIsoDate } from '../time.js';

export const VN_TIME_ZONE = 7;
export const LUNAR_MIN_YEAR = 1900;
export const LUNAR_MAX_YEAR = 2199;

export interface LunarDate {
  day: number;
  month: number; // 1-12
  /** The lunar year, named after the Gregorian year in which its month 1 starts. */
  year: number;
  leap: boolean;
}

const INT = Math.floor;
const PI = Math.PI;
const dr = PI / 180;
const p2 = (n: number): string => String(n).padStart(2, '0');

/** Julian day number of a Gregorian (after 1582) or Julian calendar date. */
export function jdFromDate(dd: number, mm: number, yy: number): number {
  const a = INT((14 - mm) / 12);
  const y = yy + 4800 - a;
  const m = mm + 12 * a - 3;
  let jd = dd + INT((153 * m + 2) / 5) + 365 * y + INT(y / 4) - INT(y / 100) + INT(y / 400) - 32045;
  if (jd < 2299161) jd = dd + INT((153 * m + 2) / 5) + 365 * y + INT(y / 4) - 32083;
  return jd;
}

export function jdToDate(jd: number): [number, number, number] {
  let b: number;
  let c: number;
  if (jd > 2299160) {
    const a = jd + 32044;
    b = INT((4 * a + 3) / 146097);
    c = a - INT((b * 146097) / 4);
  } else {
    b = 0;
    c = jd + 32082;
  }
  const d = INT((4 * c + 3) / 1461);
  const e = c - INT((1461 * d) / 4);
  const m = INT((5 * e + 2) / 153);
  const day = e - INT((153 * m + 2) / 5) + 1;
  const month = m + 3 - 12 * INT(m / 10);
  const year = b * 100 + d - 4800 + INT(m / 10);
  return [day, month, year];
}

/** Julian date (fractional) of the k-th new moon after the one of 1900-01-01 13:52 UT. */
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * dr);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
  let C1 = (0.1734 - 0.000393 * T) * Math.sin(M * dr) + 0.0021 * Math.sin(2 * dr * M);
  C1 = C1 - 0.4068 * Math.sin(Mpr * dr) + 0.0161 * Math.sin(dr * 2 * Mpr);
  C1 = C1 - 0.0004 * Math.sin(dr * 3 * Mpr);
  C1 = C1 + 0.0104 * Math.sin(dr * 2 * F) - 0.0051 * Math.sin(dr * (M + Mpr));
  C1 = C1 - 0.0074 * Math.sin(dr * (M - Mpr)) + 0.0004 * Math.sin(dr * (2 * F + M));
  C1 = C1 - 0.0004 * Math.sin(dr * (2 * F - M)) - 0.0006 * Math.sin(dr * (2 * F + Mpr));
  C1 = C1 + 0.001 * Math.sin(dr * (2 * F - Mpr)) + 0.0005 * Math.sin(dr * (2 * Mpr + M));
  const deltat =
    T < -11 ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3 : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + C1 - deltat;
}

/** Sun longitude in radians, normalised to [0, 2π), at a (fractional) Julian date. */
function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525;
  const T2 = T * T;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(dr * M);
  DL = DL + (0.019993 - 0.000101 * T) * Math.sin(dr * 2 * M) + 0.00029 * Math.sin(dr * 3 * M);
  let L = (L0 + DL) * dr;
  L = L - PI * 2 * INT(L / (PI * 2));
  return L;
}

/** The sun's longitude sector (0–11, 30° each) at local midnight starting the given day. */
export function getSunLongitude(dayNumber: number, timeZone = VN_TIME_ZONE): number {
  return INT((sunLongitude(dayNumber - 0.5 - timeZone / 24) / PI) * 6);
}

/** Julian day number of the local day of the k-th new moon. */
export function getNewMoonDay(k: number, timeZone = VN_TIME_ZONE): number {
  return INT(newMoon(k) + 0.5 + timeZone / 24);
}

/** Start day of the lunar month 11 (the one holding the winter solstice) of a Gregorian year. */
export function getLunarMonth11(yy: number, timeZone = VN_TIME_ZONE): number {
  const off = jdFromDate(31, 12, yy) - 2415021;
  const k = INT(off / 29.530588853);
  let nm = getNewMoonDay(k, timeZone);
  const sunLong = getSunLongitude(nm, timeZone);
  if (sunLong >= 9) nm = getNewMoonDay(k - 1, timeZone);
  return nm;
}

/** Offset, counted from month 11, of the leap month of a 13-month lunar year. */
export function getLeapMonthOffset(a11: number, timeZone = VN_TIME_ZONE): number {
  const k = INT((a11 - 2415021.076998695) / 29.530588853 + 0.5);
  let last: number;
  let i = 1;
  let arc = getSunLongitude(getNewMoonDay(k + i, timeZone), timeZone);
  do {
    last = arc;
    i++;
    arc = getSunLongitude(getNewMoonDay(k + i, timeZone), timeZone);
  } while (arc !== last && i < 14);
  return i - 1;
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < LUNAR_MIN_YEAR || year > LUNAR_MAX_YEAR) {
    throw new RangeError(`lunar calendar supports the years ${LUNAR_MIN_YEAR}–${LUNAR_MAX_YEAR}, not ${year}`);
  }
}

export function convertSolar2Lunar(dd: number, mm: number, yy: number, timeZone = VN_TIME_ZONE): LunarDate {
  const dayNumber = jdFromDate(dd, mm, yy);
  const k = INT((dayNumber - 2415021.076998695) / 29.530588853);
  let monthStart = getNewMoonDay(k + 1, timeZone);
  if (monthStart > dayNumber) monthStart = getNewMoonDay(k, timeZone);
  let a11 = getLunarMonth11(yy, timeZone);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = yy;
    a11 = getLunarMonth11(yy - 1, timeZone);
  } else {
    lunarYear = yy + 1;
    b11 = getLunarMonth11(yy + 1, timeZone);
  }
  const lunarDay = dayNumber - monthStart + 1;
  const diff = INT((monthStart - a11) / 29);
  let leap = false;
  let lunarMonth = diff + 11;
  if (b11 - a11 > 365) {
    const leapMonthDiff = getLeapMonthOffset(a11, timeZone);
    if (diff >= leapMonthDiff) {
      lunarMonth = diff + 10;
      if (diff === leapMonthDiff) leap = true;
    }
  }
  if (lunarMonth > 12) lunarMonth -= 12;
  if (lunarMonth >= 11 && diff < 4) lunarYear -= 1;
  return { day: lunarDay, month: lunarMonth, year: lunarYear, leap };
}

/** The Gregorian date of a lunar date, or null when it does not exist (e.g. a leap month that year lacks). */
export function convertLunar2Solar(l: LunarDate, timeZone = VN_TIME_ZONE): [number, number, number] | null {
  let a11: number;
  let b11: number;
  if (l.month < 11) {
    a11 = getLunarMonth11(l.year - 1, timeZone);
    b11 = getLunarMonth11(l.year, timeZone);
  } else {
    a11 = getLunarMonth11(l.year, timeZone);
    b11 = getLunarMonth11(l.year + 1, timeZone);
  }
  const k = INT(0.5 + (a11 - 2415021.076998695) / 29.530588853);
  let off = l.month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = getLeapMonthOffset(a11, timeZone);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (l.leap && l.month !== leapMonth) return null;
    if (l.leap || off >= leapOff) off += 1;
  } else if (l.leap) {
    return null;
  }
  const monthStart = getNewMoonDay(k + off, timeZone);
  return jdToDate(monthStart + l.day - 1);
}

/** Lunar date of a Gregorian calendar date (Vietnam, UTC+7). */
export function solarToLunar(date: IsoDate): LunarDate {
  const [y, m, d] = parseIsoDate(date);
  checkYear(y);
  return convertSolar2Lunar(d, m, y);
}

/**
 * Gregorian date of a lunar date, or null when that lunar date does not exist (a leap month the
 * year lacks, or day 30 of a 29-day month: checked by converting back).
 */
export function lunarToSolar(l: LunarDate): IsoDate | null {
  checkYear(l.year);
  if (!Number.isInteger(l.day) || l.day < 1 || l.day > 30 || !Number.isInteger(l.month) || l.month < 1 || l.month > 12) return null;
  const r = convertLunar2Solar(l);
  if (!r) return null;
  const iso = `${r[2]}-${p2(r[1])}-${p2(r[0])}`;
  const back = convertSolar2Lunar(r[0], r[1], r[2]);
  if (back.day !== l.day || back.month !== l.month || back.year !== l.year || back.leap !== l.leap) return null;
  return iso;
}

/** Mùng 1 Tết (1st day of the 1st lunar month) of the lunar year starting in a Gregorian year. */
export function tetDate(year: number): IsoDate {
  const d = lunarToSolar({ day: 1, month: 1, year, leap: false });
  if (!d) throw new RangeError(`no lunar new year for ${year}`);
  return d;
}
