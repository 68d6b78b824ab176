// Retrieval quality of the knowledge base: recall@1 and recall@5 (the share
// of questions whose answering document is the first / among the first five
// distinct documents retrieved) and groundedness (the share of extractive
// answers that contain every expected fact), per question set and ranker;
// and the share of off-topic questions (off-topic-questions.jsonl) that get
// no sources at all, as they should.
// Reproduce: node --import tsx bench/retrieval/run.ts [--distractors N]
import { execSync } from 'node:child_process';
import { join } from 'node:path';
import { LocalHashEmbeddings } from '../../server/src/services/knowledge/embedders/local';
import { ExtractiveResponder } from '../../server/src/services/knowledge/extractive/responder';
import { KnowledgeRetriever } from '../../server/src/services/knowledge/retriever';
import { contentStems } from '../../server/src/services/knowledge/text/tokens';
import {
  folderEntries,
  grounded,
  type IndexedFolder,
  indexFolders,
  loadQuestions,
  type QuestionSet,
  questionSets,
  rankedFiles,
  root,
} from './harness';
import { evaluateThroughStore } from './store';

const TENANT = 'bench';
const argDistractors = process.argv.indexOf('--distractors');
const distractorCount = argDistractors > 0 ? Number(process.argv[argDistractors + 1]) : 300;

/** Unrelated Markdown (installed packages' READMEs) that competes with the real documents. */
function distractors(count: number): { file: string; path: string }[] {
  if (count <= 0) return [];
  const list = execSync("find node_modules -maxdepth 3 -iname 'readme.md' | sort", {
    cwd: root,
    encoding: 'utf8',
  });
  return list
    .trim()
    .split('\n')
    .slice(0, count)
    .map((path) => ({ file: `distractor:${path}`, path: join(root, path) }));
}

type Ranker = (folder: IndexedFolder, question: string) => Promise<string[]>;

/** The naive baseline: documents ranked by how many of the question's content words they contain. */
const keywordOverlap: Ranker = async (folder, question) => {
  const q = contentStems(question);
  const scores = new Map<string, number>();
  for (const [id, text] of folder.texts) {
    const file = folder.fileOf.get(id)!;
    const stems = contentStems(text);
    const overlap = [...q].filter((s) => stems.has(s)).length;
    scores.set(file, Math.max(scores.get(file) ?? 0, overlap));
  }
  return [...scores].sort((a, b) => b[1] - a[1]).map(([file]) => file);
};

function retrieverRanker(embeddings: LocalHashEmbeddings, rerank: boolean): Ranker {
  return async (folder, question) => {
    const retriever = new KnowledgeRetriever({
      embeddings,
      search: folder.index,
      statistics: async () => folder.statistics,
      rerank: rerank ? {} : false,
    });
    const sources = await retriever.retrieve({ tenantId: TENANT, query: question, k: 40 });
    return rankedFiles(
      sources.map((s) => s.id),
      folder.fileOf,
    );
  };
}

async function evaluate(set: QuestionSet, folder: IndexedFolder, ranker: Ranker) {
  let r1 = 0;
  let r5 = 0;
  const misses: string[] = [];
  for (const question of set.questions) {
    const files = await ranker(folder, question.q);
    if (files[0] === question.doc) r1++;
    else misses.push(`${question.q} → ${files[0]}`);
    if (files.slice(0, 5).includes(question.doc)) r5++;
  }
  const n = set.questions.length;
  return { r1: r1 / n, r5: r5 / n, misses };
}

async function groundedness(
  set: QuestionSet,
  folder: IndexedFolder,
  embeddings: LocalHashEmbeddings,
) {
  const retriever = new KnowledgeRetriever({
    embeddings,
    search: folder.index,
    statistics: async () => folder.statistics,
  });
  const responder = new ExtractiveResponder();
  let ok = 0;
  const misses: string[] = [];
  for (const question of set.questions) {
    const sources = await retriever.retrieve({ tenantId: TENANT, query: question.q, k: 5 });
    const answer = responder.compose({ question: question.q, sources });
    if (grounded(answer, question.answer)) ok++;
    else misses.push(`${question.q} → ${answer.split('\n').slice(2).join(' | ').slice(0, 160)}`);
  }
  return { share: ok / set.questions.length, misses };
}

