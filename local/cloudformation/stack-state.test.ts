import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readStackState, stackStatePath, writeStackState } from './stack-state.ts';

describe('the record of what the local stage deployed', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stack-state-'));
  const file = stackStatePath(dir);
  afterEach(() => rmSync(file, { force: true }));

  it('is absent on a first start', () => {
    expect(readStackState(file)).toBeUndefined();
  });

  it('reads back what was written', () => {
    const state = {
      resources: { Pool: { type: 'AWS::Cognito::UserPool', physicalId: 'local_1', attributes: {}, properties: { UserPoolName: 'p' } } },
    };
    writeStackState(file, state);
    expect(readStackState(file)).toEqual(state);
  });

  it('stops with the file and the way out when it is damaged, and leaves it as it was', () => {
    writeFileSync(file, '{"resources": {');
    expect(() => readStackState(file)).toThrow(
      `${file} is damaged (not the local stack's state). Delete it to adopt the local resources again by name, or run \`npm run reset\` to start over.`,
    );
    writeFileSync(file, '[]');
    expect(() => readStackState(file)).toThrow(/is damaged/);
  });
});
