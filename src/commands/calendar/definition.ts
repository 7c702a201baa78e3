import type { CommandDefinition } from '../types.js';

/** `gov-desk calendar add DATE N`, `calendar show YEAR` and `calendar import FILE`. */
export const definition: CommandDefinition = {
  name: 'calendar',
  summary: {
    vi: 'lịch ngày làm việc: cộng ngày làm việc, xem ngày nghỉ lễ và ngày làm bù',
    en: 'working-day calendar: add working days, list days off and make-up days',
  },
  configure(cmd, kit) {
    const help = kit.t({ vi: 'hiện trợ giúp', en: 'show help' });
    const json = kit.t({ vi: 'in một tài liệu JSON ra stdout', en: 'print one JSON document on stdout' });
    cmd.helpCommand('help [command]', kit.t({ vi: 'hiện trợ giúp của một lệnh con', en: 'show help for a subcommand' }));

    const add = cmd
      .command('add')
      .description(
        kit.t({
          vi: 'In ngày làm việc thứ N sau ngày đã cho (bỏ qua cuối tuần, ngày nghỉ lễ; tính ngày làm bù)',
          en: 'Print the N-th working day after the given date (skipping weekends and days off, counting make-up days)',
        }),
      )
      .argument('<date>', kit.t({ vi: 'ngày bắt đầu, dạng dd/mm/yyyy hoặc YYYY-MM-DD', en: 'start date, dd/mm/yyyy or YYYY-MM-DD' }))
      .argument('<n>', kit.t({ vi: 'số ngày làm việc (0–1000)', en: 'number of working days (0–1000)' }))
      .option('--json', json)
      .helpOption('-h, --help', help);
    kit.handle(add, () => import('./handler.js').then((m) => m.calendarAdd));

    const show = cmd
      .command('show')
      .description(
        kit.t({
          vi: 'Liệt kê ngày nghỉ và ngày làm bù của một năm, kèm nguồn (chính thức / theo luật)',
          en: 'List the days off and make-up working days of a year with their source (official / statutory)',
        }),
      )
      .argument('<year>', kit.t({ vi: 'năm, ví dụ 2026', en: 'year, e.g. 2026' }))
      .option('--json', json)
      .helpOption('-h, --help', help);
    kit.handle(show, () => import('./handler.js').then((m) => m.calendarShow));

    const imp = cmd
      .command('import')
      .description(
        kit.t({
          vi: 'Thêm hoặc thay tệp lịch (lịch nghỉ chính thức của một năm, bổ sung, quy tắc) vào kho dữ liệu: thư mục calendar/ của máy, hoặc cơ sở dữ liệu dùng chung cho mọi máy',
          en: "Add or replace a calendar file (a year's official schedule, an amendment, rules) in the store: this PC's calendar/ folder, or the shared database for every desk",
        }),
      )
      .argument('<file>', kit.t({ vi: 'tệp JSON (định dạng: docs/calendar-and-deadlines.md)', en: 'the JSON file (format: docs/calendar-and-deadlines.md)' }))
      .option('--json', json)
      .helpOption('-h, --help', help);
    kit.handle(imp, () => import('./import.js').then((m) => m.calendarImport));

    kit.examples(cmd, ['gov-desk calendar add 2026-04-24 3', 'gov-desk calendar add 2026-04-24 3 --json', 'gov-desk calendar show 2026', 'gov-desk calendar show 2027 --json']);
  },
};
