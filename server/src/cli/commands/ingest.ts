import type { Command } from 'commander';
import { type Config, loadConfig } from '../../config';
import { connectDatabase, type Database } from '../../db/connect';
import { createKnowledgeBase } from '../../services/knowledge/index';
import { collectFiles } from '../../services/knowledge/ingestion/collect-files';
import { jobView } from '../../services/knowledge/views';
import { createAccessServices } from '../../services/tenants/access';
import { tenantBySlug } from './tenant';

/** What `ingest` prints: the finished job. */
export type IngestOutput = ReturnType<typeof jobView> & { tenant: string };

/**
 * Ingests paths into the tenant with this slug on an open database and
 * waits for the job; `log` receives progress lines.
 */
export async function ingestPaths(
  database: Database,
  config: Pick<Config, 'embeddingsUrl' | 'embeddingsModel' | 'openai' | 'publicUrl'>,
  options: { tenant: string; paths: string[] },
  log: (line: string) => void = () => {},
): Promise<IngestOutput> {
  const files = await collectFiles(options.paths);
  if (files.length === 0) throw new Error('no Markdown, text, HTML, PDF or DOCX files found');
  const access = createAccessServices({
    connection: database.connection,
    publicUrl: config.publicUrl,
  });
  const tenant = await tenantBySlug(access, options.tenant);
  const knowledge = createKnowledgeBase({ config, connection: database.connection });
  const started = await knowledge.ingest(tenant._id, files);
  log(`ingest: ${files.length} file(s) queued for ${tenant.slug}`);
  const timer = setInterval(async () => {
    const job = await knowledge.job(tenant._id, started._id).catch(() => null);
    if (job) log(`ingest: ${job.done}/${job.total} done, ${job.failed} failed`);
  }, 2000);
  try {
    await knowledge.idle();
  } finally {
    clearInterval(timer);
  }
  const job = (await knowledge.job(tenant._id, started._id))!;
  await knowledge.close();
  return { tenant: tenant.slug, ...jobView(job) };
}

/**
 * `parley ingest --tenant SLUG PATH…`: indexes files and folders into a
 * tenant's knowledge base, waits for the job and prints it as one JSON
 * object (progress goes to stderr). Exits 1 when any file failed.
 */
export function registerIngestCommand(program: Command): void {
  program
    .command('ingest')
    .description(
      "index files or folders (Markdown, text, HTML, PDF, DOCX) into a tenant's knowledge base; prints the job",
    )
    .requiredOption('--tenant <slug>', 'the workspace slug')
    .argument('<paths...>', 'files or folders (folders are searched recursively)')
    .action(async (paths: string[], options: { tenant: string }) => {
      const config = loadConfig();
      const database = await connectDatabase(config);
      try {
        const output = await ingestPaths(
          database,
          config,
          { tenant: options.tenant, paths },
          (line) => console.error(line),
        );
        console.log(JSON.stringify(output));
        if (output.failed > 0) process.exitCode = 1;
      } finally {
        await database.close();
      }
    });
}
