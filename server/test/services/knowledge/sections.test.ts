import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupBySection, groupText, sectionLabels } from '../../../src/services/knowledge/sections';
import type { StoredChunk } from '../../../src/services/knowledge/types';

const chunk = (id: string, documentId: string, headings: string[], text = id): StoredChunk => ({
  id,
  documentId,
  text,
  title: documentId === 'a' ? 'Benefits guide' : 'Travel policy',
  ...(headings.length ? { heading: headings.at(-1)! } : {}),
  headings,
  score: 1,
});

test('groups ranked chunks by document section, keeping rank order and the limit', () => {
  const groups = groupBySection(
    [
      chunk('1', 'a', ['Dental']),
      chunk('2', 'a', ['Vision']),
      chunk('3', 'a', ['Dental']),
      chunk('4', 'b', ['Dental']),
      chunk('5', 'a', []),
    ],
    3,
  );
  assert.deepEqual(
    groups.map((g) => g.chunks.map((c) => c.id)),
    [['1', '3'], ['2'], ['4']],
  );
});

test('a section merges at most three chunks and never repeats a text', () => {
  const dental = ['1', '2', '3', '4'].map((id) => chunk(id, 'a', ['Dental'], `part ${id}`));
  const [group] = groupBySection([...dental, chunk('dup', 'a', ['Dental'], 'part 1')], 5);
  assert.equal(groupText(group!), 'part 1\n\npart 2\n\npart 3');
  assert.equal(
    groupText({ best: dental[0]!, chunks: [dental[0]!, chunk('x', 'a', ['Dental'], 'part 1')] }),
    'part 1',
  );
});

test('labels are title › section, with the whole trail when a sub-heading repeats', () => {
  const groups = groupBySection(
    [
      chunk('1', 'a', ['Summit PPO', 'Costs']),
      chunk('2', 'a', ['Summit HSA', 'Costs']),
      chunk('3', 'b', ['Costs']),
      chunk('4', 'a', []),
      chunk('5', 'a', ['Benefits guide']),
    ],
    10,
  );
  assert.deepEqual(sectionLabels(groups), [
    'Benefits guide › Summit PPO › Costs',
    'Benefits guide › Summit HSA › Costs',
    'Travel policy › Costs',
    'Benefits guide',
    'Benefits guide',
  ]);
});
