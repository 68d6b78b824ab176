// Shared pieces of the retrieval benchmark: loading question sets, indexing
// a folder of documents the way ingestion does, and scoring answers.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chunkDocument, embeddingText } from '../../server/src/services/knowledge/chunking';
import { MemoryChunkIndex } from '../../server/src/services/knowledge/memory-index';
import { parseDocument } from '../../server/src/services/knowledge/parsers/index';
import { lexicalFeatures, TermStatistics } from '../../server/src/services/knowledge/term-stats';
import type { KnowledgeEmbeddings } from '../../server/src/services/knowledge/types';

export interface Question {
  q: string;
  doc: string;
  answer: string[];
}

export interface QuestionSet {
  name: string;
  docsDir: string;
  questions: Question[];
}

export const root = new URL('../..', import.meta.url).pathname;

export function loadQuestions(path: string): Question[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Question);
}

/** The question sets that exist on this machine (the shared corpus is not in a clone). */
export function questionSets(): QuestionSet[] {
  const sets: QuestionSet[] = [];
  const corpus = join(root, '..', 'shared', 'corpus');
  if (existsSync(join(corpus, 'questions.jsonl'))) {
    sets.push({
      name: 'corpus',
      docsDir: join(corpus, 'docs'),
      questions: loadQuestions(join(corpus, 'questions.jsonl')),
    });
    sets.push({
      name: 'corpus-paraphrased',
      docsDir: join(corpus, 'docs'),
      questions: loadQuestions(join(root, 'bench/retrieval/paraphrased-questions.jsonl')),
    });
  }
  sets.push({
    name: 'demo-handbook',
    docsDir: join(root, 'server/src/demo/handbook'),
    questions: loadQuestions(join(root, 'bench/retrieval/handbook-questions.jsonl')),
  });
  return sets;
}

/** An indexed folder: the in-memory index, its statistics and each chunk's document file name. */
export interface IndexedFolder {
  index: MemoryChunkIndex;
  statistics: TermStatistics;
  fileOf: Map<string, string>;
  texts: Map<string, string>;
}

/** Parses, chunks and embeds every file of the folders, as ingestion does, into one tenant. */
export async function indexFolders(
  tenantId: string,
  entries: { file: string; path: string }[],
  embeddings: KnowledgeEmbeddings,
): Promise<IndexedFolder> {
  const index = new MemoryChunkIndex();
  const statistics = new TermStatistics();
  const fileOf = new Map<string, string>();
  const texts = new Map<string, string>();
  for (const { file, path } of entries) {
    let parsed: Awaited<ReturnType<typeof parseDocument>>;
    try {
      parsed = await parseDocument({ filename: path, data: readFileSync(path) });
    } catch {
      continue;
    }
    const chunks = chunkDocument(parsed, { url: file });
    const vectors = await embeddings.embedDocuments(chunks.map(embeddingText));
    index.add(
      chunks.map((chunk, i) => {
        const id = `${file}#${i}`;
        fileOf.set(id, file);
        texts.set(id, chunk.text);
        statistics.update(lexicalFeatures(embeddingText(chunk)), 1);
        return {
          id,
          documentId: file,
          tenantId,
          embedder: embeddings.name,
          embedding: vectors[i]!,
          text: chunk.text,
          title: chunk.title,
          headings: chunk.headings,
          ...(chunk.heading ? { heading: chunk.heading } : {}),
          ...(chunk.url ? { url: chunk.url } : {}),
        };
      }),
    );
  }
  return { index, statistics, fileOf, texts };
}

export function folderEntries(dir: string): { file: string; path: string }[] {
  return readdirSync(dir)
    .filter((f) => /\.(md|txt|html?)$/i.test(f))
    .sort()
    .map((file) => ({ file, path: join(dir, file) }));
}

/** True when the text contains every expected string (case-insensitive). */
export function grounded(text: string, expected: string[]): boolean {
  const lower = text.toLowerCase();
  return expected.every((answer) => lower.includes(answer.toLowerCase()));
}

/** Document files in rank order, without repeats. */
export function rankedFiles(ids: string[], fileOf: Map<string, string>): string[] {
  const files: string[] = [];
  for (const id of ids) {
    const file = fileOf.get(id);
    if (file && !files.includes(file)) files.push(file);
  }
  return files;
}
