/**
 * Server tests run on a real PostgreSQL: DATABASE_URL when given (CI's second pass), otherwise an embedded
 * server started here once. A template database is migrated once; each test file clones it (fast, isolated).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../src/server/db/embedded';
import { connect } from '../src/server/db/client';
import { migrateDatabase } from '../src/server/db/migrate';

declare module 'vitest' {
  export interface ProvidedContext {
    pgServerUrl: string;
    pgTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  let serverUrl = process.env.DATABASE_URL;
  let stop: (() => Promise<void>) | undefined;
  let dataDir: string | undefined;
  if (!serverUrl) {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyin-test-pg-'));
    const pgHandle = await startEmbeddedPostgres({ dataDir, database: 'postgres' });
    serverUrl = pgHandle.url;
    stop = pgHandle.stop;
  }
  const template = `huiyin_tpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${template}`);
  await admin.query(`create database ${template}`);
  await admin.end();

  const templateUrl = withDatabase(serverUrl, template);
  const database = connect(templateUrl, { max: 2 });
  await migrateDatabase(database);
  await database.close();

  project.provide('pgServerUrl', serverUrl);
  project.provide('pgTemplate', template);

  return async () => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    await c.query(`drop database if exists ${template} with (force)`).catch(() => {});
    await c.end();
    await stop?.();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
