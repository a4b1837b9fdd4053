import type { SqlClient } from './sql-client.js';

/**
 * Ordered, idempotent schema steps. Each runs in its own transaction under an
 * advisory lock and is recorded in core.haysim_migration, so two haysim
 * processes, a re-run, or an older haysim database are all safe. Steps never
 * rename or drop the users' columns; they only add.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(tx: SqlClient): Promise<void>;
}

/** Advisory-lock key pair ('hays', 1): serialises haysim migrations per database. */
const LOCK = [0x68617973, 1] as const;

/**
 * The users' own tables (datakwip-schema.md), each created with its indexes
 * only when absent: an existing install keeps its tables and index names.
 */
const USERS_TABLES: ReadonlyArray<readonly [string, string]> = [
  [
    'org',
    `CREATE TABLE core.org (
       id serial PRIMARY KEY,
       name varchar UNIQUE,
       key varchar,
       value_table varchar NOT NULL,
       schema_name varchar NOT NULL,
       disabled_ts timestamp)`,
  ],
  [
    'entity',
    `CREATE TABLE core.entity (
       id serial PRIMARY KEY,
       value_table_id varchar,
       disabled_ts timestamp)`,
  ],
  [
    'tag_def',
    `CREATE TABLE core.tag_def (
       id serial PRIMARY KEY,
       name varchar NOT NULL UNIQUE,
       url varchar, doc varchar, dis varchar, file_ext varchar, mime varchar, version varchar,
       min_val int, max_val int, base_uri varchar, pref_unit varchar[],
       disabled_ts timestamp)`,
  ],
  [
    'entity_tag',
    `CREATE TABLE core.entity_tag (
       id serial PRIMARY KEY,
       entity_id int REFERENCES core.entity (id),
       tag_id int REFERENCES core.tag_def (id),
       value_n numeric, value_b bool, value_s varchar, value_ts timestamp,
       value_list varchar[], value_dict jsonb, value_ref int, value_enum int,
       disabled_ts timestamp,
       UNIQUE (entity_id, tag_id, disabled_ts));
     CREATE INDEX entity_tag_entity_id_idx ON core.entity_tag (entity_id);
     CREATE INDEX entity_tag_tag_id_idx ON core.entity_tag (tag_id)`,
  ],
  ['user', `CREATE TABLE core."user" (id serial PRIMARY KEY, email varchar UNIQUE, disabled_ts timestamp)`],
  [
    'org_user',
    `CREATE TABLE core.org_user (
       id serial PRIMARY KEY,
       user_id int REFERENCES core."user" (id),
       org_id int REFERENCES core.org (id))`,
  ],
];

