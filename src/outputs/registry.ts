import { ArgsError, OptionsError, type OptionProblem } from '../errors.js';
import { validateOrgKey } from './core-store/org-key.js';
import { createFilesSink } from './files/create-files-sink.js';
import { filesOptions } from './files/files-options.js';
import { HttpSink } from './http/http-sink.js';
import { httpOptions } from './http/http-options.js';
import { MqttSink } from './mqtt/mqtt-sink.js';
import { mqttOptions } from './mqtt/mqtt-options.js';
import { defineOutput, type OutputContext, type OutputDefinition, type Sink, type Store } from './output.js';
import { optionProblems, parseOptions } from './parse-options.js';
import { PgliteStore } from './pglite/pglite-store.js';
import { pgliteOptions } from './pglite/pglite-options.js';
import { PostgresStore } from './postgres/postgres-store.js';
import { postgresOptions } from './postgres/postgres-options.js';

/**
 * Every output, one line each: name, kind, options (schema and flags) and how
 * to build it. The CLI's output flags and help are generated from this list;
 * stores come first, in the order a run prefers them.
 */
export const OUTPUTS: readonly OutputDefinition[] = [
  defineOutput({
    name: 'postgres',
    kind: 'store',
    ...postgresOptions,
    create: (o, cx) => new PostgresStore({ ...o, org: cx.org, layout: cx.layout, wideSchema: cx.wideSchema }),
  }),
  defineOutput({
    name: 'pglite',
    kind: 'store',
    ...pgliteOptions,
    create: (o, cx) => new PgliteStore({ ...o, org: cx.org, layout: cx.layout, wideSchema: cx.wideSchema }),
  }),
  defineOutput({ name: 'files', kind: 'sink', ...filesOptions, create: (o, cx) => createFilesSink(o, cx.layout) }),
  defineOutput({ name: 'http', kind: 'sink', ...httpOptions, create: (o) => new HttpSink(o) }),
  defineOutput({ name: 'mqtt', kind: 'sink', ...mqttOptions, create: (o) => new MqttSink(o) }),
];

/** The output of a run that asks for none: the embedded store. */
export const DEFAULT_OUTPUT = 'pglite';

/** An output a run asks for, with its options as given (validated by its schema). */
export interface OutputRequest {
  readonly name: string;
  readonly options: Readonly<Record<string, unknown>>;
}

export interface SelectedOutputs {
  readonly sinks: Sink[];
  /** the store that can be read back (for validation and the live service's state), if any */
  readonly store?: Store;
}

/**
 * The outputs of a run: those asked for, or the default store when none is.
 * A run writes to one store at most: the first asked for in registry order
 * (`--db` wins over `--data-dir`); sinks combine (database + MQTT at once).
 * Validates every option of every output before building any, listing all
 * problems at once, so a bad option touches nothing.
 */
export function selectOutputs(
  requests: readonly OutputRequest[],
  context: OutputContext,
  registry: readonly OutputDefinition[] = OUTPUTS,
): SelectedOutputs {
  validateOrgKey(context.org);
  const asked = requests.length > 0 ? requests : [{ name: DEFAULT_OUTPUT, options: {} }];
  for (const r of asked) findOutput(registry, r.name);
  const chosen = registry.filter((d) => asked.some((r) => r.name === d.name));
  const firstStore = chosen.find((d) => d.kind === 'store');
  const used = chosen.filter((d) => d.kind === 'sink' || d === firstStore);
  const problems: OptionProblem[] = [];
  const parsed = used.map((d) => {
    const result = d.schema.safeParse(asked.find((r) => r.name === d.name)!.options);
    if (!result.success) problems.push(...optionProblems(d.name, result.error));
    return result.data;
  });
  if (problems.length > 0) throw new OptionsError(problems);
  const sinks = used.map((d, i) => d.create(parsed[i]!, context));
  const store = firstStore && (sinks[used.indexOf(firstStore)] as Store);
  return { sinks, store };
}

/** One store built on its own (the live service's state, when the run writes to no store). */
export function createStore(
  name: string,
  options: Readonly<Record<string, unknown>>,
  context: OutputContext,
  registry: readonly OutputDefinition[] = OUTPUTS,
): Store {
  const definition = findOutput(registry, name);
  if (definition.kind !== 'store') throw new ArgsError(`output "${name}" is not a store: it cannot be read back`);
  validateOrgKey(context.org);
  return definition.create(parseOptions(name, definition.schema, options), context) as Store;
}

function findOutput(registry: readonly OutputDefinition[], name: string): OutputDefinition {
  const found = registry.find((d) => d.name === name);
  if (!found) throw new ArgsError(`unknown output "${name}" (known: ${registry.map((d) => d.name).join(', ')})`);
  return found;
}
