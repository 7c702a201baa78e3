import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { applyAction } from '../../src/domain/dossier/apply.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import { runInProcess, tempHome } from './context.js';
import { sha256 } from './backup-files.js';

export const NOW = new Date('2026-03-02T02:00:00Z');
const ENV = { GOV_DESK_LANG: 'en', GOV_DESK_OPERATOR: 'Trần Văn Đức' };

/** A fresh home made by `init --example`, a folder for backups, and the steps the backup tests use. */
export async function newDesk() {
  const home = tempHome();
  const dest = tempHome('gov-desk-backups-');
  const run = (args: string[], h = home, env: Record<string, string> = {}) => runInProcess(args, { home: h, now: () => NOW, env: { ...ENV, ...env } });
  expect((await run(['init', '--example', '--no-input'])).code).toBe(0);
  async function intake(): Promise<string> {
    const r = await run(['intake', '--procedure', '1.001193', '--name', 'Nguyễn Thị Hường', '--id-number', '060190001234', '--birth-date', '12/05/1990', '--phone', '0912345678', '--all-components', '--no-input', '--json']);
    expect(r.code, r.stderr).toBe(0);
    return (JSON.parse(r.stdout) as { dossier: { code: string } }).dossier.code;
  }
  /** A stored scan recorded on the dossier, as scan-import leaves it (read-only, SHA-256 in the event). */
  async function attach(code: string, bytes: Buffer): Promise<string> {
    const sha = sha256(bytes);
    const rel = `attachments/${code}/to-khai/${sha.slice(0, 12)}-scan.pdf`;
    mkdirSync(path.dirname(path.join(home, rel)), { recursive: true, mode: 0o700 });
    writeFileSync(path.join(home, rel), bytes, { mode: 0o400 });
    await new EmbeddedStore(home, 'test').tx(async (t) => {
      const d = (await t.dossier(code))!;
      await t.putDossier(applyAction(d, 'scanned', { at: NOW, operator: 'Trần Văn Đức', key: `scan:to-khai:${sha}`, data: { component: 'to-khai', file: { path: rel, sha256: sha, size: bytes.length, pages: 1, sourceName: 'scan.pdf', sourceType: 'pdf' } } }).dossier);
    });
    return rel;
  }
  async function backup(extra: string[] = [], env: Record<string, string> = {}): Promise<{ file: string; out: Record<string, unknown> }> {
    const r = await run(['backup', '--to', dest, '--json', ...extra], home, env);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown> & { file: string };
    return { file: out.file, out };
  }
  return { home, dest, run, intake, attach, backup };
}

export type Desk = Awaited<ReturnType<typeof newDesk>>;
