import type { Command } from 'commander';
import { registerConfigCommand } from './config';

/** Every CLI command registers itself here, so `--help` lists them all. */
export function registerCommands(program: Command): void {
  registerConfigCommand(program);
}
