import type { CommandDefinition } from './types.js';

/**
 * The command registry (design §3): an array of definitions, not a switch. Definitions are small;
 * each handler is imported only when its command runs.
 */
export async function loadRegistry(): Promise<CommandDefinition[]> {
  const mods = await Promise.all([
    import('./init/definition.js'),
    import('./intake/definition.js'),
    import('./guide/definition.js'),
    import('./scan-import/definition.js'),
    import('./submit/definition.js'),
    import('./route/definition.js'),
    import('./result/definition.js'),
    import('./notify/definition.js'),
    import('./print/definition.js'),
    import('./amend/definition.js'),
    import('./show/definition.js'),
    import('./list/definition.js'),
    import('./ledger/definition.js'),
    import('./report/definition.js'),
    import('./catalog/definition.js'),
    import('./calendar/definition.js'),
    import('./sync/definition.js'),
    import('./deadlines/definition.js'),
    import('./outbox/definition.js'),
    import('./portal/definition.js'),
    import('./demo/definition.js'),
    import('./backup/definition.js'),
    import('./restore/definition.js'),
    import('./doctor/definition.js'),
    import('./completion/definition.js'),
    import('./db/definition.js'),
  ]);
  return mods.map((m) => m.definition);
}
