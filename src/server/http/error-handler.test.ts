import net from 'node:net';
import Fastify from 'fastify';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { registerErrorHandler } from './error-handler';
import { loggableError } from './logging';

describe('logs carry no personal data (PRIV-4, 001 通知 二.2: personal data stay confidential)', () => {
  it('cuts a failed query’s parameters and redacts phone numbers', () => {
    const err = new Error(
      'Failed query: insert into residents (name, phone) values ($1, $2)\nparams: 张三,13812345678',
    );
    const logged = loggableError(err);
    expect(logged.message).toContain('insert into residents');
    expect(JSON.stringify(logged)).not.toMatch(/张三|13812345678/);
    expect(loggableError(new Error('caller 135-2233-4455 not found')).message).toBe(
      'caller [number] not found',
    );
  });

  it('a PostgreSQL unique violation keeps code and constraint, drops detail, where and parameters', () => {
    // the shape node-postgres gives a 23505, wrapped by Drizzle as the cause of a DrizzleQueryError
    const pgError = Object.assign(
      new Error('duplicate key value violates unique constraint "resident_phones_resident_uq"'),
      {
        name: 'error',
        code: '23505',
        severity: 'ERROR',
        detail:
          'Key (resident_id, canonical, extension)=(0f8fad5b-d9cb-469f-a165-70867728950e, 13522334455, ) already exists.',
        where: 'SQL statement "insert … values (\'张三\')"',
        constraint: 'resident_phones_resident_uq',
        table: 'resident_phones',
        schema: 'public',
      },
    );
    const wrapped = Object.assign(
      new Error('Failed query: insert into resident_phones …\nparams: 13522334455', { cause: pgError }),
      {
        name: 'DrizzleQueryError',
        query: 'insert into resident_phones …',
        params: ['13522334455', '张三'],
      },
    );
    const logged = loggableError(wrapped);
    expect(logged.cause).toMatchObject({
      code: '23505',
      constraint: 'resident_phones_resident_uq',
      table: 'resident_phones',
    });
    const text = JSON.stringify(logged);
    expect(text).not.toMatch(/13522334455|张三|Key \(|already exists|detail|where/);
  });

  it('a zod error keeps no issue input', () => {
    const result = z
      .object({ phone: z.string().max(3) })
      .safeParse({ phone: '13522334455' }, { reportInput: true });
    expect(result.success).toBe(false);
    // zod reports the input when asked; the issues themselves are never copied into the log line
    expect(JSON.stringify(result.error!.issues)).toContain('13522334455');
    expect(JSON.stringify(loggableError(result.error))).not.toContain('13522334455');
  });

  it('a non-error value is logged as redacted text', () => {
    expect(loggableError('caller 13812345678')).toEqual({ type: 'string', message: 'caller [number]' });
  });
});

describe('a database that went away answers 503 (the embedded database is supervised, ADR 0013)', () => {
  it('a query whose connection died under it (no SQLSTATE, wrapped by Drizzle) is 503 unavailable, not 500', async () => {
    // What node-postgres gives when the server drops the connection under it, as a backend dying with a killed
    // postmaster does: a listener on 127.0.0.1 that hangs up at once.
    const hangUp = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => hangUp.listen(0, '127.0.0.1', resolve));
    const client = new pg.Client({ host: '127.0.0.1', port: (hangUp.address() as net.AddressInfo).port });
    client.on('error', () => {});
    const lost = await client.connect().then(
      () => new Error('unexpected success'),
      (err: Error) => err,
    );
    await new Promise((resolve) => hangUp.close(resolve));
    const app = Fastify();
    registerErrorHandler(app);
    app.get('/in-flight', () => {
      throw new Error('Failed query: insert into cases …', {
        cause: new Error('Connection terminated unexpectedly'),
      });
    });
    app.get('/pg', () => {
      throw lost;
    });
    try {
      for (const url of ['/in-flight', '/pg']) {
        const res = await app.inject({ method: 'GET', url });
        expect(res.statusCode, `${url}: ${lost.message}`).toBe(503);
        expect(res.json().error.code).toBe('unavailable');
      }
    } finally {
      await app.close();
    }
  });
});
