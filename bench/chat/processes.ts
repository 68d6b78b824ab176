import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

const root = new URL('../..', import.meta.url).pathname;

/** A benchmark child process and the first JSON line it printed. */
export interface Child<T> {
  process: ChildProcess;
  first: T;
  stop(): Promise<void>;
}

/** Runs a TypeScript file with tsx in its own process; resolves with its first stdout JSON line. */
export async function startChild<T>(
  file: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<Child<T>> {
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const [line] = (await Promise.race([
    once(lines, 'line'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`${file} exited with ${code} before reporting`);
    }),
  ])) as [string];
  return {
    process: child,
    first: JSON.parse(line) as T,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/** Runs a TypeScript file to completion and returns its last stdout JSON line. */
export async function runChild<T>(file: string, args: string[]): Promise<T> {
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout!.on('data', (chunk) => {
    out += chunk;
  });
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`${file} exited with ${code}`);
  return JSON.parse(out.trim().split('\n').at(-1)!) as T;
}
