import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { failure } from '../../errors.js';
import { ensureDir, readTextIfExists, writeFileAtomic } from '../../store/files.js';
import type { HoSo, TienDo } from '../types.js';

/**
 * The sandbox's persistent state under its data folder: `state.json` (records, file index,
 * tokens) and `files/<IdTepTin>` (uploaded bytes). Every change is written atomically before the
 * answer leaves, so a restart (or a connection dropped after the change) loses nothing.
 */

export interface StoredRecord {
  /** The record as the province sees it now (server-side status changes included). */
  hoSo: HoSo;
  /** The record exactly as last accepted from the client: re-sending it is answered 0. */
  submitted: HoSo;
  NgayCapNhat: string;
  updatedAtMs: number;
  /** Update sequence number: orders changes that share a second. */
  seq: number;
  TienDo: TienDo[];
  /** Moved along by --auto-process. */
  auto: boolean;
}

export interface StoredFile {
  IdTepTin: string;
  MaHoSo: string;
  HashTepTin: string;
  KichThuoc: number;
  TenTep: string;
  LoaiTep: string;
  uploadedAtMs: number;
}

export interface StoredToken {
  clientId: string;
  expiresAtMs: number;
}

interface StateDoc {
  schemaVersion: 1;
  seq: number;
  records: StoredRecord[];
  files: StoredFile[];
  tokens: Array<StoredToken & { token: string }>;
}

export class SandboxState {
  readonly records = new Map<string, StoredRecord>();
  readonly files = new Map<string, StoredFile>();
  readonly tokens = new Map<string, StoredToken>();
  private seq = 0;
  private writing: Promise<void> = Promise.resolve();

  private constructor(readonly dataDir: string) {}

  get stateFile(): string {
    return path.join(this.dataDir, 'state.json');
  }

  get filesDir(): string {
    return path.join(this.dataDir, 'files');
  }

  static async open(dataDir: string): Promise<SandboxState> {
    const st = new SandboxState(path.resolve(dataDir));
    await ensureDir(st.filesDir);
    const text = await readTextIfExists(st.stateFile);
    if (text !== undefined) st.load(text);
    return st;
  }

  private load(text: string): void {
    let doc: StateDoc;
    try {
      doc = JSON.parse(text) as StateDoc;
      if (doc.schemaVersion !== 1 || !Array.isArray(doc.records) || !Array.isArray(doc.files) || !Array.isArray(doc.tokens)) throw new Error('unexpected shape');
    } catch (e) {
      // never overwrite a file we cannot read: the trainer may want it back
      throw failure('SANDBOX_STATE_INVALID', { vi: 'Tệp trạng thái của máy chủ thử {file} không đọc được: {err}', en: 'The sandbox state file {file} cannot be read: {err}' }, {
        vars: { file: this.stateFile, err: (e as Error).message },
        hint: { vi: 'Dùng một thư mục --data khác, hoặc xóa tệp này nếu không cần dữ liệu cũ.', en: 'Use another --data folder, or delete this file if the old data is not needed.' },
      });
    }
    this.seq = typeof doc.seq === 'number' ? doc.seq : 0;
    for (const r of doc.records) this.records.set(r.hoSo.MaHoSo, r);
    for (const f of doc.files) this.files.set(f.IdTepTin, f);
    for (const t of doc.tokens) this.tokens.set(t.token, { clientId: t.clientId, expiresAtMs: t.expiresAtMs });
  }

  nextSeq(): number {
    return ++this.seq;
  }

  /** Write the whole state (writes are serialised; each writes the latest snapshot). */
  save(): Promise<void> {
    const run = this.writing.then(() => writeFileAtomic(this.stateFile, this.serialise()));
    this.writing = run.catch(() => undefined);
    return run;
  }

  private serialise(): string {
    const doc: StateDoc = {
      schemaVersion: 1,
      seq: this.seq,
      records: [...this.records.values()],
      files: [...this.files.values()],
      tokens: [...this.tokens.entries()].map(([token, t]) => ({ token, ...t })),
    };
    return `${JSON.stringify(doc)}\n`;
  }

  /** Store uploaded bytes (atomically) under files/. */
  async writeBlob(id: string, bytes: Buffer): Promise<void> {
    await writeFileAtomic(path.join(this.filesDir, id), bytes);
  }

  async hasBlob(id: string): Promise<boolean> {
    try {
      await fsp.access(path.join(this.filesDir, id));
      return true;
    } catch {
      return false;
    }
  }

  /** Forget expired tokens (called when a new one is issued). */
  pruneTokens(nowMs: number): void {
    for (const [k, t] of this.tokens) if (t.expiresAtMs <= nowMs) this.tokens.delete(k);
  }
}
