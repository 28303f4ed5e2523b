import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeAllBut } from './remove-all-but.ts';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'remove-all-but-'));
  for (const folder of ['data/cognito/db', 'data/tls', 'data/stages/dev/tls', 'elsewhere/ca'])
    mkdirSync(path.join(root, folder), { recursive: true });
  for (const file of [
    'data/stack.json',
    'data/cognito/db/pool.json',
    'data/tls/ca.pem',
    'data/stages/dev/tls/ca.pem',
    'elsewhere/ca/ca.pem',
  ])
    writeFileSync(path.join(root, file), '');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const there = (file: string) => existsSync(path.join(root, file));

describe('removeAllBut (npm run reset)', () => {
  it('removes the data folder but the CA folder inside it', () => {
    removeAllBut(path.join(root, 'data'), path.join(root, 'data/tls'));
    expect(there('data/tls/ca.pem')).toBe(true);
    expect(there('data/stack.json')).toBe(false);
    expect(there('data/cognito')).toBe(false);
    expect(there('data/stages')).toBe(false);
  });

  it('keeps a CA deeper down, and nothing else on the way', () => {
    removeAllBut(path.join(root, 'data'), path.join(root, 'data/stages/dev/tls'));
    expect(there('data/stages/dev/tls/ca.pem')).toBe(true);
    expect(there('data/tls')).toBe(false);
    expect(there('data/cognito')).toBe(false);
  });

  it('removes the whole data folder when the CA lives elsewhere (LOCAL_CA_DIR)', () => {
    removeAllBut(path.join(root, 'data'), path.join(root, 'elsewhere/ca'));
    expect(there('data')).toBe(false);
    expect(there('elsewhere/ca/ca.pem')).toBe(true);
  });
});
