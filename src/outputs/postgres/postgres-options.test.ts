import { describe, expect, it } from 'vitest';
import { ArgsError } from '../../errors.js';
import { describePostgresUrl, parsePostgresUrl, postgresOptionsSchema } from './postgres-options.js';

describe('postgres options', () => {
  it('describes a URL as user@host:port/db without the password', () => {
    const describe = (url: string) => describePostgresUrl(parsePostgresUrl(url));
    expect(describe('postgres://demo:demo123@localhost:5432/datakwip')).toBe('postgres://demo@localhost:5432/datakwip');
    expect(describe('postgresql://demo:p%40ss@db.example.com/datakwip')).toBe('postgres://demo@db.example.com:5432/datakwip');
    expect(describe('postgres://d%C3%A9mo@10.0.0.1:6543')).toBe('postgres://démo@10.0.0.1:6543/démo');
    expect(describe('postgres:///datakwip?host=/var/run/postgresql')).toBe('postgres:///var/run/postgresql:5432/datakwip');
    // a Unix socket with a user, as pg accepts it (WHATWG URL alone refuses it)
    expect(describe('postgres://demo:pw@/datakwip?host=/tmp/pg')).toBe('postgres://demo@/tmp/pg:5432/datakwip');
    expect(() => parsePostgresUrl('postgres://demo@/datakwip')).toThrow(ArgsError); // no host at all
  });

  it('rejects other schemes and malformed URLs without echoing them', () => {
    for (const url of ['http://demo:pw@localhost/db', 'postgres://demo:pw@host:99999999/db', 'not a url']) {
      expect(() => parsePostgresUrl(url), url).toThrow(ArgsError);
      expect(() => parsePostgresUrl(url), url).not.toThrow(/pw/);
    }
  });

  it('checks the URL in the schema without echoing it', () => {
    expect(postgresOptionsSchema.parse({ url: 'postgres://x@h/db' })).toEqual({ url: 'postgres://x@h/db' });
    const bad = postgresOptionsSchema.safeParse({ url: 'http://demo:pw@localhost/db' });
    expect(bad.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['url', 'not a PostgreSQL URL: expected postgres://user:password@host:5432/database'],
    ]);
  });
});
