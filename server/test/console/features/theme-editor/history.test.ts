import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  coalesceMs,
  createHistory,
  historyLimit,
  record,
  redo,
  undo,
} from '../../../../console/src/features/theme-editor/history';

const equal = (a: number, b: number) => a === b;

test('undo and redo walk the recorded edits', () => {
  let h = createHistory(0);
  h = record(h, 1, { now: 0, equal });
  h = record(h, 2, { now: 10_000, equal });
  assert.equal(undo(h).present, 1);
  assert.equal(undo(undo(h)).present, 0);
  assert.equal(undo(undo(undo(h))).present, 0, 'nothing left to undo');
  assert.equal(redo(undo(undo(h))).present, 1);
  assert.equal(redo(h), h, 'nothing to redo');
});

test('a new edit after undo drops the redo branch', () => {
  let h = record(record(createHistory(0), 1, { now: 0, equal }), 2, { now: 5000, equal });
  h = record(undo(h), 9, { now: 10_000, equal });
  assert.deepEqual([...h.past, h.present], [0, 1, 9]);
  assert.deepEqual(h.future, []);
});

test('rapid edits of one control are one step; another control starts a new one', () => {
  let h = createHistory(0);
  for (let i = 1; i <= 20; i++) h = record(h, i, { key: 'color-primary', now: i * 50, equal });
  assert.deepEqual(h.past, [0]);
  h = record(h, 99, { key: 'radius', now: 1100, equal });
  assert.deepEqual(h.past, [0, 20]);
  h = record(h, 100, { key: 'radius', now: 1100 + coalesceMs + 1, equal });
  assert.deepEqual(h.past, [0, 20, 99], 'a pause ends the step');
});

test('edits that change nothing are not steps, and history is bounded', () => {
  const h = createHistory(1);
  assert.equal(record(h, 1, { now: 0, equal }), h);
  let long = createHistory(0);
  for (let i = 1; i <= historyLimit + 50; i++) long = record(long, i, { now: i * 10_000, equal });
  assert.equal(long.past.length, historyLimit);
});
