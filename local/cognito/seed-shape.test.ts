import { describe, expect, it } from 'vitest';
import { seedRequest, type SeedPool } from './seed-shape.ts';
import type { SeedUser } from './seed-users.ts';

const pool = (shape: Partial<SeedPool> = {}): SeedPool => ({
  logicalId: 'UserPool',
  usernameAttributes: [],
  aliasAttributes: [],
  requiredAttributes: [],
  ...shape,
});
const ada: SeedUser = { email: 'ada@example.com', password: 'Ada-Passw0rd!', confirmed: true, groups: [], attributes: {} };
const attributes = (request: ReturnType<typeof seedRequest>) =>
  'skip' in request ? request : Object.fromEntries(request.attributes.map(({ Name, Value }) => [Name, Value]));

describe('seedRequest', () => {
  it('makes the email the username of an email pool, verified for a confirmed user', () => {
    const request = seedRequest(ada, pool({ usernameAttributes: ['email'] }));
    expect(request).toMatchObject({ username: 'ada@example.com' });
    expect(attributes(request)).toEqual({ email: 'ada@example.com', email_verified: 'true' });
  });

  it('makes the phone number the username of a phone pool, and skips a user without one, saying what to add', () => {
    const phonePool = pool({ logicalId: 'PhonePool', usernameAttributes: ['phone_number'] });
    const bob: SeedUser = { ...ada, email: undefined, phoneNumber: '+15555550100' };
    expect(seedRequest(bob, phonePool)).toMatchObject({ username: '+15555550100' });
    expect(attributes(seedRequest(bob, phonePool))).toEqual({ phone_number: '+15555550100', phone_number_verified: 'true' });
    expect(seedRequest(ada, phonePool)).toEqual({
      skip: 'Seed user ada@example.com skipped: user pool PhonePool signs users in by phone_number (UsernameAttributes). Give it "phone_number" in local/seed-users.json.',
    });
  });

  it('gives a pool with an email alias a username that is not an email, as Cognito requires', () => {
    expect(seedRequest(ada, pool({ aliasAttributes: ['email'] }))).toMatchObject({ username: 'ada' });
    expect(seedRequest({ ...ada, username: 'lovelace' }, pool({ aliasAttributes: ['email'] }))).toMatchObject({ username: 'lovelace' });
  });

  it("keeps today's file working on a pool with plain usernames: the email is the username", () => {
    expect(seedRequest(ada, pool())).toMatchObject({ username: 'ada@example.com' });
  });

  it('skips a user without the attributes the pool requires, naming them and the fix', () => {
    expect(seedRequest(ada, pool({ logicalId: 'TeamPool', requiredAttributes: ['email', 'given_name', 'family_name'] }))).toEqual({
      skip:
        'Seed user ada@example.com skipped: user pool TeamPool requires given_name, family_name. ' +
        'Give it "attributes": { "given_name": "…", "family_name": "…" } in local/seed-users.json.',
    });
    const named = { ...ada, attributes: { given_name: 'Ada', family_name: 'Lovelace' } };
    expect(attributes(seedRequest(named, pool({ requiredAttributes: ['email', 'given_name', 'family_name'] })))).toMatchObject({
      given_name: 'Ada',
      family_name: 'Lovelace',
    });
  });

  it('leaves verification to the code an unconfirmed user receives', () => {
    expect(attributes(seedRequest({ ...ada, confirmed: false }, pool()))).toEqual({ email: 'ada@example.com' });
  });
});
