import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { passwordPolicyViolation } from './password-policy.ts';
import { readSeedUsers, SeedUsersError } from './seed-users.ts';

const SEED_FILE = fileURLToPath(new URL('../seed-users.json', import.meta.url));
// The pool's policy in serverless.yml, which is also AWS's default.
const POOL_POLICY = { MinimumLength: 8, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: true };

const scratch = mkdtempSync(path.join(tmpdir(), 'seed-users-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function seedFile(name: string, content: string): string {
  const file = path.join(scratch, name);
  writeFileSync(file, content);
  return file;
}

function seedUsersError(file: string): SeedUsersError {
  try {
    readSeedUsers(file);
  } catch (error) {
    expect(error).toBeInstanceOf(SeedUsersError);
    return error as SeedUsersError;
  }
  throw new Error('readSeedUsers did not fail');
}

describe('readSeedUsers', () => {
  it("reads the project's seed users: two confirmed, one waiting for a code, one admin", () => {
    const users = readSeedUsers(SEED_FILE);
    expect(users.map((user) => user.email)).toEqual(['admin@example.com', 'user@example.com', 'pending@example.com']);
    expect(users.filter((user) => !user.confirmed).map((user) => user.email)).toEqual(['pending@example.com']);
    expect(users.filter((user) => user.groups.includes('admins')).map((user) => user.email)).toEqual(['admin@example.com']);
  });

  it("gives the project's seed users passwords the pool's policy accepts", () => {
    // AdminSetUserPassword is not policy-checked locally, so a weak seed password would only fail on AWS.
    for (const user of readSeedUsers(SEED_FILE)) expect(passwordPolicyViolation(user.password, POOL_POLICY)).toBeUndefined();
  });

  it('takes a user as confirmed and in no group unless told otherwise', () => {
    const file = seedFile('defaults.json', JSON.stringify({ users: [{ email: 'ada@example.com', password: 'Correct-Horse-1' }] }));
    expect(readSeedUsers(file)).toEqual([
      { email: 'ada@example.com', password: 'Correct-Horse-1', confirmed: true, groups: [], attributes: {} },
    ]);
  });

  it('reads the fields a pool may ask for: a username, a phone number, attributes, and the pool by logical id', () => {
    const entry = {
      username: 'ada',
      phone_number: '+15555550100',
      password: 'Correct-Horse-1',
      confirmed: false,
      groups: ['staff'],
      attributes: { given_name: 'Ada', 'custom:team': 'engines' },
      pool: 'StaffPool',
    };
    expect(readSeedUsers(seedFile('full.json', JSON.stringify({ users: [entry] })))).toEqual([
      {
        username: 'ada',
        phoneNumber: '+15555550100',
        password: 'Correct-Horse-1',
        confirmed: false,
        groups: ['staff'],
        attributes: { given_name: 'Ada', 'custom:team': 'engines' },
        pool: 'StaffPool',
      },
    ]);
  });

  it('names the entry whose attributes are not strings', () => {
    const file = seedFile(
      'bad-attributes.json',
      JSON.stringify({ users: [{ email: 'a@example.com', password: 'x', attributes: { age: 3 } }] }),
    );
    expect(seedUsersError(file).message).toBe(`${file}: users[0] has "attributes" that are not a map of names to string values.`);
  });

  it('names the file when it is not JSON', () => {
    const file = seedFile('malformed.json', '{ "users": [ ');
    const error = seedUsersError(file);
    expect(error.name).toBe('SeedUsersError');
    expect(error.message).toMatch(new RegExp(`^${escapeRegExp(file)} is not readable JSON: `));
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it('names the file when it does not exist', () => {
    const file = path.join(scratch, 'missing.json');
    expect(seedUsersError(file).message).toMatch(new RegExp(`^${escapeRegExp(file)} is not readable JSON: ENOENT`));
  });

  it('names the file when it has no users list', () => {
    const file = seedFile('no-users.json', JSON.stringify({ people: [] }));
    expect(seedUsersError(file).message).toBe(`${file} has no "users" list.`);
  });

  it('names the file and the entry when a user has no password', () => {
    const file = seedFile(
      'no-password.json',
      JSON.stringify({ users: [{ email: 'ada@example.com', password: 'Correct-Horse-1' }, { email: 'bob@example.com' }] }),
    );
    expect(seedUsersError(file).message).toBe(`${file}: users[1] needs a "password" and an "email" (or a "phone_number" or "username").`);
  });

  // SOURCE BUG: readSeedUsers reads `parsed.users` without checking that the JSON is an object,
  // so a file containing `null` escapes as a TypeError that does not name the file.
  it('names the file when its JSON is null', () => {
    const file = seedFile('null.json', 'null');
    expect(seedUsersError(file).message).toBe(`${file} has no "users" list.`);
  });

  // SOURCE BUG: likewise a null entry in the list ("Cannot read properties of null").
  it('names the file and the entry when a user entry is null', () => {
    const file = seedFile('null-user.json', JSON.stringify({ users: [null] }));
    expect(seedUsersError(file).message).toBe(`${file}: users[0] needs a "password" and an "email" (or a "phone_number" or "username").`);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
