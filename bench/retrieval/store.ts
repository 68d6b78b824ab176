// The benchmark's "real path": documents ingested by the KnowledgeBase into
// the embedded MongoDB-compatible store and searched with $vectorSearch
// (tenant pre-filter) through @langchain/mongodb, exactly as the server does.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Types } from 'mongoose';
import { connectMongo } from '../../server/src/db/connect';
import { startEmbeddedMongo } from '../../server/src/db/embedded/index';
import { LocalHashEmbeddings } from '../../server/src/services/knowledge/embedders/local';
import { ExtractiveResponder } from '../../server/src/services/knowledge/extractive/responder';
import { KnowledgeBase } from '../../server/src/services/knowledge/knowledge-base';
import { folderEntries, grounded, loadQuestions, type QuestionSet, root } from './harness';

/** recall@1, recall@5 and groundedness of one question set through the embedded store. */
export async function evaluateThroughStore(set: QuestionSet) {
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-retrieval-'));
  const store = await startEmbeddedMongo({ dir, durable: false });
  const database = await connectMongo(`${store.uri}bench`);
  try {
    const knowledge = new KnowledgeBase({
      connection: database.connection,
      embeddings: new LocalHashEmbeddings(),
    });
    await knowledge.start();
    const tenantId = new Types.ObjectId();
    // A second tenant with the same documents: the pre-filter must keep it out of every result.
    const other = new Types.ObjectId();
    const files = folderEntries(set.docsDir).map(({ file, path }) => ({
      filename: file,
      data: new Uint8Array(readFileSync(path)),
    }));
    await knowledge.ingestAndWait(tenantId, files);
    await knowledge.ingestAndWait(other, files);
    const fileOf = new Map((await knowledge.list(tenantId)).map((d) => [String(d._id), d.source]));
    const responder = new ExtractiveResponder();
    let r1 = 0;
    let r5 = 0;
    let ok = 0;
    let leaks = 0;
    const started = performance.now();
    for (const question of set.questions) {
      const sources = await knowledge.retriever.retrieve({
        tenantId: String(tenantId),
        query: question.q,
        k: 40,
      });
      leaks += sources.filter((s) => !fileOf.has(s.documentId)).length;
      const files: string[] = [];
      for (const s of sources) {
        const file = fileOf.get(s.documentId);
        if (file && !files.includes(file)) files.push(file);
      }
      if (files[0] === question.doc) r1++;
      if (files.slice(0, 5).includes(question.doc)) r5++;
      const answer = responder.compose({ question: question.q, sources: sources.slice(0, 5) });
      if (grounded(answer, question.answer)) ok++;
    }
    const perQuestionMs = (performance.now() - started) / set.questions.length;
    const offTopic = loadQuestions(join(root, 'bench/retrieval/off-topic-questions.jsonl'));
    let silent = 0;
    for (const { q } of offTopic) {
      const sources = await knowledge.retriever.retrieve({
        tenantId: String(tenantId),
        query: q,
        k: 5,
      });
      if (sources.length === 0) silent++;
    }
    const n = set.questions.length;
    return {
      r1: r1 / n,
      r5: r5 / n,
      groundedness: ok / n,
      offTopicSilent: silent / offTopic.length,
      leaks,
      perQuestionMs,
    };
  } finally {
    await database.close();
    await store.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
