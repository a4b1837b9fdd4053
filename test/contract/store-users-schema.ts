/**
 * The users' own `core` schema as their existing installs have it
 * (datakwip-schema.md), without any haysim column: `ts timestamp` without
 * zone, org.key not unique, no entity.tags. Used to check haysim writes into
 * it without breaking what is there.
 */
export async function createUsersSchema(exec: (sql: string) => Promise<unknown>): Promise<void> {
  await exec(`
    CREATE SCHEMA core;
    CREATE TABLE core.org (id serial PRIMARY KEY, name varchar, key varchar, value_table varchar NOT NULL,
      schema_name varchar NOT NULL, disabled_ts timestamp);
    CREATE UNIQUE INDEX org_name_idx ON core.org (name);
    CREATE TABLE core.entity (id serial PRIMARY KEY, value_table_id varchar, disabled_ts timestamp);
    CREATE TABLE core.tag_def (id serial PRIMARY KEY, name varchar NOT NULL UNIQUE, url varchar, doc varchar, dis varchar,
      file_ext varchar, mime varchar, version varchar, min_val int, max_val int, base_uri varchar, pref_unit varchar[],
      disabled_ts timestamp);
    CREATE TABLE core.entity_tag (id serial PRIMARY KEY, entity_id int REFERENCES core.entity (id),
      tag_id int REFERENCES core.tag_def (id), value_n numeric, value_b bool, value_s varchar, value_ts timestamp,
      value_list varchar[], value_dict jsonb, value_ref int, value_enum int, disabled_ts timestamp,
      UNIQUE (entity_id, tag_id, disabled_ts));
    CREATE INDEX et_entity ON core.entity_tag (entity_id);
    CREATE INDEX et_tag ON core.entity_tag (tag_id);
    CREATE TABLE core."user" (id serial PRIMARY KEY, email varchar UNIQUE, disabled_ts timestamp);
    CREATE TABLE core.org_user (id serial PRIMARY KEY, user_id int REFERENCES core."user" (id), org_id int REFERENCES core.org (id));
    CREATE TABLE core.values_demo (entity_id int NOT NULL, ts timestamp NOT NULL, value_n numeric, value_b bool,
      value_s varchar, value_ts timestamp, status varchar, value_dict jsonb, PRIMARY KEY (entity_id, ts));
    CREATE INDEX values_demo_entity_ts ON core.values_demo (entity_id, ts DESC);
    CREATE TABLE core.values_demo_current (entity_id int PRIMARY KEY, ts timestamp NOT NULL, value_n numeric, value_b bool,
      value_s varchar, value_ts timestamp, status varchar, value_dict jsonb);

    INSERT INTO core.org (name, key, value_table, schema_name) VALUES ('Demo Building Corp', 'demo', 'values_demo', 'demo');
    INSERT INTO core.entity (value_table_id) VALUES ('values_demo'), (NULL);
    INSERT INTO core.tag_def (name, doc) VALUES ('site', 'their own doc');
    INSERT INTO core.entity_tag (entity_id, tag_id, value_b) VALUES (2, 1, true);
    INSERT INTO core.values_demo (entity_id, ts, value_n, status) VALUES (1, '2020-01-01 00:00', 42.5, 'ok');
    INSERT INTO core.values_demo_current (entity_id, ts, value_n, status) VALUES (1, '2020-01-01 00:00', 42.5, 'ok');
  `);
}
