import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OffsetClock } from '../clock.ts';
import { withDevClockRoute } from './dev-clock-route.ts';

const REAL = Date.parse('2024-06-18T15:00:00Z');
const clock = new OffsetClock(() => REAL);
const server = http.createServer(
  withDevClockRoute(clock, (_request, response) => {
    response.writeHead(204).end();
  }),
);
let base = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const move = (body: string) => fetch(`${base}/_dev/clock`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });

describe('GET and POST /_dev/clock', () => {
  it('tells the local time, moves it forward, and leaves other paths to the emulator', async () => {
    expect(await (await fetch(`${base}/_dev/clock`)).json()).toEqual({
      now: '2024-06-18T15:00:00.000Z',
      epochSeconds: REAL / 1000,
      offsetSeconds: 0,
    });
    const moved = await move('{"advanceSeconds": 3600.5}');
    expect(moved.status).toBe(200);
    expect(await moved.json()).toEqual({ now: '2024-06-18T16:00:00.500Z', epochSeconds: REAL / 1000 + 3600, offsetSeconds: 3600.5 });
    expect(clock.now()).toBe(REAL + 3_600_500);
    expect((await fetch(`${base}/_dev/clock?x=1`)).status).toBe(200);
    expect((await fetch(`${base}/_dev/inbox`)).status).toBe(204);
  });

  it('refuses to move backward, or without a number of seconds, and says how to move it', async () => {
    const before = clock.now();
    for (const [body, message] of [
      ['{"advanceSeconds": -1}', 'The local clock only moves forward: advanceSeconds must be a number, 0 or more (not -1).'],
      ['{"advanceSeconds": "60"}', 'advanceSeconds must be a number, 0 or more (not "60")'],
      ['{"seconds": 60}', 'POST /_dev/clock with a JSON body {"advanceSeconds": <seconds, 0 or more>}'],
      ['not json', 'POST /_dev/clock with a JSON body'],
      ['x'.repeat(2000), 'POST /_dev/clock with a JSON body'],
    ]) {
      const refused = await move(body!);
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { message: string }).message).toContain(message);
    }
    const put = await fetch(`${base}/_dev/clock`, { method: 'PUT' });
    expect([put.status, put.headers.get('allow')]).toEqual([405, 'GET, HEAD, POST, DELETE']);
    expect(clock.now()).toBe(before);
  });

  it('sets the clock back to the real time on DELETE, and tells it', async () => {
    await move('{"advanceSeconds": 7200}');
    const back = await fetch(`${base}/_dev/clock`, { method: 'DELETE' });
    expect(back.status).toBe(200);
    expect(await back.json()).toEqual({ now: new Date(REAL).toISOString(), epochSeconds: REAL / 1000, offsetSeconds: 0 });
    expect(clock.now()).toBe(REAL);
  });
});
