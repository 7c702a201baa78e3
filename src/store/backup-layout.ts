import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { HIGH_WATER_FILE } from './high-water.js';

/**
 * What a backup holds, decided for every top-level name of the home (docs/architecture.md,
 * "Backups and restore"). A name nobody listed is data: it is backed up, so that a folder added
 * later (as `notify/` was) is never left out in silence.
 */
export const MANIFEST = 'gov-desk-backup.json';

/** The desk's data: always in a backup, and replaced as a whole by a restore. */
export const DATA_ENTRIES = ['config.json', 'db', 'attachments', 'documents', 'procedures', 'calendar', 'notify', 'notify-templates.json', 'outbox'] as const;
/** Owner-only secret files: only inside an encrypted backup. */
export const SECRET_ENTRIES = ['secrets'] as const;
/**
 * Never in a backup: the counters' high-water mark (outside the snapshot on purpose), the training
 * portal sandbox's own data, and every hidden name (locks, temporary and staging folders, the data
 * kept by an earlier restore in `.pre-restore-*`).
 */
export const LEFT_OUT = [HIGH_WATER_FILE, 'sandbox', 'portal-sandbox'] as const;

export type EntryClass = 'data' | 'secret' | 'left-out';

export function classify(topName: string): EntryClass {
  if (topName.startsWith('.') || (LEFT_OUT as readonly string[]).includes(topName)) return 'left-out';
  if ((SECRET_ENTRIES as readonly string[]).includes(topName)) return 'secret';
  return 'data';
}

/** Files written only by replacing them (rename) or never changed: a hard link is a frozen copy. */
export function linkable(rel: string): boolean {
  const top = rel.split('/')[0];
  return top === 'attachments' || top === 'documents' || (top === 'db' && !growing(rel));
}

/** Archive shards only grow (appended under the store lock): the snapshot keeps their length. */
export function growing(rel: string): boolean {
  return rel.startsWith('db/archive/');
}

/**
 * Derived data, rebuilt from the archive and never in a backup: the people index (`db/people/`,
 * src/store/people-index.ts) and the hidden folder of a build of it. A restored home has none, so
 * its first write rebuilds it from the restored archive.
 */
export function derived(rel: string): boolean {
  return rel.startsWith('db/people/') || rel.startsWith('db/.people-build-');
}

/** Every regular file under the home's top-level name, relative with `/`; temporary and lock files skipped. */
export async function walk(root: string, rel: string, out: string[]): Promise<void> {
  const abs = path.join(root, ...rel.split('/'));
  const st = await fsp.lstat(abs).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw e;
  });
  if (!st) return;
  if (st.isDirectory()) {
    for (const name of (await fsp.readdir(abs)).sort()) {
      if (name.endsWith('.tmp') || name.endsWith('.lock') || name.endsWith('.partial')) continue;
      await walk(root, `${rel}/${name}`, out);
    }
  } else if (st.isFile()) {
    out.push(rel);
  }
}

/** Fields of config.json that hold secrets (docs/notify.md): removed from an unencrypted backup. */
const SECRET_FIELDS = [
  ['notify', 'sms', 'esms', 'apiKey'],
  ['notify', 'sms', 'esms', 'secretKey'],
  ['notify', 'sms', 'http', 'token'],
  ['notify', 'email', 'pass'],
  ['portal', 'clientSecret'],
];
const SECRET_HEADER = /auth|token|key|secret|pass|cookie/i;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * config.json without its secrets: the listed fields, secret-looking HTTP headers and the password
 * of an SMTP URL. Returns the text to store and the dotted names removed. Unparsable text is kept
 * as it is (the profile loader reports it), nothing removed.
 */
export function scrubConfig(text: string): { text: string; removed: string[] } {
  let cfg: unknown;
  try {
    cfg = JSON.parse(text);
  } catch {
    return { text, removed: [] };
  }
  if (!isObj(cfg)) return { text, removed: [] };
  const removed: string[] = [];
  const at = (keys: string[]): Obj | undefined => {
    let o: unknown = cfg;
    for (const k of keys) o = isObj(o) ? o[k] : undefined;
    return isObj(o) ? o : undefined;
  };
  for (const f of SECRET_FIELDS) {
    const parent = at(f.slice(0, -1));
    const k = f[f.length - 1]!;
    if (parent && parent[k] !== undefined && parent[k] !== null) {
      parent[k] = null;
      removed.push(f.join('.'));
    }
  }
  const headers = at(['notify', 'sms', 'http', 'headers']);
  for (const k of Object.keys(headers ?? {})) {
    if (SECRET_HEADER.test(k)) {
      delete headers![k];
      removed.push(`notify.sms.http.headers.${k}`);
    }
  }
  const email = at(['notify', 'email']);
  if (email && typeof email.smtpUrl === 'string') {
    try {
      const u = new URL(email.smtpUrl);
      if (u.password) {
        u.password = '';
        email.smtpUrl = u.toString();
        removed.push('notify.email.smtpUrl (password)');
      }
    } catch {
      // not a URL: left to the settings check
    }
  }
  return removed.length ? { text: `${JSON.stringify(cfg, null, 2)}\n`, removed } : { text, removed };
}
