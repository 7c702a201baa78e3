import { readFileSync } from 'node:fs';
import { parseCalendarFile } from '../../src/calendar/loader.js';
import type { OfficialYear } from '../../src/domain/calendar/types.js';
import { buildCalendar } from '../../src/domain/calendar/working-days.js';

/** One built-in official year (`fixtures/calendar/<year>.json`). */
export function officialYear(year: number): OfficialYear {
  const file = new URL(`../../fixtures/calendar/${year}.json`, import.meta.url);
  const f = parseCalendarFile(readFileSync(file, 'utf8'), file.pathname);
  if (f.kind !== 'official') throw new Error('expected an official year');
  return f;
}

/** The working calendar of the built-in official years 2025 and 2026. */
export function builtinCalendar() {
  return buildCalendar([officialYear(2025), officialYear(2026)]);
}