/** Questions no benefits handbook answers; a correct retriever returns no sources for them. */
const offTopicQuestions = loadQuestions(join(root, 'bench/retrieval/off-topic-questions.jsonl'));

async function offTopic(folder: IndexedFolder, embeddings: LocalHashEmbeddings) {
  const retriever = new KnowledgeRetriever({
    embeddings,
    search: folder.index,
    statistics: async () => folder.statistics,
  });
  const answered: string[] = [];
  for (const { q } of offTopicQuestions) {
    const sources = await retriever.retrieve({ tenantId: TENANT, query: q, k: 5 });
    if (sources.length > 0) answered.push(`${q} → ${sources.map((s) => s.title).join(' | ')}`);
  }
  return { share: 1 - answered.length / offTopicQuestions.length, answered };
}

const verbose = process.argv.includes('--verbose');
const fmt = (x: number) => x.toFixed(2);
const embeddings = new LocalHashEmbeddings();
const rankers: [string, Ranker][] = [
  ['keyword overlap (baseline)', keywordOverlap],
  [`${embeddings.name}, vectors only`, retrieverRanker(embeddings, false)],
  [`${embeddings.name}, vectors + lexical re-rank`, retrieverRanker(embeddings, true)],
  [
    `${embeddings.name} without WordNet, + re-rank without WordNet`,
    async (folder, q) => {
      const plain = new LocalHashEmbeddings({ expansion: null });
      const retriever = new KnowledgeRetriever({
        embeddings: plain,
        search: folder.index,
        statistics: async () => folder.statistics,
        rerank: { expansion: null },
        // The relevance gate is tuned with WordNet on; this row compares rankings only.
        minRelevance: 0,
      });
      return rankedFiles(
        (await retriever.retrieve({ tenantId: TENANT, query: q, k: 40 })).map((s) => s.id),
        folder.fileOf,
      );
    },
  ],
];

console.log(
  'Retrieval benchmark (recall at document level; groundedness of the extractive responder)',
);
for (const withDistractors of distractorCount > 0 ? [0, distractorCount] : [0]) {
  console.log(
    withDistractors
      ? `\nWith ${withDistractors} unrelated READMEs from node_modules in the same tenant:`
      : '\nClean tenants:',
  );
  for (const set of questionSets()) {
    const folder = await indexFolders(
      TENANT,
      [...folderEntries(set.docsDir), ...distractors(withDistractors)],
      embeddings,
    );
    console.log(`  ${set.name} (${set.questions.length} questions, ${folder.index.size} chunks)`);
    for (const [name, ranker] of rankers) {
      const { r1, r5, misses } = await evaluate(set, folder, ranker);
      console.log(`    ${name.padEnd(60)} recall@1 ${fmt(r1)}  recall@5 ${fmt(r5)}`);
      if (verbose) for (const miss of misses) console.log(`        miss: ${miss}`);
    }
    const g = await groundedness(set, folder, embeddings);
    console.log(`    ${'extractive responder groundedness'.padEnd(60)} ${fmt(g.share)}`);
    if (verbose) for (const miss of g.misses) console.log(`        ungrounded: ${miss}`);
    const o = await offTopic(folder, embeddings);
    console.log(
      `    ${`off-topic questions with no sources (${offTopicQuestions.length})`.padEnd(60)} ${fmt(o.share)}`,
    );
    if (verbose) for (const q of o.answered) console.log(`        sources for: ${q}`);
  }
}
console.log(
  '\nThrough the embedded store (KnowledgeBase ingestion, $vectorSearch with the tenant pre-filter, re-rank):',
);
for (const set of questionSets()) {
  const result = await evaluateThroughStore(set);
  console.log(
    `  ${set.name.padEnd(20)} recall@1 ${fmt(result.r1)}  recall@5 ${fmt(result.r5)}  groundedness ${fmt(result.groundedness)}  off-topic silent ${fmt(result.offTopicSilent)}  other-tenant chunks returned: ${result.leaks}  (${result.perQuestionMs.toFixed(1)} ms/question incl. snippets)`,
  );
}
console.log('\nReproduce: node --import tsx bench/retrieval/run.ts [--distractors N] [--verbose]');
