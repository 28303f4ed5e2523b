import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stackStatePath, writeStackState } from '../cloudformation/stack-state.ts';
import { deployedDomains } from './managed-login-domains.ts';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'deployed-domains-'));
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('deployedDomains', () => {
  it('reads the user pool domains the local stage deployed for the stack', () => {
    writeStackState(stackStatePath(dataDir, 'app-local'), {
      resources: {
        Pool: { type: 'AWS::Cognito::UserPool', physicalId: 'eu-west-1_abc', attributes: {}, properties: {} },
        Domain: {
          type: 'AWS::Cognito::UserPoolDomain',
          physicalId: 'app-local',
          attributes: {},
          properties: { UserPoolId: 'eu-west-1_abc', Domain: 'app-local' },
        },
      },
    });
    expect(deployedDomains(dataDir, 'app-local')).toEqual([{ userPoolId: 'eu-west-1_abc', domain: 'app-local' }]);
    expect(deployedDomains(dataDir, 'other-local')).toEqual([]);
    expect(deployedDomains(dataDir, undefined)).toEqual([]);
  });
});
