import { describe, expect, it } from 'vitest';
import { connect } from './client';
import { migrateDatabase } from './migrate';
import { createTestDatabase } from '../../../test/test-app';

describe('migrations (OPS-2)', () => {
  it('several instances starting at once on an empty database apply them once, under the advisory lock', async () => {
    const testDb = await createTestDatabase({ empty: true });
    const instances = [
      connect(testDb.url, { max: 2 }),
      connect(testDb.url, { max: 2 }),
      connect(testDb.url, { max: 2 }),
    ];
    try {
      await Promise.all(instances.map((db) => migrateDatabase(db)));
      const { rows } = await instances[0].pool.query(
        'select count(*)::int as n from drizzle.__drizzle_migrations',
      );
      const { rows: files } = await instances[0].pool.query(
        `select count(*)::int as n from information_schema.tables where table_name = 'cases'`,
      );
      expect(rows[0].n).toBeGreaterThanOrEqual(4);
      expect(files[0].n).toBe(1);
      // Applying again is a no-op.
      await migrateDatabase(instances[1]);
      const { rows: again } = await instances[0].pool.query(
        'select count(*)::int as n from drizzle.__drizzle_migrations',
      );
      expect(again[0].n).toBe(rows[0].n);
    } finally {
      for (const i of instances) await i.close();
      await testDb.drop();
    }
  });
});
