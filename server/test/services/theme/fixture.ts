import type { TestContext } from 'node:test';
import { Types } from 'mongoose';
import type { Database } from '../../../src/db/connect';
import { tenantModel } from '../../../src/models/tenant';
import type { ThemeAuthor } from '../../../src/models/theme-version';
import { startTestDatabase } from '../../support/database';

/** An author for test saves. */
export const editor: ThemeAuthor = { type: 'user', id: 'u1', label: 'editor@acme.example' };

/** Inserts a bare tenant document (the theme service only needs `_id` and `theme`). */
export async function createTenant(database: Database, slug: string): Promise<Types.ObjectId> {
  const _id = new Types.ObjectId();
  await tenantModel(database.connection).create({
    _id,
    slug,
    name: slug,
    widget: { botName: 'Assistant' },
    identitySecret: 'x'.repeat(32),
  });
  return _id;
}

/** A fresh embedded database with two tenants. */
export async function themeFixture(t: TestContext) {
  const database = await startTestDatabase(t);
  const acme = await createTenant(database, 'acme');
  const globex = await createTenant(database, 'globex');
  return { database, acme, globex };
}
