import { ArgsError } from '../errors.js';

/** First words of the statements `sql` runs: reads only. Anything else is refused before it is sent. */
const READS = ['select', 'with', 'values', 'table', 'show', 'explain'] as const;

/** Statements that return rows to bound: they can be the subquery of `SELECT * FROM (…) LIMIT n`. */
const WRAPPABLE: ReadonlySet<string> = new Set(['select', 'with', 'values', 'table']);

/**
 * Functions a read must not call: those that act outside the transaction, so a read-only transaction rolled
 * back does not undo them (large objects, signals to other sessions, server administration, session-level
 * advisory locks, connections to other databases, settings), those that read the server's files (open to a
 * superuser), sequences, sleeping (a session held at will), and those that run SQL text of their own
 * (query_to_xml and its kin), which would carry any of these past this check. A denylist cannot know every
 * function an extension adds: the hard guarantee is a role that may only read (README, "Query").
 */
const OUTSIDE_EFFECTS =
  /\b(lo_\w+|pg_terminate_backend|pg_cancel_backend|pg_reload_conf|pg_rotate_logfile\w*|pg_switch_wal|pg_promote|pg_create_restore_point|pg_file_\w+|pg_advisory_\w+|pg_log_backend_memory_contexts|pg_replication_origin_\w+|pg_\w*replication_slot\w*|dblink\w*|set_config|pg_read_\w+|pg_ls_\w+|pg_stat_file|pg_sleep\w*|nextval|setval|\w*_to_xml\w*|\w*_to_xmlschema)\s*\(/i;

export interface ReadStatement {
  /** the statement to send, a row-returning one bounded to `limit + 1` rows */
  readonly text: string;
  /** the statement was wrapped: one row more than the limit means truncated */
  readonly bounded: boolean;
}

/**
 * Checks that `sql` is one read statement and bounds its rows. The read-only transaction it then runs in
 * is what guarantees nothing changes; this check refuses early, with a clear line, what that transaction
 * would refuse (INSERT, DDL) and what it would not (COPY … TO PROGRAM, a second statement after `;`,
 * functions with effects outside the transaction).
 */
export function readStatement(sql: string, limit: number): ReadStatement {
  const code = blankLiterals(String(sql));
  const body = code.replace(/;\s*$/, '');
  if (body.trim() === '') throw new ArgsError('query sql: the statement is empty');
  if (body.includes(';')) throw new ArgsError('query sql: one statement only (found a ";" before the end)');
  const first = /^\s*([a-z_]+)/i.exec(body)?.[1]?.toLowerCase() ?? '';
  if (!(READS as readonly string[]).includes(first))
    throw new ArgsError(
      `query sql: only a read is allowed (${READS.map((r) => r.toUpperCase()).join(', ')}), not ${first ? first.toUpperCase() : JSON.stringify(body.trim().slice(0, 20))}`,
    );
  const effect = OUTSIDE_EFFECTS.exec(body);
  if (effect)
    throw new ArgsError(
      `query sql: ${effect[1]}() is not allowed in a read (it acts outside the transaction, reads server files or runs SQL of its own)`,
    );
  let depth = 0;
  for (const ch of body) {
    depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
    if (depth < 0) break;
  }
  if (depth !== 0) throw new ArgsError('query sql: unbalanced parentheses');
  const statement = String(sql).slice(0, body.length);
  if (!WRAPPABLE.has(first)) return { text: statement, bounded: false };
  // newlines: a trailing `-- comment` in the statement must not swallow the closing parenthesis
  return { text: `SELECT * FROM (\n${statement}\n) AS haysim_query LIMIT ${Math.trunc(limit) + 1}`, bounded: true };
}

/**
 * The statement with comments, string literals and quoted identifiers' quotes blanked to spaces of the same
 * length (a quoted identifier keeps its letters, so `"lo_export"(…)` is still seen as that call): what is
 * left is the SQL's structure, where `;`, the first word and calls can be looked for.
 */
function blankLiterals(sql: string): string {
  let out = '';
  let i = 0;
  const blank = (n: number) => ' '.repeat(n);
  while (i < sql.length) {
    const rest = sql.slice(i);
    if (rest.startsWith('--')) {
      const end = sql.indexOf('\n', i);
      const stop = end < 0 ? sql.length : end;
      out += blank(stop - i);
      i = stop;
    } else if (rest.startsWith('/*')) {
      let depth = 0;
      let j = i;
      while (j < sql.length) {
        if (sql.startsWith('/*', j)) {
          depth++;
          j += 2;
        } else if (sql.startsWith('*/', j)) {
          depth--;
          j += 2;
          if (depth === 0) break;
        } else j++;
      }
      out += blank(j - i);
      i = j;
    } else if (rest[0] === "'") {
      // E'…' strings take backslash escapes; '' is a quote inside any string
      const escapes = /[eE]$/.test(out) && !/\w[eE]$/.test(out);
      let j = i + 1;
      while (j < sql.length) {
        if (escapes && sql[j] === '\\') j += 2;
        else if (sql[j] === "'" && sql[j + 1] === "'") j += 2;
        else if (sql[j] === "'") break;
        else j++;
      }
      out += blank(Math.min(j + 1, sql.length) - i);
      i = j + 1;
    } else if (rest[0] === '"') {
      const end = sql.indexOf('"', i + 1);
      const stop = end < 0 ? sql.length : end + 1;
      out += end < 0 ? blank(stop - i) : ` ${sql.slice(i + 1, end).replace(/[^\w]/g, '_')} `;
      i = stop;
    } else {
      const dollar = /^\$([A-Za-z_]\w*)?\$/.exec(rest);
      if (dollar && !/\w$/.test(out)) {
        const end = sql.indexOf(dollar[0], i + dollar[0].length);
        const stop = end < 0 ? sql.length : end + dollar[0].length;
        out += blank(stop - i);
        i = stop;
      } else {
        out += sql[i];
        i++;
      }
    }
  }
  return out;
}
