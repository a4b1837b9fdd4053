import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { describeWithPostgres } from './postgres.js';

describeWithPostgres('test PostgreSQL helper', (server) => {
  const clients: pg.Client[] = [];
  async function connect(url: string): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: url });
    clients.push(client);
    await client.connect();
    return client;
  }
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.end().catch(() => {})));
  });

  it('creates distinct, isolated databases', async () => {
    const urlA = await server.createDatabase('iso');
    const urlB = await server.createDatabase('iso');
    expect(urlA).not.toBe(urlB);

    const a = await connect(urlA);
    const b = await connect(urlB);
    const nameA = (await a.query<{ db: string }>('SELECT current_database() AS db')).rows[0]!.db;
    expect(nameA).toMatch(/^iso_x[0-9a-f]+_[0-9a-f]+$/);
    expect(new URL(urlA).pathname).toBe(`/${nameA}`);

    await a.query('CREATE TABLE only_in_a (v int)');
    await a.query('INSERT INTO only_in_a VALUES (42)');
    expect((await a.query('SELECT v FROM only_in_a')).rows).toEqual([{ v: 42 }]);
    const inB = await b.query("SELECT to_regclass('public.only_in_a') AS t");
    expect(inB.rows[0].t).toBeNull();
  });

  it('creates a password-protected role that owns its database', async () => {
    const url = await server.createUserDatabase('alice', "s3cr'et pw");
    const parsed = new URL(url);
    expect(parsed.username).toMatch(/^alice_x/);

    const ok = await connect(url);
    const who = await ok.query<{ u: string; d: string; owner: string }>(
      `SELECT current_user AS u, current_database() AS d,
              pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = current_database()`,
    );
    expect(who.rows[0]).toEqual({ u: parsed.username, d: parsed.username, owner: parsed.username });

    parsed.password = 'wrong-password';
    const bad = new pg.Client({ connectionString: parsed.toString() });
    clients.push(bad);
    await expect(bad.connect()).rejects.toMatchObject({ code: '28P01' });
  });

  it('rejects names that would not be safe identifiers', async () => {
    await expect(server.createDatabase('Bad-Name')).rejects.toThrow(/database prefix must match/);
    await expect(server.createUserDatabase('x"; DROP', 'pw')).rejects.toThrow(/user must match/);
  });
});
