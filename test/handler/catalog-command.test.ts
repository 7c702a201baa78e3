import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { BUILTIN_DIR } from '../../src/catalog/loader.js';
import { runInProcess, tempHome } from '../helpers/context.js';

// Only the catalog command is under test here; the other commands have their own tests.
vi.mock('../../src/commands/registry.js', () => ({
  loadRegistry: async () => [(await import('../../src/commands/catalog/definition.js')).definition],
}));

interface Listed {
  schemaVersion: number;
  procedures: { code: string; name: string; field: string; score?: number }[];
}

describe('gov-desk catalog', () => {
  it('list --json prints one document with every procedure', async () => {
    const r = await runInProcess(['catalog', 'list', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Listed;
    expect(doc.schemaVersion).toBe(1);
    expect(doc.procedures.length).toBeGreaterThanOrEqual(20);
    expect(doc.procedures.find((p) => p.code === '1.001193')).toMatchObject({ name: 'Thủ tục đăng ký khai sinh', field: 'Hộ tịch' });
  });

  it('list --field filters ignoring diacritics and prints a readable list', async () => {
    const json = await runInProcess(['catalog', 'list', '--field', 'ho tich', '--json']);
    const doc = JSON.parse(json.stdout) as Listed;
    expect(doc.procedures.length).toBe(11);
    expect(new Set(doc.procedures.map((p) => p.field))).toEqual(new Set(['Hộ tịch']));

    const text = await runInProcess(['catalog', 'list', '--field', 'Chứng thực']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Chứng thực (4)');
    expect(text.stdout).toContain('2.000884');
    expect(text.stdout).not.toContain('1.001193');

    const none = await runInProcess(['catalog', 'list', '--field', 'khong co']);
    expect(none.code).toBe(0);
    expect(none.stderr).toContain('Hộ tịch');
  });

  it('show prints what the operator needs, in English or Vietnamese labels', async () => {
    const en = await runInProcess(['catalog', 'show', '1.001193']);
    expect(en.code).toBe(0);
    expect(en.stdout).toContain('1.001193  Thủ tục đăng ký khai sinh');
    expect(en.stdout).toContain('1 working day(s) (unit not stated)');
    expect(en.stdout).toContain('Received after 15:00');
    expect(en.stdout).toContain('[bien-ban-bo-roi]');
    expect(en.stdout).toContain('if: Trẻ em bị bỏ rơi');
    expect(en.stdout).toContain('Guidance (rules, not papers to hand in)');
    expect(en.stdout).toContain('https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7');

    const vi_ = await runInProcess(['--lang', 'vi', 'catalog', 'show', '2.000815']);
    expect(vi_.stdout).toContain('Thời hạn giải quyết');
    expect(vi_.stdout).toContain('không có thông tin');
    expect(vi_.stdout).toContain('2.000 đồng/trang');
    expect(vi_.stdout).toContain('xuất trình');

    const unit = await runInProcess(['--lang', 'vi', 'catalog', 'show', '1.000656']);
    expect(unit.stdout).toContain('(đơn vị không ghi rõ)');
  });

  it('show --json gives the procedure with stable component ids', async () => {
    const r = await runInProcess(['catalog', 'show', '1.001193', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { schemaVersion: number; procedure: { code: string; components: Record<string, unknown>[] } };
    expect(doc.schemaVersion).toBe(1);
    expect(doc.procedure.code).toBe('1.001193');
    for (const c of doc.procedure.components) {
      expect(Object.keys(c)).toEqual(expect.arrayContaining(['id', 'name', 'kind', 'copy', 'quantity', 'condition', 'required']));
      expect(['submit', 'present']).toContain(c.kind);
    }
    expect(doc.procedure.components.map((c) => c.id)).toContain('giay-chung-sinh');
  });

  it('show of an unknown code exits 2 with a suggestion', async () => {
    const r = await runInProcess(['catalog', 'show', '1.00119']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('1.00119');
    expect(r.stderr).toContain('1.001193');
  });

  it('search ranks the best match first and prints JSON on request', async () => {
    const r = await runInProcess(['catalog', 'search', 'dang', 'ky', 'khai', 'sinh', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Listed & { query: string };
    expect(doc.schemaVersion).toBe(1);
    expect(doc.query).toBe('dang ky khai sinh');
    expect(doc.procedures[0]?.code).toBe('1.001193');
    expect(doc.procedures.slice(1).map((p) => p.code)).toEqual(expect.arrayContaining(['1.000689', '1.004884']));

    const quoted = await runInProcess(['catalog', 'search', 'đăng ký khai sinh', '--limit', '2']);
    expect(quoted.stdout.split('\n')[0]).toMatch(/^1\.\s+1\.001193\s+Thủ tục đăng ký khai sinh — Hộ tịch$/);
    expect(quoted.stdout.trim().split('\n')).toHaveLength(2);

    const none = await runInProcess(['catalog', 'search', 'xyzxyz']);
    expect(none.code).toBe(0);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('xyzxyz');
  });

  it('search --limit must be a positive integer', async () => {
    for (const bad of ['0', '-3', 'ten']) {
      const r = await runInProcess(['catalog', 'search', 'khai', 'sinh', '--limit', bad]);
      expect(r.code, bad).toBe(2);
    }
  });

  it("uses the commune's own procedure files from the home folder", async () => {
    const home = tempHome();
    mkdirSync(path.join(home, 'procedures'));
    const doc = JSON.parse(readFileSync(path.join(BUILTIN_DIR, '1.004837.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(path.join(home, 'procedures', 'giam-ho.json'), JSON.stringify({ ...doc, version: 'Xã Thử Nghiệm · r7' }));
    const r = await runInProcess(['catalog', 'show', '1.004837', '--json'], { home });
    const out = JSON.parse(r.stdout) as { procedure: { version: string }; origin: { origin: string; overrides: boolean } };
    expect(out.procedure.version).toBe('Xã Thử Nghiệm · r7');
    expect(out.origin).toMatchObject({ origin: 'home', overrides: true });

    writeFileSync(path.join(home, 'procedures', 'broken.json'), '{"schemaVersion": 1}');
    const bad = await runInProcess(['catalog', 'list'], { home });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('broken.json');
  });

  it('help is bilingual', async () => {
    const vi_ = await runInProcess(['--lang', 'vi', 'catalog', 'search', '--help']);
    expect(vi_.code).toBe(0);
    expect(vi_.stdout).toContain('không cần gõ dấu');
    const en = await runInProcess(['catalog', '--help']);
    expect(en.stdout).toContain('gov-desk catalog search dang ky khai sinh');
  });
});
