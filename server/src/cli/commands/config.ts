import type { Command } from 'commander';
import { loadConfig } from '../../config';

const secretish = /secret|key|uri/i;

/** `parley config`: validates the environment and prints the effective config, secrets masked. */
export function registerConfigCommand(program: Command): void {
  program
    .command('config')
    .description('validate the environment and print the effective configuration (secrets masked)')
    .action(() => {
      const config = loadConfig();
      const masked = JSON.parse(
        JSON.stringify(config, (key, value) =>
          typeof value === 'string' && secretish.test(key) ? '[set]' : value,
        ),
      );
      console.log(JSON.stringify(masked, null, 2));
    });
}
