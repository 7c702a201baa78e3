import { overrideImport } from '../override-import.js';

/** `gov-desk calendar import FILE`: next year's official schedule (or an amendment) for every desk of this store. */
export const calendarImport = overrideImport('calendar', {
  async parse(text, file) {
    const { parseCalendarFile } = await import('../../calendar/loader.js');
    parseCalendarFile(text, file);
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  },
  async build(_ctx, own, content) {
    const { loadCalendar } = await import('../../calendar/loader.js');
    await loadCalendar({ overrides: own });
    const c = content as { kind?: string; year?: number };
    return c.kind === 'statutory-rules' ? 'statutory-rules' : `${c.kind} ${c.year}`;
  },
});
