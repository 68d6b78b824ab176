import type { Command } from 'commander';
import { registerConfigCommand } from './config';
import { registerDbCommand } from './db';

/** Every CLI command registers itself here, so `--help` lists them all. */
export function registerCommands(program: Command): void {
  registerConfigCommand(program);
  registerDbCommand(program);
}
