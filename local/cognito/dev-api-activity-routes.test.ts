import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiRequestLog, apiRequestsPath } from '../dev-api/api-request-log.ts';
import { withDevActivityRoutes } from './dev-api-activity-routes.ts';
import { TriggerInvocations } from './triggers/trigger-invocations.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'dev-activity-'));
const file = apiRequestsPath(dir);
const triggers = new TriggerInvocations();
const server = http.createServer(
  withDevActivityRoutes({ apiRequestsFile: file, triggers }, (_request, response) => {
    response.writeHead(204).end();
  }),
);
let base = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

describe('GET /_dev/api/requests and /_dev/api/triggers', () => {
  it("serves the API process's requests from `since`, and the triggers' invocations", async () => {
    expect(await (await fetch(`${base}/_dev/api/requests`)).json()).toEqual({ requests: [] });
    const log = new ApiRequestLog(file);
    for (const at of [10, 20]) log.record({ at, api: 'http', method: 'GET', path: '/items', status: 200, latencyMs: 1 });
    await log.flush();
    const answer = await fetch(`${base}/_dev/api/requests?since=15`);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ requests: [{ at: 20, api: 'http', method: 'GET', path: '/items', status: 200, latencyMs: 1 }] });
    triggers.add({
      at: 30,
      userPoolId: 'p',
      trigger: 'CustomMessage',
      triggerSource: 'CustomMessage_SignUp',
      functionName: 'f',
      durationMs: 2,
      event: {},
    });
    expect(await (await fetch(`${base}/_dev/api/triggers?since=30`)).json()).toEqual({ triggers: [expect.objectContaining({ at: 30 })] });
    expect(await (await fetch(`${base}/_dev/api/triggers?since=31`)).json()).toEqual({ triggers: [] });
  });

  it('refuses a `since` that is no time, and anything but GET, with a message; leaves other paths alone', async () => {
    const bad = await fetch(`${base}/_dev/api/requests?since=yesterday`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/since must be a time in epoch ms/);
    const post = await fetch(`${base}/_dev/api/triggers`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect((await fetch(`${base}/_dev/api/other`)).status).toBe(204);
  });
});
