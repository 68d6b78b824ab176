import { execSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import type { Retriever } from '../../server/src/services/chat/chat-service';
import type { WidgetTenant } from '../../server/src/services/chat/tenant';
import { KnowledgeBase, LocalHashEmbeddings } from '../../server/src/services/knowledge/index';
import type { RetrievedSource } from '../../server/src/services/llm/types';

const root = new URL('../..', import.meta.url).pathname;

/** The benchmark's tenant, as `requireWidgetKey` would attach it. */
export const benchTenant: WidgetTenant = {
  _id: '65f000000000000000000001',
  widget: { persona: 'You are the benchmark assistant.', locale: 'en' },
  identitySecret: 'bench-identity-secret-0123456789abcdef',
};

const passage: RetrievedSource = {
  id: 'bench-1',
  documentId: 'bench-doc',
  title: 'Benefits guide',
  heading: 'Dental',
  text: 'The dental plan deductible is $50 per person per year.',
  snippet: 'The dental plan deductible is $50 per person per year.',
  score: 0.9,
};

/** The benefits corpus, then installed packages' Markdown (READMEs, changelogs) as filler, in a fixed order. */
function seedFiles(): { filename: string; data: Uint8Array }[] {
  const corpus = join(root, '../shared/corpus/docs');
  const files = readdirSync(corpus)
    .sort()
    .map((name) => ({ filename: name, data: readFileSync(join(corpus, name)) }));
  const readmes = execSync("find node_modules -iname '*.md' -size +1k -print0", {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\0')
    .filter(Boolean)
    .sort();
  for (const [i, path] of readmes.entries()) {
    files.push({ filename: `filler-${i}.md`, data: readFileSync(join(root, path)) });
  }
  return files;
}

/**
 * Retrieval for the benchmark server. With `chunks` = 0, one fixed passage
 * (the concurrency benchmark measures streaming, not search). Otherwise the
 * tenant's knowledge base is filled through the real ingestion pipeline
 * (local embedder, vector index in the embedded store) until it holds at
 * least `chunks` chunks, and searched for real.
 */
export async function benchRetriever(
  connection: Connection,
  chunks: number,
): Promise<{ retriever: Retriever; chunks: number }> {
  if (chunks <= 0) return { retriever: { retrieve: async () => [passage] }, chunks: 1 };
  const knowledge = new KnowledgeBase({ connection, embeddings: new LocalHashEmbeddings() });
  await knowledge.start();
  const tenantId = String(benchTenant._id);
  let count = await knowledge.chunks.count(tenantId as never);
  const files = count >= chunks ? [] : seedFiles();
  for (let i = 0; i < files.length && count < chunks; i += 40) {
    await knowledge.ingestAndWait(tenantId, files.slice(i, i + 40));
    count = await knowledge.chunks.count(tenantId as never);
  }
  if (count < chunks) throw new Error(`only ${count} chunks could be seeded`);
  return { retriever: knowledge.retriever, chunks: count };
}
