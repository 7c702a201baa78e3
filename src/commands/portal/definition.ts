import type { CommandDefinition } from '../types.js';

/** `gov-desk portal sandbox | ping | lookup`. */
export const definition: CommandDefinition = {
  name: 'portal',
  summary: {
    vi: 'kết nối hệ thống một cửa của tỉnh: máy chủ thử (sandbox), kiểm tra kết nối, tra cứu hồ sơ',
    en: 'provincial one-stop system: sandbox server, connection check, dossier look-up',
  },
  configure(cmd, kit) {
    const help = kit.t({ vi: 'hiện trợ giúp', en: 'show help' });
    const json = kit.t({ vi: 'in một tài liệu JSON ra stdout', en: 'print one JSON document on stdout' });
    cmd.helpCommand('help [command]', kit.t({ vi: 'hiện trợ giúp của một lệnh con', en: 'show help for a subcommand' }));

    const sandbox = cmd
      .command('sandbox')
      .description(
        kit.t({
          vi: 'Chạy máy chủ thử theo đúng giao thức của hệ thống một cửa tỉnh (để kiểm thử, trình diễn, tập huấn không cần mạng). Dừng bằng Ctrl+C.',
          en: "Run a sandbox server speaking the provincial one-stop system's contract (tests, demos, offline training). Stop with Ctrl+C.",
        }),
      )
      .option('--port <n>', kit.t({ vi: 'cổng (mặc định 8765, như hồ sơ mẫu; 0: tự chọn cổng trống)', en: 'port (default 8765, as in the example profile; 0: any free port)' }))
      .option('--host <host>', kit.t({ vi: 'địa chỉ lắng nghe (mặc định 127.0.0.1)', en: 'address to listen on (default 127.0.0.1)' }))
      .option('--allow-remote', kit.t({ vi: 'cho phép lắng nghe trên địa chỉ không phải máy này (phòng tập huấn)', en: 'allow a non-loopback address (training room)' }))
      .option('--data <dir>', kit.t({ vi: 'thư mục dữ liệu của máy chủ thử (mặc định <home>/portal-sandbox)', en: 'sandbox data folder (default <home>/portal-sandbox)' }))
      .option('--client-id <id>', kit.t({ vi: 'mã ứng dụng được chấp nhận (mặc định sandbox)', en: 'accepted client id (default sandbox)' }))
      .option('--client-secret <s>', kit.t({ vi: 'mật khẩu ứng dụng được chấp nhận (mặc định sandbox-secret)', en: 'accepted client secret (default sandbox-secret)' }))
      .option('--token-ttl <s>', kit.t({ vi: 'thời hạn token, giây (mặc định 3600)', en: 'token lifetime in seconds (default 3600)' }))
      .option('--auto-process', kit.t({ vi: 'tự chuyển hồ sơ đã nhận sang 4 rồi 9 (một số sang 5: yêu cầu bổ sung)', en: 'move accepted dossiers to 4 then 9 (some to 5: supplement requested)' }))
      .option('--process-delay-ms <n>', kit.t({ vi: 'thời gian mỗi bước tự xử lý, ms (mặc định 30000)', en: 'delay of each auto-process step in ms (default 30000)' }))
      .option('--supplement-rate <p>', kit.t({ vi: 'tỷ lệ hồ sơ bị yêu cầu bổ sung khi tự xử lý, 0–1 (mặc định 0.2)', en: 'share of dossiers sent to "supplement requested" by auto-process, 0–1 (default 0.2)' }))
      .option('--fail-rate <p>', kit.t({ vi: 'xác suất trả lỗi 503 trước khi xử lý, 0–1', en: 'probability of a 503 before applying the request, 0–1' }))
      .option('--drop-rate <p>', kit.t({ vi: 'xác suất cắt kết nối sau khi đã xử lý, 0–1', en: 'probability of resetting the connection after applying the request, 0–1' }))
      .option('--latency-ms <n>', kit.t({ vi: 'độ trễ thêm cho mỗi yêu cầu, ms', en: 'added delay per request in ms' }))
      .option('--rate-limit <n>', kit.t({ vi: 'số yêu cầu mỗi giây cho mỗi ứng dụng (mặc định 20)', en: 'requests per second per client (default 20)' }))
      .option('--seed <n>', kit.t({ vi: 'hạt giống ngẫu nhiên để lặp lại chuỗi lỗi giả lập', en: 'random seed to replay the injected faults' }))
      .option('--quiet', kit.t({ vi: 'không in từng yêu cầu', en: 'do not print each request' }))
      .helpOption('-h, --help', help);
    kit.handle(sandbox, () => import('./handler.js').then((m) => m.portalSandbox));

    const ping = cmd
      .command('ping')
      .description(kit.t({ vi: 'Kiểm tra kết nối và thông tin xác thực (lấy một token), in độ trễ', en: 'Check the connection and credentials (gets a token), print the latency' }))
      .option('--json', json)
      .helpOption('-h, --help', help);
    kit.handle(ping, () => import('./handler.js').then((m) => m.portalPing));

    const lookup = cmd
      .command('lookup')
      .description(kit.t({ vi: 'Tra cứu một hồ sơ trên hệ thống một cửa của tỉnh (TraCuuHoSo)', en: 'Look a dossier up on the provincial one-stop system (TraCuuHoSo)' }))
      .argument('<code>', kit.t({ vi: 'mã hồ sơ', en: 'dossier code' }))
      .option('--json', json)
      .helpOption('-h, --help', help);
    kit.handle(lookup, () => import('./handler.js').then((m) => m.portalLookup));

    kit.examples(cmd, [
      'gov-desk portal sandbox',
      'gov-desk portal sandbox --port 8787 --data ./sandbox-data --auto-process --process-delay-ms 5000',
      'gov-desk portal sandbox --fail-rate 0.3 --drop-rate 0.1 --latency-ms 200 --token-ttl 60',
      'gov-desk portal ping',
      'gov-desk portal lookup 000.00.00.H99-260302-0001 --json',
    ]);
  },
};
