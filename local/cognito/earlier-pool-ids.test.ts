import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePorts } from '../../testing/free-ports.ts';
import { startCognitoServer } from './cognito-server.ts';
import { DataFileError } from './json-file-store.ts';

const scratch = mkdtempSync(path.join(tmpdir(), 'earlier-pool-ids-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('a data folder an earlier version made', () => {
  it('is refused at start, naming the pool file and `npm run reset`, and its pool kept', async () => {
    const db = path.join(scratch, 'db');
    mkdirSync(db, { recursive: true });
    const pool = JSON.stringify({ Options: { Id: 'local_3Vx8ghJk', Name: 'old' }, Users: {}, Groups: {} });
    writeFileSync(path.join(db, 'local_3Vx8ghJk.json'), pool);
    const [port] = (await freePorts(1)) as [number];
    const started = startCognitoServer({
      host: '127.0.0.1',
      port,
      publicUrl: `http://127.0.0.1:${port}`,
      dataDir: scratch,
      lambdaUrl: 'http://127.0.0.1:9',
    });
    await expect(started).rejects.toBeInstanceOf(DataFileError);
    await expect(started).rejects.toThrow(
      `${path.join(db, 'local_3Vx8ghJk.json')} holds the user pool local_3Vx8ghJk, made by an earlier version of the local Cognito.`,
    );
    await expect(started).rejects.toThrow(/Run `npm run reset` to start from nothing/);
    // Nothing deleted: the store may have rewritten the file, with the same pool in it.
    expect(JSON.parse(readFileSync(path.join(db, 'local_3Vx8ghJk.json'), 'utf8'))).toMatchObject(JSON.parse(pool));
  });
});
