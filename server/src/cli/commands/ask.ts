import type { Command } from 'commander';
import { type Config, loadConfig } from '../../config';
import { connectDatabase, type Database } from '../../db/connect';
import { chatTenantOf } from '../../services/chat/tenant';
import { createKnowledgeBase, ExtractiveResponder } from '../../services/knowledge/index';
import { selectResponder } from '../../services/llm/select';
import type { FinishReason, Responder } from '../../services/llm/types';
import { createAccessServices } from '../../services/tenants/access';
import { tenantBySlug } from './tenant';

/** What `ask --json` prints. */
export interface AskOutput {
  tenant: string;
  question: string;
  answer: string;
  sources: { n: number; title: string; url?: string; heading?: string; score: number }[];
  finishReason: FinishReason;
  usage?: { promptTokens: number; completionTokens: number };
  responder: string;
}

/**
 * Answers one question for the tenant with this slug the way the widget
 * would (same retrieval, same responders and grounding prompt), without
 * storing a conversation or counting against the quota: an operator's
 * check of what the assistant says. `onText` receives the answer as it
 * streams.
 */
export async function askQuestion(
  database: Database,
  config: Pick<
    Config,
    'embeddingsUrl' | 'embeddingsModel' | 'openai' | 'anthropic' | 'llmModel' | 'publicUrl'
  >,
  options: { tenant: string; question: string; k?: number; responder?: Responder },
  onText: (delta: string) => void = () => {},
): Promise<AskOutput> {
  const question = options.question.trim();
  if (!question) throw new Error('the question is empty');
  const access = createAccessServices({
    connection: database.connection,
    publicUrl: config.publicUrl,
  });
  const tenant = chatTenantOf(await tenantBySlug(access, options.tenant));
  const knowledge = createKnowledgeBase({ config, connection: database.connection });
  const sources = await knowledge.retriever.retrieve({
    tenantId: tenant.id,
    query: question,
    k: options.k ?? 5,
  });
  const responder =
    options.responder ??
    selectResponder(config, { extractive: new ExtractiveResponder() }) ??
    new ExtractiveResponder();
  let answer = '';
  let finishReason: FinishReason = 'stop';
  let usage: AskOutput['usage'];
  const stream = responder.stream({
    question,
    history: [],
    sources,
    persona: tenant.persona,
    locale: tenant.locale,
    signal: new AbortController().signal,
  });
  for await (const chunk of stream) {
    if (chunk.type === 'text') {
      answer += chunk.delta;
      onText(chunk.delta);
    } else if (chunk.type === 'usage') {
      usage = { promptTokens: chunk.promptTokens, completionTokens: chunk.completionTokens };
    } else finishReason = chunk.reason;
  }
  return {
    tenant: options.tenant.toLowerCase(),
    question,
    answer,
    sources: sources.map((s, i) => ({
      n: i + 1,
      title: s.title,
      ...(s.url ? { url: s.url } : {}),
      ...(s.heading ? { heading: s.heading } : {}),
      score: s.score,
    })),
    finishReason,
    ...(usage ? { usage } : {}),
    responder: responder.name ?? 'responder',
  };
}

/**
 * `parley ask --tenant SLUG "question"`: streams the grounded answer to
 * stdout followed by its numbered sources; with `--json`, prints one JSON
 * object instead. Nothing is stored.
 */
export function registerAskCommand(program: Command): void {
  program
    .command('ask')
    .description(
      "answer a question from a tenant's documents, as the widget would (nothing is stored)",
    )
    .requiredOption('--tenant <slug>', 'the workspace slug')
    .option('--json', 'print one JSON object (answer, sources, finish reason, usage)')
    .argument('<question...>', 'the question')
    .action(async (words: string[], options: { tenant: string; json?: boolean }) => {
      const config = loadConfig();
      const database = await connectDatabase(config);
      try {
        const output = await askQuestion(
          database,
          config,
          { tenant: options.tenant, question: words.join(' ') },
          options.json ? undefined : (delta) => process.stdout.write(delta),
        );
        if (options.json) console.log(JSON.stringify(output));
        else {
          process.stdout.write('\n\n');
          for (const s of output.sources) {
            console.log(`[${s.n}] ${s.title}${s.url ? ` ${s.url}` : ''}`);
          }
        }
      } finally {
        await database.close();
      }
    });
}
