// Cognito's temporary lockout after five wrong passwords in a row. Only its start is checked: the
// first lockout lasts a second, and the suite must not wait out longer ones.
import { expect } from '@playwright/test';
import { failure } from '../stack.ts';
import { identityJsUser, srpSignIn } from './identity-js.ts';
import { createPool, createUser, once, PASSWORD, passwordAuth, srpAuth } from './pools.ts';
import type { ConformanceTopic } from './rule.ts';
import { SOURCES } from './sources.ts';

const pool = once(() => createPool());
const WRONG = 'Wrong-Passw0rd!';
const INCORRECT = { name: 'NotAuthorizedException', message: 'Incorrect username or password.' };
const EXCEEDED = { name: 'NotAuthorizedException', message: 'Password attempts exceeded' };
const AWS_LOCKOUT =
  'After five failed sign-in attempts with a password, Cognito locks the user out (1 s, doubling up to ~15 min); ' +
  'attempts during a lockout get NotAuthorizedException "Password attempts exceeded", the right password included';

export const lockout: ConformanceTopic = {
  title: 'lockout after failed sign-ins',
  rules: [
    {
      rule: 'USER_PASSWORD_AUTH: five wrong passwords, then the next wrong one and the right one answer Password attempts exceeded',
      aws: AWS_LOCKOUT,
      source: SOURCES.lockout,
      client: 'AWS SDK v3',
      async run() {
        const client = await pool();
        const email = await createUser(client);
        for (let attempt = 1; attempt <= 5; attempt++) expect(await failure(passwordAuth(client, email, WRONG))).toEqual(INCORRECT);
        expect(await failure(passwordAuth(client, email, WRONG))).toEqual(EXCEEDED);
        expect(await failure(passwordAuth(client, email, PASSWORD))).toEqual(EXCEEDED);
      },
    },
    {
      rule: 'USER_SRP_AUTH: five wrong passwords, then the right one answers Password attempts exceeded',
      aws: AWS_LOCKOUT,
      source: SOURCES.lockout,
      client: 'AWS SDK v3',
      async run() {
        const client = await pool();
        const email = await createUser(client);
        for (let attempt = 1; attempt <= 5; attempt++) expect(await failure(srpAuth(client, email, WRONG))).toEqual(INCORRECT);
        expect(await failure(srpAuth(client, email, PASSWORD))).toEqual(EXCEEDED);
      },
    },
    {
      rule: 'amazon-cognito-identity-js: five wrong passwords, then the right one fails with Password attempts exceeded',
      aws: AWS_LOCKOUT,
      source: SOURCES.lockout,
      client: 'amazon-cognito-identity-js',
      async run() {
        const client = await pool();
        const email = await createUser(client);
        const user = identityJsUser(client, email);
        for (let attempt = 1; attempt <= 5; attempt++) expect(await srpSignIn(user, WRONG)).toEqual({ step: 'error', ...INCORRECT });
        expect(await srpSignIn(user, PASSWORD)).toEqual({ step: 'error', ...EXCEEDED });
      },
    },
    {
      rule: 'four wrong passwords do not lock: the right one then signs in',
      aws: 'The lockout starts after the fifth failure, not before',
      source: SOURCES.lockout,
      client: 'AWS SDK v3',
      async run() {
        const client = await pool();
        const email = await createUser(client);
        for (let attempt = 1; attempt <= 4; attempt++) expect(await failure(passwordAuth(client, email, WRONG))).toEqual(INCORRECT);
        expect((await passwordAuth(client, email, PASSWORD)).AuthenticationResult?.IdToken).toBeTruthy();
      },
    },
  ],
};
