import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataFileError, JsonFileStoreFactory } from './json-file-store.ts';

const ctx = {} as never;
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'json-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = (id = 'local_Pool1', defaults: object = { Users: {}, Options: { Id: 'local_Pool1' } }) =>
  new JsonFileStoreFactory(dir).create(ctx, id, defaults);

describe('JsonFileStoreFactory', () => {
  it('starts from the defaults and writes them', async () => {
    const store = await open();
    expect(await store.get(ctx, ['Options', 'Id'])).toBe('local_Pool1');
    expect(JSON.parse(readFileSync(path.join(dir, 'local_Pool1.json'), 'utf8'))).toEqual({ Users: {}, Options: { Id: 'local_Pool1' } });
  });

  it('sets, reads and deletes nested keys, as cognito-local expects', async () => {
    const store = await open();
    await store.set(ctx, ['Users', 'ada'], { Username: 'ada' });
    expect(await store.get(ctx, ['Users', 'ada'])).toEqual({ Username: 'ada' });
    expect(await store.get(ctx, ['Users', 'nobody'])).toBeNull();
    expect(await store.get(ctx, ['Groups', 'admins'], 'fallback')).toBe('fallback');
    await store.delete(ctx, ['Users', 'ada']);
    expect(await store.get(ctx, 'Users')).toEqual({});
  });

  it('has the change on disk when set returns, dates as ISO strings, and reads them back as dates', async () => {
    const created = new Date('2026-11-23T22:26:35.000Z');
    await (await open()).set(ctx, ['Users', 'ada'], { Username: 'ada', UserCreateDate: created });
    expect(readFileSync(path.join(dir, 'local_Pool1.json'), 'utf8')).toContain('"UserCreateDate": "2026-11-23T22:26:35.000Z"');
    const reopened = await open();
    expect(await reopened.get(ctx, ['Users', 'ada', 'UserCreateDate'])).toEqual(created);
  });

  it('keeps every one of many concurrent changes, in a valid file, without leftovers', async () => {
    const store = await open();
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        store.set(ctx, ['Users', `user${i}`], { Username: `user${i}`, RefreshTokens: ['x'.repeat(500)] }),
      ),
    );
    const onDisk = JSON.parse(readFileSync(path.join(dir, 'local_Pool1.json'), 'utf8'));
    expect(Object.keys(onDisk.Users)).toHaveLength(200);
    expect(readdirSync(dir)).toEqual(['local_Pool1.json']);
  });

  it('refuses a corrupted file, naming it and the way out, and leaves it as it was', async () => {
    const file = path.join(dir, 'local_Pool1.json');
    writeFileSync(file, '{"Users": {}} stale tail');
    await expect(open()).rejects.toBeInstanceOf(DataFileError);
    await expect(open()).rejects.toThrow(`${file} is not valid JSON`);
    await expect(open()).rejects.toThrow('npm run reset');
    expect(readFileSync(file, 'utf8')).toBe('{"Users": {}} stale tail');
  });
});
