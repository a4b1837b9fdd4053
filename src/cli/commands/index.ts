import type { CliCommand } from './command.js';
import { generateCommand } from './generate.js';
import { validateCommand } from './validate.js';

export const commands: readonly CliCommand[] = [generateCommand, validateCommand];
