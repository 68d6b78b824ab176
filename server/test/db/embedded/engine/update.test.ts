import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Decimal128, Long } from 'bson';
import { applyUpdate, upsertDocument } from '../../../../src/db/embedded/engine/update';
import type { MongoCommandError } from '../../../../src/db/embedded/errors';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as MongoCommandError).code;
  }
  return undefined;
};

test('upserts seed from the filter equalities and apply $setOnInsert', () => {
  const doc = upsertDocument(
    { email: 'a@b', 'profile.tenant': 't', age: { $gt: 3 }, $and: [{ plan: { $eq: 'pro' } }] },
    { $set: { name: 'A' }, $setOnInsert: { createdBy: 'upsert' } },
    {},
  );
  assert.deepEqual(doc, {
    email: 'a@b',
    profile: { tenant: 't' },
    plan: 'pro',
    name: 'A',
    createdBy: 'upsert',
  });
  const replacement = upsertDocument({ _id: 7 }, { a: 1 }, {});
  assert.deepEqual(replacement, { _id: 7, a: 1 });
});

test('$setOnInsert is ignored on updates of existing documents; no-op updates return the same object', () => {
  const doc = { _id: 1, a: 1 };
  assert.deepEqual(applyUpdate(doc, { $setOnInsert: { b: 2 }, $set: { c: 3 } }), {
    _id: 1,
    a: 1,
    c: 3,
  });
  assert.equal(applyUpdate(doc, { $setOnInsert: { b: 2 } }), doc);
});

test('_id may be set to its current value but not changed; the result keeps _id first', () => {
  const doc = { _id: 'x', a: 1 };
  assert.deepEqual(applyUpdate(doc, { $set: { _id: 'x', a: 2 } }), { _id: 'x', a: 2 });
  assert.equal(
    code(() => applyUpdate(doc, { $set: { _id: 'y' } })),
    66,
  );
  assert.deepEqual(Object.keys(applyUpdate(doc, { b: 1 })), ['_id', 'b']);
});

test('overlapping paths are a conflict (40); unknown operators a parse error (9); stored documents are never mutated', () => {
  const doc = Object.freeze({ _id: 1, a: Object.freeze({ b: 1 }) });
  assert.equal(
    code(() => applyUpdate(doc, { $set: { a: 1 }, $inc: { 'a.b': 1 } })),
    40,
  );
  assert.equal(
    code(() => applyUpdate(doc, { $set: { x: 1 }, $unset: { x: '' } })),
    40,
  );
  assert.equal(
    code(() => applyUpdate(doc, { $bogus: { a: 1 } })),
    9,
  );
  assert.equal(
    code(() => applyUpdate(doc, { $set: { a: 1 }, b: 2 })),
    9,
  );
  assert.deepEqual(applyUpdate(doc, { $inc: { 'a.b': 1 } }), { _id: 1, a: { b: 2 } });
  assert.deepEqual(doc, { _id: 1, a: { b: 1 } });
});

test('pipeline updates run the allowed stages only', () => {
  assert.deepEqual(applyUpdate({ _id: 1, a: 2 }, [{ $set: { b: { $multiply: ['$a', 10] } } }]), {
    _id: 1,
    a: 2,
    b: 20,
  });
  assert.equal(
    code(() => applyUpdate({ _id: 1 }, [{ $group: { _id: null } }])),
    72,
  );
});

test('$inc and $mul are exact on Long and Decimal128 and refuse non-numeric targets', () => {
  const big = Long.fromString('9007199254740993');
  const inc = applyUpdate({ _id: 1, n: big }, { $inc: { n: 2 } });
  assert.ok(inc.n instanceof Long);
  assert.equal(String(inc.n), '9007199254740995');
  const mul = applyUpdate({ _id: 1, price: Decimal128.fromString('2.5') }, { $mul: { price: 3 } });
  assert.equal(String(mul.price), '7.5');
  assert.deepEqual(applyUpdate({ _id: 1, n: 1 }, { $inc: { n: 2, m: 1 } }), { _id: 1, n: 3, m: 1 });
  assert.equal(
    code(() => applyUpdate({ _id: 1, s: 'x' }, { $inc: { s: 1 } })),
    14,
  );
  assert.equal(
    code(() => applyUpdate({ _id: 1, n: 1 }, { $inc: { n: 'x' } })),
    14,
  );
});
