/** Stores opened by this process, so that bin/main can release their connections (tiny on purpose: main imports it). */
const live = new Set<{ close(): Promise<void> }>();

export function trackStore(s: { close(): Promise<void> }): void {
  live.add(s);
}

/** Close every store opened by this process (connection pools); safe to call twice. */
export async function closeStores(): Promise<void> {
  const all = [...live];
  live.clear();
  await Promise.allSettled(all.map((s) => s.close()));
}
