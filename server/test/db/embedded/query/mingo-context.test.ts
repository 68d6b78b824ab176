import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Decimal128, Long, ObjectId } from 'bson';
import { Aggregator } from 'mingo/aggregator';
import { sortDocuments } from '../../../../src/db/embedded/query/compare';
import { compileFilter } from '../../../../src/db/embedded/query/filter';
import { META, mingoOptions } from '../../../../src/db/embedded/query/mingo-context';

const matches = (filter: object, doc: Record<string, unknown>) => compileFilter(filter).test(doc);
const run = (pipeline: object[], docs: Record<string, unknown>[]) =>
  new Aggregator(pipeline as Record<string, unknown>[], mingoOptions()).run(docs);

test('equality treats every numeric bson type as a number and Decimal128 by value', () => {
  assert.ok(matches({ v: 5 }, { v: Long.fromNumber(5) }));
  assert.ok(matches({ v: Long.fromNumber(5) }, { v: 5 }));
  assert.ok(matches({ v: 12.5 }, { v: Decimal128.fromString('12.50') }));
  assert.ok(matches({ v: { $in: [1, Long.fromNumber(5)] } }, { v: 5 }));
  assert.ok(!matches({ v: 5 }, { v: '5' }));
  assert.ok(matches({ v: { $ne: 5 } }, { v: 6 }));
  assert.ok(matches({ v: null }, {}), 'null matches a missing field');
  assert.ok(matches({ tags: 'b' }, { tags: ['a', 'b'] }));
  const id = new ObjectId();
  assert.ok(matches({ ref: { $in: [new ObjectId(id.toHexString())] } }, { ref: id }));
  assert.ok(
    !matches({ d: { a: 1, b: 2 } }, { d: { b: 2, a: 1 } }),
    'embedded documents compare with field order',
  );
});

test('range queries compare numbers across bson types and stay within a type bracket', () => {
  assert.ok(matches({ v: { $gt: Long.fromNumber(5) } }, { v: 5.5 }));
  assert.ok(matches({ v: { $lte: 5 } }, { v: Decimal128.fromString('4.9') }));
  assert.ok(!matches({ v: { $gt: 1 } }, { v: 'zzz' }), 'a string is not greater than a number');
  assert.ok(
    matches(
      { v: { $gt: Long.fromString('9007199254740992') } },
      { v: Long.fromString('9007199254740993') },
    ),
  );
});

test('$type knows bson type names and numbers', () => {
  assert.ok(matches({ v: { $type: 'long' } }, { v: Long.fromString('9007199254740993') }));
  assert.ok(matches({ v: { $type: 'decimal' } }, { v: Decimal128.fromString('1') }));
  assert.ok(matches({ v: { $type: 'objectId' } }, { v: new ObjectId() }));
  assert.ok(matches({ v: { $type: 'int' } }, { v: 3 }));
  assert.ok(matches({ v: { $type: 'double' } }, { v: 3.5 }));
  assert.ok(matches({ v: { $type: 'number' } }, { v: 3.5 }));
  assert.ok(matches({ v: { $type: 7 } }, { v: new ObjectId() }));
  assert.ok(!matches({ v: { $type: 'string' } }, { v: 3 }));
  assert.throws(() => matches({ v: { $type: 'nope' } }, { v: 1 }), /Unknown type name alias/);
});

test('sorting follows MongoDB cross-type order (ObjectId before boolean before Date)', () => {
  const id = new ObjectId();
  const date = new Date(0);
  const docs = [
    { v: date },
    { v: true },
    { v: id },
    { v: [0] },
    { v: { a: 1 } },
    { v: 'a' },
    { v: 2 },
    { v: null },
  ];
  const sorted = sortDocuments(docs, { v: 1 }).map((d) => d.v);
  assert.deepEqual(sorted, [null, [0], 2, 'a', { a: 1 }, id, true, date]);
  const numbers = sortDocuments(
    [{ v: Long.fromNumber(3) }, { v: 2.5 }, { v: Decimal128.fromString('2.7') }],
    { v: -1 },
  );
  assert.deepEqual(
    numbers.map((d) => String(d.v)),
    ['3', '2.7', '2.5'],
  );
  assert.deepEqual(
    run([{ $sort: { v: 1 } }], [{ v: true }, { v: id }]).map((d) => d.v),
    [id, true],
  );
});

test('$sum adds Longs exactly and keeps Decimal128', () => {
  const [exact] = run(
    [{ $group: { _id: null, s: { $sum: '$v' } } }],
    [{ v: Long.fromString('9007199254740993') }, { v: 1 }],
  );
  assert.ok(exact!.s instanceof Long);
  assert.equal(String(exact!.s), '9007199254740994');
  const [decimal] = run(
    [{ $group: { _id: null, s: { $sum: '$v' } } }],
    [{ v: Decimal128.fromString('1.5') }, { v: 2 }],
  );
  assert.ok(decimal!.s instanceof Decimal128);
  assert.equal(String(decimal!.s), '3.5');
  const [count] = run([{ $group: { _id: null, n: { $sum: 1 } } }], [{}, {}, {}]);
  assert.equal(count!.n, 3);
});

test('$meta reads the score a search stage attached; $project puts _id first', () => {
  const doc = Object.assign({ a: 1, _id: 'x' }, { [META]: { vectorSearchScore: 0.75 } });
  const [out] = run([{ $project: { a: 1, score: { $meta: 'vectorSearchScore' } } }], [doc]);
  assert.deepEqual(Object.keys(out!), ['_id', 'a', 'score']);
  assert.equal(out!.score, 0.75);
});

test('server-side JavaScript and unsupported stages are refused by name', () => {
  assert.throws(
    () => compileFilter({ $where: 'true' }),
    /\$where \(server-side JavaScript\) is not supported/,
  );
  assert.throws(() => run([{ $out: 'x' }], [{}]), /\$out is not supported/);
  assert.throws(
    () => run([{ $project: { f: { $function: { body: 'x', args: [], lang: 'js' } } } }], [{}]),
    /\$function/,
  );
  assert.throws(() => compileFilter({ $text: { $search: 'x' } }), /\$text/);
});
