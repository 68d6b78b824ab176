import type { Command } from 'commander';
import { registerConfigCommand } from './config';
import { registerDbCommand } from './db';
import { registerPlanCommand } from './plan';

/** Every CLI command registers itself here, so `--help` lists them all. */
export function registerCommands(program: Command): void {
  registerConfigCommand(program);
  registerDbCommand(program);
  // After the tenant command (when it exists): `plan set` attaches to it.
  registerPlanCommand(program);
}
