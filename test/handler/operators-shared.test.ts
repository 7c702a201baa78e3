import { copyFileSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findOperator, operatorsCachePath, rememberProfileOperators } from '../../src/config/operators.js';
import { isGovDeskError } from '../../src/errors.js';
import { tempHome } from '../helpers/context.js';

const ENV = { GOV_DESK_DATABASE_URL: 'postgres://govdesk_desk@10.0.0.5/govdesk' };
const PROFILE = {
  operators: [
    { id: 'tran-van-duc', fullName: 'Trần Văn Đức', title: null },
    { id: 'le-thi-mai', fullName: 'Lê Thị Mai', title: null },
  ],
  defaultOperator: 'le-thi-mai',
};

/**
 * On a desk of a centre the operator list is the database profile's, handed over by the store when
 * it reads the profile (src/store/index.ts, storeProfile) and cached in the home for the next
 * command; config.json holds no profile there. test/handler/init-shared.pg.test.ts proves it with
 * the real store.
 */
describe('operators of a desk that works on the shared database', () => {
  it('match --operator / GOV_DESK_OPERATOR by id against the list the store handed over', () => {
    const home = tempHome();
    writeFileSync(path.join(home, 'config.json'), JSON.stringify({ desk: 'quay-2' }));
    // before the store read the profile: an id is not a person's name
    const before = (() => {
      try {
        return findOperator({ env: { ...ENV, GOV_DESK_OPERATOR: 'le-thi-mai' }, home });
      } catch (e) {
        return e;
      }
    })();
    expect(isGovDeskError(before) && before.code).toBe('OPERATOR_INVALID');
    rememberProfileOperators(home, PROFILE);
    expect(findOperator({ env: { ...ENV, GOV_DESK_OPERATOR: 'le-thi-mai' }, home })).toEqual({ name: 'Lê Thị Mai', source: 'env' });
    expect(findOperator({ env: ENV, home }, 'tran van duc')).toEqual({ name: 'Trần Văn Đức', source: 'flag' });
    expect(findOperator({ env: ENV, home })).toEqual({ name: 'Lê Thị Mai', source: 'profile' });
  });

  it('keep the list for the next command in an owner-only cache file of the home', () => {
    const home = tempHome();
    rememberProfileOperators(home, PROFILE);
    const file = operatorsCachePath(home);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    // another process (no list in memory for this home): the cached file answers
    const next = tempHome();
    mkdirSync(path.dirname(operatorsCachePath(next)), { recursive: true });
    copyFileSync(file, operatorsCachePath(next));
    expect(findOperator({ env: { ...ENV, GOV_DESK_OPERATOR: 'tran-van-duc' }, home: next })?.name).toBe('Trần Văn Đức');
  });

  it('a one-PC desk keeps matching against its config.json, never against a cache', () => {
    const home = tempHome();
    rememberProfileOperators(home, PROFILE);
    writeFileSync(path.join(home, 'config.json'), JSON.stringify({ operators: [{ id: 'pham-van-binh', fullName: 'Phạm Văn Bình' }], defaultOperator: 'pham-van-binh' }));
    expect(findOperator({ env: {}, home })).toEqual({ name: 'Phạm Văn Bình', source: 'profile' });
    expect(findOperator({ env: { GOV_DESK_OPERATOR: 'Lê Thị Mai' }, home })).toEqual({ name: 'Lê Thị Mai', source: 'env' }); // a full name, not matched to the cache
  });
});
