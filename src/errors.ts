/**
 * Every error a user can see. Library code throws these; only src/cli/main.ts
 * turns them into text and an exit code.
 */
export type ErrorCode =
  | 'ARGS_INVALID'
  | 'PROFILE_NOT_FOUND'
  | 'PROFILE_INVALID'
  | 'STORE_CONNECT_FAILED'
  | 'STORE_AUTH_FAILED'
  | 'STORE_WRITE_FAILED'
  | 'STORE_READ_FAILED'
  | 'STORE_CONFLICT'
  | 'SINK_WRITE_FAILED'
  | 'VALIDATION_FAILED'
  | 'DBT_COMPILE_FAILED'
  | 'DBT_RUN_FAILED'
  | 'INTERRUPTED';

/** Exit code 2 for what the user must fix in the input, 1 for runtime/I/O failures. */
const INPUT_ERRORS: ReadonlySet<ErrorCode> = new Set(['ARGS_INVALID', 'PROFILE_NOT_FOUND', 'PROFILE_INVALID']);

export class HaysimError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HaysimError';
    this.code = code;
  }

  get exitCode(): 1 | 2 {
    return INPUT_ERRORS.has(this.code) ? 2 : 1;
  }
}

/** Invalid CLI flag or option value. */
export class ArgsError extends HaysimError {
  constructor(message: string) {
    super('ARGS_INVALID', message);
    this.name = 'ArgsError';
  }
}

/** One invalid option, named as the library knows it (`mqtt.topic`). */
export interface OptionProblem {
  readonly option: string;
  readonly message: string;
}

/**
 * Options that do not validate, every problem at once, each naming its option
 * (`mqtt.topic`); the CLI names the flag instead (`--topic`) with renamed().
 */
export class OptionsError extends ArgsError {
  constructor(readonly problems: readonly OptionProblem[]) {
    super(
      problems.length === 1
        ? `${problems[0]!.option}: ${problems[0]!.message}`
        : `invalid options:\n  ${problems.map((p) => `${p.option}: ${p.message}`).join('\n  ')}`,
    );
    this.name = 'OptionsError';
  }

  /** The same problems with options named as in `names` (option → flag); others keep their name. */
  renamed(names: ReadonlyMap<string, string>): OptionsError {
    return new OptionsError(this.problems.map((p) => ({ ...p, option: names.get(p.option) ?? p.option })));
  }
}

export interface ProfileProblem {
  /** file:line:column where known */
  location: string;
  /** YAML path such as `equipment.vav.maxAirflow` */
  path: string;
  message: string;
}

/** A profile that cannot be used; lists every problem at once. */
export class ProfileError extends HaysimError {
  readonly problems: readonly ProfileProblem[];

  constructor(code: 'PROFILE_NOT_FOUND' | 'PROFILE_INVALID', message: string, problems: readonly ProfileProblem[] = []) {
    super(code, message);
    this.name = 'ProfileError';
    this.problems = problems;
  }
}

export type IoOperation = 'connect' | 'migrate' | 'write' | 'read' | 'flush' | 'close';

/** An output or store failed; names the output, operation and target, keeps the driver error as cause. */
export class OutputError extends HaysimError {
  constructor(
    code: Extract<ErrorCode, `STORE_${string}` | 'SINK_WRITE_FAILED'>,
    readonly output: string,
    readonly operation: IoOperation,
    readonly target: string,
    detail: string,
    cause?: unknown,
  ) {
    super(code, `${output} ${operation} failed (${redactCredentials(target)}): ${detail}`, { cause });
    this.name = 'OutputError';
  }
}

/**
 * The dbt project harness could not compile a project (unsupported Jinja, a ref to
 * nothing, a cycle) or a compiled statement failed; names the file or node.
 */
export class DbtError extends HaysimError {
  constructor(
    code: 'DBT_COMPILE_FAILED' | 'DBT_RUN_FAILED',
    readonly node: string,
    detail: string,
    cause?: unknown,
  ) {
    super(code, `dbt ${code === 'DBT_COMPILE_FAILED' ? 'compile' : 'run'} failed (${node}): ${detail}`, { cause });
    this.name = 'DbtError';
  }
}

/** Removes passwords from connection URLs before they reach a message. */
export function redactCredentials(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@\s]*@/gi, '$1***@');
}
