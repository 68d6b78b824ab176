import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Types } from 'mongoose';
import type { IngestJob } from '../../models/ingest-job';
import type { KnowledgeBase } from '../../services/knowledge/knowledge-base';

const HANDBOOK_DIR = new URL('.', import.meta.url).pathname;

/** The demo handbook's Markdown files (a fictional benefits handbook written for the demo). */
export function demoHandbookFiles(): { filename: string; data: Uint8Array }[] {
  return readdirSync(HANDBOOK_DIR)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => ({
      filename: `handbook/${name}`,
      data: new Uint8Array(readFileSync(join(HANDBOOK_DIR, name))),
    }));
}

/**
 * Ingests the demo handbook into the demo tenant and waits for it. Safe to
 * run at every start: unchanged files are recognised by checksum and skipped.
 */
export async function ingestDemoHandbook(
  knowledge: KnowledgeBase,
  tenantId: Types.ObjectId | string,
): Promise<IngestJob> {
  return knowledge.ingestAndWait(tenantId, demoHandbookFiles());
}
