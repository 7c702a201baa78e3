import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyAction } from '../domain/dossier/apply.js';
import { dayKey, formatDossierCode } from '../domain/dossier/code.js';
import { toVnIso } from '../domain/time.js';
import { parseProfile } from '../config/profile.js';
import { buildHoSo } from '../portal/hoso.js';
import { startSandbox } from '../portal/sandbox/server.js';
import { EmbeddedStore } from '../store/embedded.js';
import { demoScan } from '../commands/demo/scans.js';
import { loadCatalog } from '../catalog/loader.js';
import { snapshotProcedure } from '../intake/snapshot.js';
import { fictitiousDossier, rng } from './fictitious.js';
import type { Measure } from './bench-time.js';

/** The embedded store of a bench home (the submit bench measures the one-PC default). */
const benchStore = (home: string) => new EmbeddedStore(home, 'bench');

/** A home with n received, fully digitised (one scanned PDF each) dossiers. */
export async function readyHome(n: number): Promise<string> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'gov-desk-bench-submit-'));
  const store = benchStore(home);
  const profile = parseProfile(JSON.parse(readFileSync(new URL('../../fixtures/profile.example.json', import.meta.url), 'utf8')), 'profile.example.json');
  await store.setProfile(profile);
  const proc = snapshotProcedure((await loadCatalog({})).require('1.004873'));
  const scan = await demoScan('to-khai', 'Bench');
  const r = rng(3);
  const at = new Date('2026-03-02T02:00:00Z');
  const book = toVnIso(at).slice(0, 4);
  // a bench home is embedded (benchStore): keeping the scans inside the transaction is only local files
  await store.tx(async (t) => {
    for (let i = 0; i < n; i++) {
      const code = formatDossierCode(profile.commune.agencyCode, at, await t.nextNumber('sequence', dayKey(at)));
      const register = { book, number: await t.nextNumber('register', book) };
      let d = { ...fictitiousDossier({ agencyCode: profile.commune.agencyCode, procedures: [proc], r }, '2026-03-02', 1, register.number, false), code, register };
      d = { ...d, events: d.events.filter((e) => e.type === 'received') };
      const bytes = Buffer.concat([scan, Buffer.from(`\n% ${code}\n`)]);
      const rel = `attachments/${code}/to-khai/scan.pdf`;
      const sha = createHash('sha256').update(bytes).digest('hex');
      await store.files.put(rel, bytes, { sha256: sha, mediaType: 'application/pdf', dossier: code });
      await t.putDossier(applyAction(d, 'scanned', { at, operator: 'bench', key: `scan:to-khai:${sha}`, data: { component: 'to-khai', file: { path: rel, sha256: sha, size: bytes.length, pages: 1, sourceName: 'scan.pdf', sourceType: 'pdf' } } }).dossier);
    }
  });
  return home;
}

/** The same records posted by a bare loop: one upload and one single-record DongBoHoSoMC each. */
async function bareLoop(home: string): Promise<number> {
  const sb = await startSandbox({ port: 0, dataDir: mkdtempSync(path.join(os.tmpdir(), 'gov-desk-bench-bare-')), rateLimit: 1_000_000 });
  try {
    const store = benchStore(home);
    const profile = (await store.profile())!;
    const dossiers = await store.openDossiers();
    const tok = (await (await fetch(`${sb.url}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `grant_type=client_credentials&client_id=${sb.clientId}&client_secret=${sb.clientSecret}` })).json()) as { access_token: string };
    const auth = { authorization: `Bearer ${tok.access_token}` };
    const t0 = performance.now();
    for (const d of dossiers) {
      const ev = d.events.find((e) => e.type === 'scanned')!;
      const file = (ev.data as { file: { path: string } }).file;
      const form = new FormData();
      form.append('file', new Blob([(await store.files.get(file.path))!], { type: 'application/pdf' }), 'scan.pdf');
      const up = (await (await fetch(`${sb.url}/files`, { method: 'POST', headers: { ...auth, 'x-mahoso': d.code }, body: form })).json()) as { IdTepTin: string };
      const rec = buildHoSo(d, profile, [{ TepDinhKemId: up.IdTepTin, TenTepDinhKem: 'scan.pdf', MaThanhPhanHoSo: 'to-khai' }]);
      const res = await fetch(`${sb.url}/hoso/dongbo`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ service: 'DongBoHoSoMC', isUpdating: false, data: [rec] }) });
      if (!res.ok) throw new Error(`bare loop: HTTP ${res.status}`);
      await res.arrayBuffer();
    }
    return performance.now() - t0;
  } finally {
    await sb.close();
  }
}

/** `submit --all-ready` of n dossiers against the sandbox on loopback, and the bare loop's time. */
export async function submitBench(bin: string, n: number): Promise<Measure[]> {
  const home = await readyHome(n);
  const bare = await bareLoop(home);
  const sb = await startSandbox({ port: 0, dataDir: mkdtempSync(path.join(os.tmpdir(), 'gov-desk-bench-sbx-')), rateLimit: 1_000_000 });
  try {
    const env = { ...process.env, GOV_DESK_HOME: home, GOV_DESK_PORTAL_URL: sb.url, GOV_DESK_PORTAL_CLIENT_ID: sb.clientId, GOV_DESK_PORTAL_SECRET: sb.clientSecret, CI: '1' };
    // spawn, not spawnSync: the sandbox runs in this process and must keep answering
    const t0 = performance.now();
    const { status, stderr } = await new Promise<{ status: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [bin, 'submit', '--all-ready', '--json', '--concurrency', '8'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ status: code, stderr: err }));
    });
    const ms = performance.now() - t0;
    if (status !== 0) throw new Error(`submit exited ${status}: ${stderr.slice(0, 500)}`);
    const ratio = bare / ms;
    return [
      { name: `bare loop: ${n} uploads + records`, medianMs: bare, runs: 1, target: `${((n / bare) * 1000).toFixed(0)} dossiers/s` },
      { name: `gov-desk submit --all-ready (${n})`, medianMs: ms, runs: 1, target: `${((n / ms) * 1000).toFixed(0)} dossiers/s; ≥ 0.5× bare loop (ratio ${ratio.toFixed(2)})`, ok: ratio >= 0.5 },
    ];
  } finally {
    await sb.close();
  }
}
