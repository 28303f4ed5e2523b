import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiRequestLog, apiRequestsPath, readApiRequests } from './api-request-log.ts';
import type { DevRequest } from './dev-api-types.ts';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'api-requests-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const request = (at: number, status = 200): DevRequest => ({
  at,
  api: 'rest',
  method: 'GET',
  path: `/local/api/r${at}`,
  status,
  latencyMs: 3,
});
const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean);

describe('ApiRequestLog and readApiRequests', () => {
  it("writes a turn's requests in one append, and the reader lists them from `since`, newest last", async () => {
    const file = apiRequestsPath(dir);
    const log = new ApiRequestLog(file);
    for (const at of [1, 2, 3]) log.record(request(at));
    expect(await readApiRequests(file)).toEqual([]);
    await log.flush();
    expect(lines(file)).toHaveLength(3);
    expect(await readApiRequests(file)).toEqual([request(1), request(2), request(3)]);
    expect((await readApiRequests(file, 2)).map((r) => r.at)).toEqual([2, 3]);
    expect((await readApiRequests(file, 0, 2)).map((r) => r.at)).toEqual([2, 3]);
  });

  it('writes on its own, one turn of the event loop later, without being asked', async () => {
    const file = apiRequestsPath(dir);
    new ApiRequestLog(file).record(request(7));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await readApiRequests(file)).toEqual([request(7)]);
  });

  it('gathers what comes in during a write into the next one, in order', async () => {
    const file = apiRequestsPath(dir);
    const log = new ApiRequestLog(file);
    log.record(request(1));
    const first = log.flush();
    log.record(request(2));
    log.record(request(3));
    await first;
    await log.flush();
    expect((await readApiRequests(file)).map((r) => r.at)).toEqual([1, 2, 3]);
  });

  it('never grows past maxLines: it keeps the newest `keep`, across restarts too', async () => {
    const file = apiRequestsPath(dir);
    const log = new ApiRequestLog(file, { keep: 3, maxLines: 5 });
    for (let at = 1; at <= 5; at++) log.record(request(at));
    await log.flush();
    expect(lines(file)).toHaveLength(5);
    log.record(request(6));
    await log.flush();
    expect((await readApiRequests(file)).map((r) => r.at)).toEqual([4, 5, 6]);
    const again = new ApiRequestLog(file, { keep: 3, maxLines: 5 });
    for (const at of [7, 8, 9]) again.record(request(at));
    await again.flush();
    expect((await readApiRequests(file)).map((r) => r.at)).toEqual([7, 8, 9]);
  });

  it('skips a line cut short by a write under way, and lines that are no request', async () => {
    const file = apiRequestsPath(dir);
    writeFileSync(file, `${JSON.stringify(request(1))}\nnot json\n{"at":"x"}\n`);
    appendFileSync(file, JSON.stringify(request(2)).slice(0, 20));
    expect(await readApiRequests(file)).toEqual([request(1)]);
  });

  it('reads no file as no request yet', async () => {
    expect(await readApiRequests(path.join(dir, 'none.jsonl'))).toEqual([]);
  });

  it('tells, and goes on, when it cannot write', async () => {
    const warnings: string[] = [];
    const log = new ApiRequestLog(path.join(dir, 'missing-folder', 'api-requests.jsonl'), { warn: (message) => warnings.push(message) });
    log.record(request(1));
    await log.flush();
    expect(warnings).toEqual([expect.stringContaining('ENOENT')]);
  });
});
