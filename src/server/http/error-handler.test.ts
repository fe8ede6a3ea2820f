import net from 'node:net';
import Fastify from 'fastify';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { loggableError, registerErrorHandler } from './error-handler';

describe('logs carry no personal data (issue 2 §10)', () => {
  it('cuts a failed query’s parameters and masks phone numbers', () => {
    const err = new Error(
      'Failed query: insert into residents (name, phone) values ($1, $2)\nparams: 张三,13812345678',
    );
    const logged = loggableError(err);
    expect(logged.message).toContain('insert into residents');
    expect(logged.message).not.toContain('张三');
    expect(logged.message).not.toContain('13812345678');
    expect(loggableError(new Error('caller 13812345678 not found')).message).toBe(
      'caller 138****5678 not found',
    );
  });
});

describe('a database that went away answers 503 (issue 10 hole 6, ADR 0013)', () => {
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
