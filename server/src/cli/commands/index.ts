import type { Command } from 'commander';
import { registerAskCommand } from './ask';
import { registerConfigCommand } from './config';
import { registerDbCommand } from './db';
import { registerIngestCommand } from './ingest';
import { registerKeyCommand } from './key';
import { registerPlanCommand } from './plan';
import { registerTenantCommand } from './tenant';
import { registerUserCommand } from './user';

/** Every CLI command registers itself here, so `--help` lists them all. */
export function registerCommands(program: Command): void {
  registerConfigCommand(program);
  registerDbCommand(program);
  registerTenantCommand(program);
  // After the tenant command (when it exists): `plan set` attaches to it.
  registerPlanCommand(program);
  registerKeyCommand(program);
  registerUserCommand(program);
  registerIngestCommand(program);
  registerAskCommand(program);
}
