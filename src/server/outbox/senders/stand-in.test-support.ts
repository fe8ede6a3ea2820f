/**
 * A real HTTP server on 127.0.0.1 (port 0) standing in for an SMS provider in the sender tests: it records every
 * request it receives and answers as the test tells it to. The senders' SDKs talk to it over real sockets.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OutgoingMessage } from '../sender';

export interface ReceivedRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
  /** the client's port: two requests on one kept-alive connection share it */
  remotePort: number | undefined;
}

export type Answer = (request: ReceivedRequest, res: ServerResponse) => void;

export interface StandIn {
  /** `127.0.0.1:<port>` */
  host: string;
  received: ReceivedRequest[];
  answer(answer: Answer): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startStandIn(): Promise<StandIn> {
  const received: ReceivedRequest[] = [];
  let current: Answer = (_req, res) => {
    res.writeHead(500).end();
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: ReceivedRequest = {
        method: req.method ?? '',
        url: new URL(req.url ?? '/', 'http://stand-in'),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        remotePort: req.socket.remotePort,
      };
      received.push(request);
      current(request, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    received,
    answer(answer) {
      current = answer;
    },
    reset() {
      received.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const json = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
};

/** A port nobody listens on: a server opened and closed again. */
export async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `127.0.0.1:${port}`;
}

export function smsMessage(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    id: '0190a0c4-1111-7000-8000-00000000abcd',
    idempotencyKey: '0190a0c411117000800000000000abcd',
    companyId: '0190a0c4-0000-7000-8000-000000000001',
    type: 'emergency',
    channel: 'sms',
    params: { number: 'TS-2026-0042', kind: '紧急', place: '阳光花园 3 栋' },
    to: { kind: 'user', userId: '0190a0c4-2222-7000-8000-000000000001', phone: '13812345678' },
    text: { 'zh-CN': '紧急事件 TS-2026-0042', 'en-US': 'Emergency TS-2026-0042' },
    template: {
      code: 'SMS_000001',
      params: [
        { name: 'no', from: 'number' },
        { name: 'kind', from: 'kind' },
        { name: 'place', from: 'place' },
      ],
    },
    caseId: null,
    createdAt: new Date('2026-12-07T10:00:00Z'),
    ...overrides,
  };
}
