import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { ArgsError, OutputError } from '../../errors.js';
import { storeError } from './store-errors.js';

const cx = {
  output: 'postgres',
  operation: 'write' as const,
  target: 'postgres://demo@db.example.com:5432/datakwip',
  table: 'core."values_demo"',
};
const nodeError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('storeError', () => {
  it('maps unreachable servers to STORE_CONNECT_FAILED naming host:port/db', () => {
    for (const err of [
      nodeError('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.1:5432'),
      nodeError('ENOTFOUND', 'getaddrinfo ENOTFOUND db'),
      new Error('Connection terminated due to connection timeout'),
    ]) {
      const e = storeError(err, cx);
      expect(e).toBeInstanceOf(OutputError);
      expect(e.code).toBe('STORE_CONNECT_FAILED');
      expect(e.message).toMatch(/^postgres connect failed \(postgres:\/\/demo@db\.example\.com:5432\/datakwip\): /);
      expect((e as Error).cause).toBe(err);
    }
  });

  it('maps any failure while connecting to STORE_CONNECT_FAILED', () => {
    const e = storeError(new Error('The server does not support SSL connections'), { ...cx, operation: 'connect' });
    expect(e.code).toBe('STORE_CONNECT_FAILED');
    expect(e.message).toContain('The server does not support SSL connections');
  });

  it('maps authentication failures to STORE_AUTH_FAILED with the server message', () => {
    const e = storeError(nodeError('28P01', 'password authentication failed for user "demo"'), cx);
    expect(e.code).toBe('STORE_AUTH_FAILED');
    expect(e.message).toContain('password authentication failed for user "demo"');
  });

  it('maps a real constraint violation to STORE_WRITE_FAILED naming the table and constraint', async () => {
    const db = new PGlite();
    try {
      await db.exec('CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1)');
      const err = await db.query('INSERT INTO t VALUES (1)').then(
        () => undefined,
        (x: unknown) => x,
      );
      const e = storeError(err, cx);
      expect(e.code).toBe('STORE_WRITE_FAILED');
      expect(e.message).toMatch(/duplicate key value violates unique constraint "t_pkey" \(table core\.t, constraint t_pkey\)/);
      expect(storeError(err, { ...cx, operation: 'read' }).code).toBe('STORE_READ_FAILED');
    } finally {
      await db.close();
    }
  });

  it('passes haysim errors through and never shows a password in the target', () => {
    const args = new ArgsError('--org bad');
    expect(storeError(args, cx)).toBe(args);
    const e = storeError(new Error('boom'), { ...cx, target: 'postgres://demo:s3cret@h:5432/db' });
    expect(e.message).not.toContain('s3cret');
  });
});
