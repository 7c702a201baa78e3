import { existsSync, readdirSync } from 'node:fs';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { operatorName, openStore } from '../../src/store/index.js';
import { fakeContext, runInProcess, tempHome } from '../helpers/context.js';
import { freshDatabase } from '../helpers/postgres.js';
import { requireProfile } from '../../src/config/profile.js';

const server = inject('pg');

const desk = (url: string, argv: string[], home = tempHome('gov-desk-centre-desk-'), lang = 'en') =>
  runInProcess(argv, { home, env: { GOV_DESK_LANG: lang, NO_COLOR: '1', GOV_DESK_DATABASE_URL: url } });

async function profileRows(url: string): Promise<{ name: string }[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<{ name: string }>(`SELECT profile->'commune'->>'name' AS name FROM gov_desk.commune_profile`)).rows;
  } finally {
    await c.end();
  }
}

describe('init and joining desks on a shared PostgreSQL database', () => {
  it('the first desk writes the profile into the database once; another desk finds it and writes nothing', async () => {
    const { url } = await freshDatabase(server);
    expect((await desk(url, ['db', 'migrate'])).code).toBe(0);
    const homeA = tempHome();
    const a = await desk(url, ['init', '--example', '--no-input', '--json'], homeA);
    expect(a.code, a.stderr).toBe(0);
    expect(JSON.parse(a.stdout)).toMatchObject({ written: true });
    expect(existsSync(`${homeA}/config.json`)).toBe(false); // nothing of the profile in the desk's folder
    expect(await profileRows(url)).toEqual([{ name: 'Ủy ban nhân dân xã Suối Kiết' }]);
    const homeB = tempHome();
    const b = await desk(url, ['init', '--no-input', '--commune-name', 'Ủy ban nhân dân xã Khác', '--centre-name', 'Trung tâm', '--province', 'Lâm Đồng', '--place', 'Khác', '--agency-code', '000.00.00.H99', '--address', 'Thôn 1', '--phone', '0263000000'], homeB, 'vi');
    expect(b.code, b.stderr).toBe(0);
    expect(b.stderr).toMatch(/đã có hồ sơ cấu hình của Ủy ban nhân dân xã Suối Kiết/);
    expect(await profileRows(url)).toEqual([{ name: 'Ủy ban nhân dân xã Suối Kiết' }]);
    expect(readdirSync(homeB).filter((n) => n !== 'state')).toEqual([]);
  });

  it('a desk that joins with only the URL and its operator: the profile and its operators come from the database', async () => {
    const { url } = await freshDatabase(server);
    expect((await desk(url, ['db', 'migrate'])).code).toBe(0);
    expect((await desk(url, ['init', '--example', '--no-input'])).code).toBe(0);
    const ctx = fakeContext({ home: tempHome('gov-desk-joined-'), env: { GOV_DESK_LANG: 'en', GOV_DESK_DATABASE_URL: url, GOV_DESK_OPERATOR: 'le-thi-mai' } });
    try {
      expect((await requireProfile(ctx)).commune.name).toBe('Ủy ban nhân dân xã Suối Kiết');
      expect((await openStore(ctx)).kind).toBe('postgres');
      expect(operatorName(ctx)).toBe('Lê Thị Mai');
      expect(operatorName(ctx, 'tran-van-duc')).toBe('Trần Văn Đức');
    } finally {
      await (await openStore(ctx)).close();
    }
  });
});
