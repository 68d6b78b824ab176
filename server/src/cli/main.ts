import { Command } from 'commander';
import { version } from '../version';
import { registerCommands } from './commands/index';

/**
 * The operator CLI: `npm run --silent parley -- <command>`. Commands that
 * create something print one JSON object on stdout; logs go to stderr.
 */
export function buildCli(): Command {
  const program = new Command('parley')
    .description('Operate a Parley server: data store, tenants, keys, users, knowledge.')
    .version(version)
    .showHelpAfterError();
  registerCommands(program);
  return program;
}

buildCli()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    console.error(`parley: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
