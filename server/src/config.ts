import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { z } from 'zod';

/** Server configuration, read and validated once from the environment. */
export interface Config {
  port: number;
  publicUrl: string;
  production: boolean;
  mongodbUri: string | undefined;
  dataDir: string;
  sessionSecret: string;
  logLevel: string;
  openai: { apiKey: string | undefined; baseUrl: string | undefined };
  anthropic: { apiKey: string | undefined; baseUrl: string | undefined };
  embeddingsUrl: string | undefined;
  llmModel: string | undefined;
  embeddingsModel: string | undefined;
  stripe: {
    secretKey: string | undefined;
    webhookSecret: string | undefined;
    apiUrl: string | undefined;
  };
  /** Seed the demo tenant and serve the example pages. On unless production. */
  demo: boolean;
}

/** Thrown when an environment variable is missing or malformed; names the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`Invalid environment variable ${variable}: ${reason}`);
    this.name = 'ConfigError';
  }
}

const optionalUrl = z.url({ protocol: /^https?$/ }).optional();

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  PUBLIC_URL: optionalUrl,
  NODE_ENV: z.string().optional(),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
    .optional(),
  PARLEY_DATA_DIR: z.string().min(1).default('./.parley-data'),
  PARLEY_SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  PARLEY_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  PARLEY_DEMO: z.enum(['0', '1', 'true', 'false']).optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: optionalUrl,
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  ANTHROPIC_BASE_URL: optionalUrl,
  PARLEY_EMBEDDINGS_URL: optionalUrl,
  PARLEY_LLM_MODEL: z.string().min(1).optional(),
  PARLEY_EMBEDDINGS_MODEL: z.string().min(1).optional(),
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_/, 'must look like sk_test_… or sk_live_…')
    .optional(),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_/, 'must start with whsec_')
    .optional(),
  STRIPE_API_URL: optionalUrl,
});

/**
 * Reads the configuration from an environment object. Empty strings count as
 * unset, so `FOO=` in a shell does not turn into a validation error.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(String(issue.path[0] ?? 'environment'), issue.message);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production && !e.PARLEY_SESSION_SECRET) {
    throw new ConfigError('PARLEY_SESSION_SECRET', 'is required when NODE_ENV=production');
  }
  const demo =
    e.PARLEY_DEMO === undefined ? !production : e.PARLEY_DEMO === '1' || e.PARLEY_DEMO === 'true';
  if (production && demo) {
    throw new ConfigError('PARLEY_DEMO', 'the demo tenant cannot run with NODE_ENV=production');
  }
  return {
    port: e.PORT,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    production,
    mongodbUri: e.MONGODB_URI,
    dataDir: resolve(e.PARLEY_DATA_DIR),
    // Demo mode: a random secret per start means sessions end on restart, which is fine for a demo.
    sessionSecret: e.PARLEY_SESSION_SECRET ?? randomBytes(32).toString('hex'),
    logLevel: e.PARLEY_LOG_LEVEL,
    openai: { apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL },
    anthropic: { apiKey: e.ANTHROPIC_API_KEY, baseUrl: e.ANTHROPIC_BASE_URL },
    embeddingsUrl: e.PARLEY_EMBEDDINGS_URL,
    llmModel: e.PARLEY_LLM_MODEL,
    embeddingsModel: e.PARLEY_EMBEDDINGS_MODEL,
    stripe: {
      secretKey: e.STRIPE_SECRET_KEY,
      webhookSecret: e.STRIPE_WEBHOOK_SECRET,
      apiUrl: e.STRIPE_API_URL,
    },
    demo,
  };
}
