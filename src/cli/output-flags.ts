import { type Command, Option } from 'commander';
import type { z } from 'zod';
import { ArgsError } from '../errors.js';
import type { OutputDefinition } from '../outputs/output.js';
import type { OutputRequest } from '../outputs/registry.js';

/**
 * The one place output flags are made: each output's flags come from its
 * options schema (value type, help text, default) and its `flags` declaration
 * (which options, which names), so adding an output never edits a command.
 */

type Kind = OutputDefinition['kind'];

/** A flag generated from one option of one output. */
interface OutputFlag {
  readonly output: string;
  readonly option: string;
  /** giving this flag selects the output (`--mqtt URL`) */
  readonly selects: boolean;
  /** the value's name in help and messages: `url`, `point|equip` */
  readonly valueName: string;
  readonly env?: string;
  readonly commander: Option;
  /** the flag's text as the schema expects it (numbers as numbers) */
  readonly value: (raw: unknown) => unknown;
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The flags of the outputs of the given kinds, in registry order. */
function outputFlags(registry: readonly OutputDefinition[], kinds: readonly Kind[]): OutputFlag[] {
  return registry
    .filter((d) => kinds.includes(d.kind))
    .flatMap((d) => [d.flags.select, ...(d.flags.also ?? [])].map((option) => outputFlag(d, option)));
}

function outputFlag(d: OutputDefinition, option: string): OutputFlag {
  const selects = option === d.flags.select;
  const names: Readonly<Record<string, string | undefined>> = d.flags.names ?? {};
  const flag = names[option] ?? (selects ? `--${d.name}` : `--${d.name}-${kebab(option)}`);
  const field = d.schema.shape[option] as z.ZodType;
  const { type, values, fallback } = describeField(field, `${d.name}.${option}`);
  const valueName = values ? values.join('|') : kebab(option).split('-').pop()!; // dataDir → <dir>
  const help = selects
    ? `${d.summary}${d.flags.env ? ` (default: $${d.flags.env})` : ''}`
    : `${d.name}: ${field.description ?? option}${fallback === undefined ? '' : ` (default ${fallback})`}`;
  const commander = new Option(type === 'boolean' ? flag : `${flag} <${valueName}>`, help);
  const value = (raw: unknown) => (type === 'number' && typeof raw === 'string' && /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw);
  return { output: d.name, option, selects, valueName, env: selects ? d.flags.env : undefined, commander, value };
}

/** What a flag needs to know of an option's schema: its value type, enum values and default. */
function describeField(field: z.ZodType, name: string): { type: string; values?: string[]; fallback?: unknown } {
  let inner = field;
  let fallback: unknown;
  for (;;) {
    const def = inner._zod.def as { type: string; innerType?: z.ZodType; defaultValue?: unknown };
    if (def.type === 'default') fallback = def.defaultValue;
    if (def.type !== 'optional' && def.type !== 'default') break;
    inner = def.innerType!;
  }
  const def = inner._zod.def as { type: string; entries?: Record<string, string>; options?: z.ZodType[] };
  if (def.type === 'string' || def.type === 'number' || def.type === 'boolean') return { type: def.type, fallback };
  if (def.type === 'enum') return { type: 'string', values: Object.values(def.entries!), fallback };
  const literals = def.type === 'union' ? def.options!.map((o) => (o._zod.def as { values?: unknown[] }).values?.[0]) : [];
  if (literals.length > 0 && literals.every((v) => typeof v === 'number'))
    return { type: 'number', values: literals.map(String), fallback };
  throw new Error(`output option ${name} (${def.type}) cannot be a command-line flag`);
}

/** Adds the flags of every output of the given kinds to a command. */
export function addOutputFlags(
  command: Command,
  registry: readonly OutputDefinition[],
  kinds: readonly Kind[] = ['store', 'sink'],
): Command {
  for (const f of outputFlags(registry, kinds)) command.addOption(f.commander);
  return command;
}

/**
 * Parsed flags → the outputs asked for, each with the options its flags set
 * (an environment variable stands in for an absent selecting flag). An
 * output's other flags without its selecting flag are refused.
 */
export function outputRequests(
  values: Readonly<Record<string, unknown>>,
  registry: readonly OutputDefinition[],
  kinds: readonly Kind[] = ['store', 'sink'],
  env: NodeJS.ProcessEnv = process.env,
): OutputRequest[] {
  const flags = outputFlags(registry, kinds);
  const requests: OutputRequest[] = [];
  for (const selecting of flags.filter((f) => f.selects)) {
    const own = flags.filter((f) => f.output === selecting.output);
    const given = own.filter((f) => values[f.commander.attributeName()] !== undefined);
    const fromEnv = selecting.env ? env[selecting.env] || undefined : undefined;
    if (!given.includes(selecting) && fromEnv === undefined) {
      if (given.length > 0)
        throw new ArgsError(`${given[0]!.commander.long} needs ${selecting.commander.long} ${selecting.valueName.toUpperCase()}`);
      continue;
    }
    const options: Record<string, unknown> = { [selecting.option]: fromEnv };
    for (const f of given) options[f.option] = f.value(values[f.commander.attributeName()]);
    requests.push({ name: selecting.output, options });
  }
  return requests;
}

/** Option name → flag (`mqtt.topic` → `--topic`), to name flags in the library's option errors. */
export function outputFlagNames(registry: readonly OutputDefinition[]): Map<string, string> {
  return new Map(outputFlags(registry, ['store', 'sink']).map((f) => [`${f.output}.${f.option}`, f.commander.long!]));
}
