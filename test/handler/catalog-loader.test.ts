import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isGovDeskError } from '../../src/errors.js';
import { BUILTIN_DIR, loadCatalog, loadCatalogSync } from '../../src/catalog/loader.js';
import { tempHome } from '../helpers/context.js';

function builtin(code: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(BUILTIN_DIR, `${code}.json`), 'utf8')) as Record<string, unknown>;
}

function homeWith(files: Record<string, unknown>): string {
  const home = tempHome('gov-desk-catalog-');
  mkdirSync(path.join(home, 'procedures'));
  for (const [name, doc] of Object.entries(files)) {
    writeFileSync(path.join(home, 'procedures', name), typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2));
  }
  return home;
}

function caught(fn: () => unknown): { code: string; en: string; vi: string; vars: Record<string, string | number> } {
  try {
    fn();
  } catch (e) {
    if (!isGovDeskError(e)) throw e;
    return { code: e.code, en: e.render('en').message + (e.hint ? ` | ${e.render('en').hint}` : ''), vi: e.render('vi').message, vars: e.vars ?? {} };
  }
  throw new Error('expected an error');
}

describe('catalogue loader', () => {
  it('loads the built-in catalogue quickly', async () => {
    const t0 = performance.now();
    const c = await loadCatalog({});
    const ms = performance.now() - t0;
    expect(c.size).toBeGreaterThanOrEqual(20);
    expect(ms).toBeLessThan(1000);
    expect(c.fields()).toContain('Hộ tịch');
    expect(c.entry('1.001193')).toMatchObject({ origin: 'builtin', overrides: false });
    expect(c.entry('1.001193')?.hash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('a home without a procedures folder changes nothing', () => {
    const c = loadCatalogSync({ home: tempHome() });
    expect(c.entry('1.001193')?.origin).toBe('builtin');
  });

  it('lets a commune override a procedure by code and add its own', () => {
    const override = { ...builtin('1.001193'), version: 'UBND xã Thử Nghiệm · r2', cutoff: '16:00' };
    const own = { ...builtin('1.002211'), code: '9.000001', name: 'Thủ tục riêng của xã thử nghiệm', source: { url: 'https://example.org/x', crawl: null, also: [] } };
    const home = homeWith({ 'khai-sinh.json': override, '9.000001.json': own, 'README.txt': 'ignored' });
    const c = loadCatalogSync({ home });
    expect(c.get('1.001193')).toMatchObject({ version: 'UBND xã Thử Nghiệm · r2', cutoff: '16:00' });
    expect(c.entry('1.001193')).toMatchObject({ origin: 'home', overrides: true, file: path.join(home, 'procedures', 'khai-sinh.json') });
    expect(c.entry('9.000001')).toMatchObject({ origin: 'home', overrides: false });
    expect(c.search('thu tuc rieng xa', 1)[0]?.code).toBe('9.000001');
    expect(c.size).toBe(loadCatalogSync({}).size + 1);
  });

  it('names the file and the field of an invalid procedure', () => {
    const bad = builtin('1.001193');
    (bad.components as Record<string, unknown>[])[2]!.kind = 'hand-over';
    const home = homeWith({ 'bad.json': bad });
    const err = caught(() => loadCatalogSync({ home }));
    expect(err.code).toBe('CATALOG_INVALID');
    expect(err.vars.field).toBe('components[2].kind');
    expect(err.vars.file).toBe(path.join(home, 'procedures', 'bad.json'));
    expect(err.en).toContain('components[2].kind');
    expect(err.en).toContain('bad.json');
    expect(err.vi).toContain('trường components[2].kind');
  });

  it('reports broken JSON and duplicate codes as CATALOG_INVALID', () => {
    const broken = caught(() => loadCatalogSync({ home: homeWith({ 'x.json': '{ "code": ' }) }));
    expect(broken).toMatchObject({ code: 'CATALOG_INVALID', vars: { field: '(JSON)' } });

    const doc = builtin('1.000656');
    const dup = caught(() => loadCatalogSync({ home: homeWith({ 'a.json': doc, 'b.json': doc }) }));
    expect(dup.code).toBe('CATALOG_INVALID');
    expect(dup.en).toContain('a.json');
  });

  it('checks that built-in files are named after their code', () => {
    const dir = tempHome('gov-desk-builtin-');
    writeFileSync(path.join(dir, 'wrong.json'), JSON.stringify(builtin('1.000656')));
    expect(caught(() => loadCatalogSync({ builtinDir: dir })).code).toBe('CATALOG_INVALID');
  });

  it('require() of an unknown code is PROCEDURE_UNKNOWN with a "did you mean" hint', () => {
    const c = loadCatalogSync({});
    const near = caught(() => c.require('1.00119'));
    expect(near.code).toBe('PROCEDURE_UNKNOWN');
    expect(near.en).toContain('Did you mean');
    expect(near.en).toContain('1.001193');
    const far = caught(() => c.require('zzz'));
    expect(far.code).toBe('PROCEDURE_UNKNOWN');
    expect(far.en).toContain('catalog list');
    expect(c.require(' 1.001193 ').code).toBe('1.001193');
  });
});
