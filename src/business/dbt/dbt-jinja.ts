/**
 * The Jinja subset the harness renders: `{{ call(args) }}` expressions whose
 * arguments are literals (strings, numbers, booleans, none, lists) or keyword
 * literals, and `{# comments #}`. Everything else — statements (`{% %}`),
 * filters, variables, operators, whitespace control — is rejected with the
 * file:line:column, because rendering it wrongly would silently change the SQL.
 */
import { DbtError } from '../../errors.js';

export type JinjaValue = string | number | boolean | null | readonly JinjaValue[];

export interface JinjaCall {
  readonly name: string;
  readonly args: readonly JinjaValue[];
  readonly kwargs: Readonly<Record<string, JinjaValue>>;
  /** file:line:column of the expression, for the callee's own errors */
  readonly at: string;
}

/** The functions a template may call, by (dotted) name; each returns the SQL text to insert. */
export type JinjaFunctions = Readonly<Record<string, (call: JinjaCall) => string>>;

export function renderJinja(source: string, file: string, functions: JinjaFunctions): string {
  let out = '';
  let pos = 0;
  for (;;) {
    const open = source.slice(pos).search(/\{[{%#]/);
    if (open < 0) return out + source.slice(pos);
    const start = pos + open;
    out += source.slice(pos, start);
    const at = location(source, file, start);
    const kind = source[start + 1];
    if (kind === '%')
      throw new DbtError(
        'DBT_COMPILE_FAILED',
        at,
        'statement blocks ({% ... %}) are not supported by the harness; use only {{ function(...) }} calls',
      );
    const close = source.indexOf(kind === '#' ? '#}' : '}}', start + 2);
    if (close < 0) throw new DbtError('DBT_COMPILE_FAILED', at, `unclosed ${kind === '#' ? '{#' : '{{'}`);
    if (kind === '{') {
      const call = parseCall(source.slice(start + 2, close), at);
      const fn = functions[call.name];
      if (!fn)
        throw new DbtError(
          'DBT_COMPILE_FAILED',
          at,
          `unsupported function ${call.name}() (the harness knows ${Object.keys(functions).sort().join(', ')})`,
        );
      out += fn(call);
    }
    pos = close + 2;
  }
}

function location(source: string, file: string, index: number): string {
  const before = source.slice(0, index).split('\n');
  return `${file}:${before.length}:${before.at(-1)!.length + 1}`;
}

const TOKEN =
  /\s*(?:('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)|([(),=[\]]))/y;

type Token = { kind: 'string' | 'number' | 'name' | 'punct'; text: string };

function tokenize(expr: string, at: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < expr.length && expr.slice(TOKEN.lastIndex).trim() !== '') {
    const from = TOKEN.lastIndex;
    const m = TOKEN.exec(expr);
    if (!m)
      throw new DbtError(
        'DBT_COMPILE_FAILED',
        at,
        `unsupported Jinja near ${JSON.stringify(expr.slice(from).trim().slice(0, 30))} in {{${expr}}}`,
      );
    if (m[1] !== undefined) tokens.push({ kind: 'string', text: m[1] });
    else if (m[2] !== undefined) tokens.push({ kind: 'number', text: m[2] });
    else if (m[3] !== undefined) tokens.push({ kind: 'name', text: m[3] });
    else tokens.push({ kind: 'punct', text: m[4]! });
  }
  return tokens;
}

function parseCall(expr: string, at: string): JinjaCall {
  const tokens = tokenize(expr, at);
  let i = 0;
  const fail = (what: string): never => {
    throw new DbtError(
      'DBT_COMPILE_FAILED',
      at,
      `unsupported Jinja in {{${expr}}}: ${what} (only function(literal, name=literal) calls are supported)`,
    );
  };
  const peek = () => tokens[i];
  const expect = (text: string) => (peek()?.text === text ? void i++ : fail(`expected '${text}'`));

  const value = (): JinjaValue => {
    const t = tokens[i++] ?? fail('missing argument');
    if (t.kind === 'string') return unquote(t.text);
    if (t.kind === 'number') return Number(t.text);
    if (t.kind === 'name' && ['true', 'True'].includes(t.text)) return true;
    if (t.kind === 'name' && ['false', 'False'].includes(t.text)) return false;
    if (t.kind === 'name' && ['none', 'None'].includes(t.text)) return null;
    if (t.text === '[') {
      const items: JinjaValue[] = [];
      while (peek()?.text !== ']') {
        items.push(value());
        if (peek()?.text === ',') i++;
        else if (peek()?.text !== ']') fail("expected ',' or ']'");
      }
      i++;
      return items;
    }
    return fail(`${t.text} is not a literal`);
  };

  const head = tokens[i++];
  if (head?.kind !== 'name') return fail('expected a function name');
  expect('(');
  const args: JinjaValue[] = [];
  const kwargs: Record<string, JinjaValue> = {};
  while (peek()?.text !== ')') {
    if (peek()?.kind === 'name' && tokens[i + 1]?.text === '=') {
      const key = tokens[i]!.text;
      i += 2;
      kwargs[key] = value();
    } else {
      if (Object.keys(kwargs).length > 0) fail('positional argument after a keyword argument');
      args.push(value());
    }
    if (peek()?.text === ',') i++;
    else if (peek()?.text !== ')') fail("expected ',' or ')'");
  }
  i++;
  if (i < tokens.length) fail(`unexpected ${tokens[i]!.text} after the call`);
  return { name: head.text, args, kwargs, at };
}

function unquote(literal: string): string {
  return literal.slice(1, -1).replace(/\\(.)/g, '$1');
}

/** The string argument at `index` (or keyword `name`), failing loudly when absent or not a string. */
export function stringArg(call: JinjaCall, index: number, name: string): string {
  const v = call.args[index] ?? call.kwargs[name];
  if (typeof v !== 'string') throw new DbtError('DBT_COMPILE_FAILED', call.at, `${call.name}() needs a string ${name}`);
  return v;
}
