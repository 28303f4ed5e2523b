import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStackState, readStackState, stackStatePath, writeStackState } from './stack-state.ts';

const state = {
  resources: { Pool: { type: 'AWS::Cognito::UserPool', physicalId: 'local_1', attributes: {}, properties: { UserPoolName: 'p' } } },
};

describe('the record of what the local stage deployed', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stack-state-'));
  const file = stackStatePath(dir, 'app-local');
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is absent on a first start', () => {
    expect(readStackState(file)).toBeUndefined();
    expect(openStackState(file, 'app-local')).toEqual({ previous: undefined, noRecords: true, otherStacks: [] });
  });

  it('reads back what was written', () => {
    writeStackState(file, state);
    expect(readStackState(file)).toEqual(state);
  });

  it('is one per stack: a renamed service finds no record of its own, and the folder is not one from before records', () => {
    writeStackState(file, state);
    expect(openStackState(stackStatePath(dir, 'renamed-local'), 'renamed-local')).toEqual({
      previous: undefined,
      noRecords: false,
      otherStacks: ['app-local'],
      notice:
        'Stack renamed-local starts for the first time in this data folder, with new resources; the folder also holds app-local, ' +
        'left as they were (a renamed service is a new stack, as on AWS; start the old name to find its users again).',
    });
    expect(openStackState(file, 'app-local').previous).toEqual(state);
  });

  it("takes the previous version's one record of the data folder as this stack's, and says so", () => {
    const legacy = path.join(dir, 'stack-state.json');
    mkdirSync(dir, { recursive: true });
    writeFileSync(legacy, JSON.stringify(state));
    const opened = openStackState(file, 'app-local');
    expect(opened.previous).toEqual(state);
    expect(opened.notice).toBe(
      `The data folder's record of what was deployed (${legacy}, kept by an earlier version for one stack) is now stack app-local's (${file}).`,
    );
    expect(existsSync(legacy)).toBe(false);
    expect(readStackState(file)).toEqual(state);
  });

  it('stops with the file and the way out when it is damaged, and leaves it as it was', () => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '{"resources": {');
    expect(() => readStackState(file)).toThrow(
      `${file} is damaged (not the local stack's state). Delete it to adopt the local resources again by name, or run \`npm run reset\` to start over.`,
    );
    writeFileSync(file, '[]');
    expect(() => openStackState(file, 'app-local')).toThrow(/is damaged/);
  });
});
