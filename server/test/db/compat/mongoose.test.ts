import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Schema } from 'mongoose';
import { startTestDatabase } from '../../support/database';

const userSchema = new Schema({
  email: { type: String, required: true, unique: true },
  name: String,
  age: { type: Number, min: 0 },
});
const sessionSchema = new Schema({ token: String, createdAt: { type: Date, expires: 3600 } });
const postSchema = new Schema(
  { title: String, author: { type: Schema.Types.ObjectId, ref: 'User' }, tags: [String] },
  { timestamps: true },
);

test('mongoose models run unchanged: validators, unique, populate, upsert, lean, cursors', async (t) => {
  const { connection } = await startTestDatabase(t);
  const User = connection.model('User', userSchema);
  const Post = connection.model('Post', postSchema);
  await User.init();
  await Post.init();

  const ada = await User.create({ email: 'ada@example.com', name: 'Ada' });
  await assert.rejects(
    User.create({ email: 'ada@example.com' }),
    (e: { code?: number }) => e.code === 11000,
  );
  await assert.rejects(User.create({ email: 'x@example.com', age: -1 }), {
    name: 'ValidationError',
  });

  await Post.create({ title: 'hello', author: ada._id, tags: ['intro'] });
  const populated = await Post.findOne({ title: 'hello' }).populate('author').lean();
  assert.equal((populated!.author as unknown as { name: string }).name, 'Ada');

  const upserted = await User.findOneAndUpdate(
    { email: 'bob@example.com' },
    { $set: { name: 'Bob' } },
    { upsert: true, new: true, setDefaultsOnInsert: true },
  ).lean();
  assert.equal(upserted!.name, 'Bob');
  assert.equal(await User.countDocuments(), 2);

  // Bulk data goes in through the driver (mongoose's per-document casting is not under test here).
  await Post.collection.insertMany(
    Array.from({ length: 10_000 }, (_, i) => ({ title: `t${i}`, author: ada._id, tags: [] })),
  );
  let seen = 0;
  for await (const _post of Post.find({ author: ada._id }).lean().cursor()) seen++;
  assert.equal(seen, 10_001);
  const [group] = await Post.aggregate<{ n: number }>([
    { $match: { author: ada._id } },
    { $group: { _id: '$author', n: { $sum: 1 } } },
  ]);
  assert.equal(group!.n, 10_001);
  const newest = await Post.find({ tags: 'intro' }).sort({ createdAt: -1 }).limit(1).lean();
  assert.equal(newest[0]!.title, 'hello');

  // A TTL index declared in the schema is created as MongoDB would create it.
  const Session = connection.model('Session', sessionSchema);
  await Session.init();
  const ttl = (await Session.collection.indexes()).find((i) => i.name === 'createdAt_1');
  assert.equal(ttl?.expireAfterSeconds, 3600);
});
