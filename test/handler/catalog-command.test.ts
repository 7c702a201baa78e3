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
    // a bare "1" on the portal stays the record's "1", with the one short unconfirmed mark
    expect(en.stdout).toMatch(/in person:\s+1 \(\?\)\n/);
    expect(en.stdout).not.toContain('working day(s)');
    expect(en.stdout).toContain('Received after 15:00: the result within the next working day');
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
    expect(unit.stdout).toContain('1 (?)');
    expect(unit.stdout).toContain('gov-desk catalog show 1.000656 --details');
    expect(unit.stdout).not.toContain('CHƯA XÁC NHẬN');
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

describe('catalog captions read as an operator says them (issue 18)', () => {
  it('stated units in words, singular in English, never "thời hạn: thời hạn"', async () => {
    const en = await runInProcess(['--lang', 'en', 'catalog', 'show', '1.004837']);
    expect(en.stdout).toMatch(/in person:\s+3 working days/);
    const vi = await runInProcess(['--lang', 'vi', 'catalog', 'show', '1.004837']);
    expect(vi.stdout).toMatch(/trực tiếp:\s+3 ngày làm việc/);
    const { timeCaption } = await import('../../src/catalog/captions.js');
    expect(timeCaption({ value: 1, unit: 'working-days', unitStated: true }, 'en')).toBe('1 working day');
    expect(timeCaption({ value: 1, unit: 'working-days', unitStated: true }, 'vi')).toBe('1 ngày làm việc');
    expect(timeCaption({ value: 0.5, unit: 'working-days', unitStated: true }, 'vi')).toBe('0,5 ngày làm việc');
    expect(timeCaption(null, 'vi')).toBe('không có thông tin');
    const { loadCatalogPort } = await import('../../src/commands/intake/catalog-port.js');
    const port = await loadCatalogPort(tempHome());
    const lines = port.details(port.require('2.000815'), 'vi');
    expect(lines.join('\n')).not.toMatch(/[Tt]hời hạn: thời hạn/);
    expect(lines.join('\n')).toContain('Thời hạn: không có thông tin');
  });

  it('an old fee text of another province is not shown among the fees', async () => {
    const r = await runInProcess(['--lang', 'vi', 'catalog', 'show', '1.001193']);
    const fees = r.stdout.slice(r.stdout.indexOf('Phí, lệ phí'), r.stdout.indexOf('Thành phần hồ sơ'));
    expect(fees).not.toContain('Hà Đông');
    expect(r.stdout).toContain('Chỉ để tham khảo, không phải mức phí hiện hành');
  });

  it('--details explains the marks: the time notes and the unconfirmed points', async () => {
    const short = await runInProcess(['--lang', 'vi', 'catalog', 'show', '1.001193']);
    expect(short.stdout).not.toContain('Cổng chỉ ghi con số');
    const long = await runInProcess(['--lang', 'vi', 'catalog', 'show', '1.001193', '--details']);
    expect(long.code).toBe(0);
    expect(long.stdout).toContain('Cổng chỉ ghi con số, không ghi đơn vị');
    expect(long.stdout).toContain('(?) Chưa xác nhận');
    expect(long.stdout).toContain('Đơn vị của thời hạn giải quyết');
  });

  it('case-dependent time limits are listed by case, and "one of" groups are named', async () => {
    const r = await runInProcess(['--lang', 'vi', 'catalog', 'show', '1.013225']);
    expect(r.stdout).toContain('Nhà ở riêng lẻ [nha-o-rieng-le]: 15 ngày');
    expect(r.stdout).toContain('Công trình tôn giáo [ton-giao]: 20 ngày');
    const g = await runInProcess(['--lang', 'vi', 'catalog', 'show', '1.001022']);
    expect(g.stdout).toContain('một trong các giấy tờ: Giấy tờ chứng minh quan hệ cha, mẹ, con');
  });
});
