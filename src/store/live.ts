/**
 * Stores opened by this process, by the command run (context) that opened them, so that bin/main
 * can release their connections when that command ends (tiny on purpose: main imports it). Closing
 * by context matters when several commands run in one process (tests, a batch driver): one
 * command's end must not close the pool another is still using.
 */
type Closable = { close(): Promise<void> };
const live = new Map<object, Set<Closable>>();

export function trackStore(owner: object, s: Closable): void {
  let set = live.get(owner);
  if (!set) live.set(owner, (set = new Set()));
  set.add(s);
}

/** Close the stores opened for `owner` (a command's context), or every store when none is given; safe to call twice. */
export async function closeStores(owner?: object): Promise<void> {
  const all: Closable[] = [];
  for (const [k, set] of live) {
    if (owner !== undefined && k !== owner) continue;
    all.push(...set);
    live.delete(k);
  }
  await Promise.allSettled(all.map((s) => s.close()));
}