/** The role `query sql` reads as where it can: SELECT on haysim's tables, nothing else. */
export const READER_ROLE = 'haysim_reader';

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'users core schema',
    async up(tx) {
      for (const [table, ddl] of USERS_TABLES) {
        const [row] = await tx.query<{ exists: boolean }>('SELECT to_regclass($1) IS NOT NULL AS exists', [`core."${table}"`]);
        if (!row.exists) await tx.exec(ddl);
      }
    },
  },
  {
    version: 2,
    name: 'haysim columns on users tables',
    async up(tx) {
      await tx.exec(`
        ALTER TABLE core.org ADD COLUMN IF NOT EXISTS current_table varchar;
        ALTER TABLE core.entity
          ADD COLUMN IF NOT EXISTS org_id int,
          ADD COLUMN IF NOT EXISTS haystack_id varchar,
          ADD COLUMN IF NOT EXISTS tags jsonb NOT NULL DEFAULT '{}'::jsonb;
        CREATE UNIQUE INDEX IF NOT EXISTS entity_org_haystack_id_key ON core.entity (org_id, haystack_id);
        CREATE INDEX IF NOT EXISTS entity_tags_gin_idx ON core.entity USING gin (tags);
        CREATE INDEX IF NOT EXISTS entity_tag_value_ref_idx ON core.entity_tag (value_ref) WHERE value_ref IS NOT NULL;
        ALTER TABLE core.tag_def ADD COLUMN IF NOT EXISTS kind varchar;`);
    },
  },
  {
    version: 3,
    name: 'haysim run bookkeeping and ground truth',
    async up(tx) {
      await tx.exec(`
        CREATE TABLE IF NOT EXISTS core.haysim_chunk (
          org_id int NOT NULL,
          chunk_index bigint NOT NULL,
          interval_ms bigint NOT NULL,
          fingerprint varchar NOT NULL,
          start_ts timestamptz,
          end_ts timestamptz,
          rows int NOT NULL,
          events int NOT NULL,
          written_at timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (org_id, chunk_index));
        CREATE TABLE IF NOT EXISTS core.haysim_run (
          id serial PRIMARY KEY,
          org_id int NOT NULL,
          profile varchar NOT NULL,
          seed bigint NOT NULL,
          start_ts timestamptz NOT NULL,
          end_ts timestamptz NOT NULL,
          interval_ms bigint NOT NULL,
          fingerprint varchar NOT NULL,
          started_at timestamptz NOT NULL DEFAULT now(),
          finished_at timestamptz,
          summary jsonb);
        CREATE TABLE IF NOT EXISTS core.haysim_event (
          id serial PRIMARY KEY,
          org_id int NOT NULL,
          event_key varchar NOT NULL,
          type varchar NOT NULL,
          entity_id int,
          haystack_id varchar NOT NULL,
          start_ts timestamptz NOT NULL,
          end_ts timestamptz NOT NULL,
          params jsonb NOT NULL DEFAULT '{}'::jsonb,
          UNIQUE (org_id, event_key));
        CREATE INDEX IF NOT EXISTS haysim_event_entity_idx ON core.haysim_event (org_id, entity_id, start_ts);`);
    },
  },
  {
    version: 4,
    name: 'chunk markers say whether the whole chunk is written',
    async up(tx) {
      // a run's first and last day are usually cut by its range: only whole days may be skipped on resume
      await tx.exec('ALTER TABLE core.haysim_chunk ADD COLUMN IF NOT EXISTS complete boolean NOT NULL DEFAULT true');
    },
  },
  {
    version: 5,
    name: 'runs say whether they finished or were interrupted',
    async up(tx) {
      // NULL for a run begun before this step: the next begin() decides (finished, or interrupted by a kill)
      await tx.exec(`
        ALTER TABLE core.haysim_run ADD COLUMN IF NOT EXISTS status varchar
          CHECK (status IN ('running', 'finished', 'interrupted'));
        UPDATE core.haysim_run SET status = 'finished' WHERE finished_at IS NOT NULL AND status IS NULL;`);
    },
  },
  {
    version: 6,
    name: 'chunk markers per shard',
    async up(tx) {
      // `--shard K/N` processes write the same chunk index for different equipment: each keeps its own marker
      await tx.exec(`
        ALTER TABLE core.haysim_chunk ADD COLUMN IF NOT EXISTS shard varchar NOT NULL DEFAULT '1/1';
        ALTER TABLE core.haysim_chunk DROP CONSTRAINT IF EXISTS haysim_chunk_pkey;
        ALTER TABLE core.haysim_chunk ADD PRIMARY KEY (org_id, chunk_index, shard);`);
    },
  },
  {
    version: 7,
    name: 'haysim_reader: a role that may only read',
    async up(tx) {
      // `query sql` runs as this role (SET LOCAL ROLE) where the user may take it: SELECT and nothing else, so a
      // statement the read-only transaction lets through (nextval, server files, large objects) meets no privilege.
      // Roles are the cluster's: created once, granted per database; a user who may not create or grant skips it.
      await tx.exec(`DO $$
        BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${READER_ROLE}') THEN
            CREATE ROLE ${READER_ROLE} NOLOGIN;
          END IF;
          GRANT ${READER_ROLE} TO CURRENT_USER;
        EXCEPTION WHEN insufficient_privilege OR duplicate_object OR unique_violation OR invalid_grant_operation THEN NULL;
        END $$`);
      await tx.exec(`DO $$
        DECLARE s name;
        BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${READER_ROLE}') THEN RETURN; END IF;
          FOR s IN SELECT nspname FROM pg_namespace WHERE nspowner = (SELECT oid FROM pg_roles WHERE rolname = CURRENT_USER)
                      AND nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' LOOP
            EXECUTE format('GRANT USAGE ON SCHEMA %I TO ${READER_ROLE}', s);
            EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO ${READER_ROLE}', s);
          END LOOP;
          GRANT USAGE ON SCHEMA public TO ${READER_ROLE};
          GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${READER_ROLE};
          ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO ${READER_ROLE};
          ALTER DEFAULT PRIVILEGES GRANT USAGE ON SCHEMAS TO ${READER_ROLE};
        EXCEPTION WHEN insufficient_privilege THEN NULL;
        END $$`);
    },
  },
  {
    version: 8,
    name: 'the rollups haysim created, for the query layer',
    async up(tx) {
      // the query layer reads a continuous aggregate only when recorded here: it then knows its shape and hour grid
      await tx.exec(`
        CREATE TABLE IF NOT EXISTS core.haysim_aggregate (
          relation varchar PRIMARY KEY,
          source varchar NOT NULL,
          bucket_origin timestamptz NOT NULL,
          created_at timestamptz NOT NULL DEFAULT now())`);
    },
  },
];

/** Applies every pending migration; returns the versions applied now. */
export async function migrate(client: SqlClient, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const applied: number[] = [];
  for (const migration of migrations) {
    const ran = await client.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1, $2)', [...LOCK]);
      await ensureMigrationTable(tx);
      const done = await tx.query('SELECT 1 FROM core.haysim_migration WHERE version = $1', [migration.version]);
      if (done.length > 0) return false;
      await migration.up(tx);
      await tx.query('INSERT INTO core.haysim_migration (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      return true;
    });
    if (ran) applied.push(migration.version);
  }
  return applied;
}

/** Creates schema core and the migration table when absent (CREATE SCHEMA needs a privilege an existing install may not grant). */
async function ensureMigrationTable(tx: SqlClient): Promise<void> {
  const [state] = await tx.query<{ has_schema: boolean; has_table: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'core') AS has_schema,
            to_regclass('core.haysim_migration') IS NOT NULL AS has_table`,
  );
  if (!state.has_schema) await tx.exec('CREATE SCHEMA core');
  if (!state.has_table) {
    await tx.exec(`CREATE TABLE core.haysim_migration (
      version int PRIMARY KEY,
      name varchar NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now())`);
  }
}
