import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MongoServerError } from 'mongodb';
import { startTestDatabase } from '../../support/database';

/** Each refusal is a MongoDB-shaped error that names the feature, never a silent wrong answer. */
test('unsupported features fail clearly with MongoDB error shapes', {
  skip: process.env.MONGODB_URI ? 'embedded store only' : false,
}, async (t) => {
  const { connection } = await startTestDatabase(t);
  const db = connection.db!;
  const c = db.collection('things');
  await c.insertOne({ a: 1 });
  const refused = async (promise: Promise<unknown>, pattern: RegExp) =>
    assert.rejects(promise, (e: unknown) => {
      assert.ok(e instanceof MongoServerError, String(e));
      assert.equal(typeof e.code, 'number');
      assert.match(e.message, pattern);
      return true;
    });
  await refused(c.find({ $where: 'this.a == 1' }).toArray(), /\$where \(server-side JavaScript\)/);
  await refused(
    db.command({ mapReduce: 'things', map: 'function(){}', reduce: 'function(){}' }),
    /mapReduce/,
  );
  await refused(c.aggregate([{ $out: 'copy' }]).toArray(), /\$out/);
  await refused(c.aggregate([{ $changeStream: {} }]).toArray(), /change streams/);
  await refused(c.find({}, { collation: { locale: 'fr' } }).toArray(), /collation/);
  await refused(c.find({}, { tailable: true }).toArray(), /tailable/);
  await refused(c.find({ $text: { $search: 'x' } }).toArray(), /\$text/);
  await refused(c.find({ loc: { $near: [0, 0] } }).toArray(), /geospatial/);
  await refused(db.command({ renameCollection: 'x.y', to: 'x.z' }), /renameCollection/);
  await refused(db.command({ noSuchCommand: 1 }), /no such command/);
  await refused(
    c.aggregate([{ $bogus: {} }]).toArray(),
    /Unrecognized pipeline stage name: \$bogus/,
  );
  await refused(db.createCollection('v', { validator: { a: { $exists: true } } }), /validators/);
});
