import type { Context } from '../../context.js';
import { usageError } from '../../errors.js';
import { loadRegistry } from '../registry.js';
import type { Handler } from '../types.js';
import { bashScript } from './bash.js';
import { type CommandSpec, describeProgram } from './model.js';
import { zshScript } from './zsh.js';

export type Shell = 'bash' | 'zsh';

/** The completion script for a shell, from the command registry, descriptions in ctx.lang. */
export async function completionScript(shell: Shell, lang: Context['lang']): Promise<string> {
  const tree: CommandSpec = await describeProgram(await loadRegistry(), lang);
  return shell === 'bash' ? bashScript(tree) : zshScript(tree);
}

/** `gov-desk completion bash|zsh`: the script on stdout. */
export const completionHandler: Handler = async (ctx, { args }) => {
  const shell = args[0];
  if (shell !== 'bash' && shell !== 'zsh') {
    throw usageError(
      'COMPLETION_SHELL',
      { vi: 'Không hỗ trợ shell "{shell}". Chọn bash hoặc zsh.', en: 'Unsupported shell "{shell}". Choose bash or zsh.' },
      { vars: { shell: shell ?? '' }, hint: { vi: 'gov-desk completion bash', en: 'gov-desk completion bash' } },
    );
  }
  ctx.stdout.write(await completionScript(shell, ctx.lang));
  return 0;
};
