import type { CommandDefinition } from '../types.js';

/** `gov-desk completion bash|zsh` (docs/completion.md). */
export const definition: CommandDefinition = {
  name: 'completion',
  summary: { vi: 'in tập lệnh tự hoàn thành (phím Tab) cho bash hoặc zsh', en: 'print the shell completion script (Tab key) for bash or zsh' },
  configure(cmd, kit) {
    const t = kit.t;
    cmd.addArgument(
      cmd.createArgument('<shell>', t({ vi: 'loại shell: bash hoặc zsh', en: 'the shell: bash or zsh' })).choices(['bash', 'zsh']),
    );
    cmd.addHelpText(
      'after',
      `\n${t({
        vi: 'Cài đặt (xem docs/completion.md): bash: thêm `source <(gov-desk completion bash)` vào ~/.bashrc; zsh: gov-desk completion zsh > ~/.zsh/completions/_gov-desk (thư mục có trong fpath).',
        en: 'Install (see docs/completion.md): bash: add `source <(gov-desk completion bash)` to ~/.bashrc; zsh: gov-desk completion zsh > ~/.zsh/completions/_gov-desk (a folder in fpath).',
      })}\n`,
    );
    kit.examples(cmd, [
      'gov-desk completion bash > /etc/bash_completion.d/gov-desk',
      'source <(gov-desk completion bash)',
      'gov-desk completion zsh > ~/.zsh/completions/_gov-desk',
    ]);
    kit.handle(cmd, () => import('./handler.js').then((m) => m.completionHandler));
  },
};
