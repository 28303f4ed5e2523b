import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { passwordPolicyViolation } from './password-policy.ts';
import { readSeedUsers, SeedUsersError, seedUsers, type SeedUser } from './seed-users.ts';

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
    expect(readSeedUsers(file)).toEqual([{ email: 'ada@example.com', password: 'Correct-Horse-1', confirmed: true, groups: [] }]);
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
    expect(seedUsersError(file).message).toBe(`${file}: users[1] needs an "email" and a "password".`);
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
    expect(seedUsersError(file).message).toBe(`${file}: users[0] needs an "email" and a "password".`);
  });
});

/** A user pool behind the SDK's `send`, answering each command as Cognito does, and recording them. */
function fakeCognito(existing: { users?: string[]; groups?: string[] } = {}) {
  const users = new Set(existing.users);
  const groups = new Set(existing.groups);
  const sent: Array<[string, Record<string, unknown>]> = [];
  const send = async (command: { input: Record<string, unknown> }) => {
    const name = command.constructor.name;
    const input = command.input;
    sent.push([name, input]);
    switch (name) {
      case 'AdminGetUserCommand':
        if (!users.has(String(input.Username))) throw Object.assign(new Error('User does not exist.'), { name: 'UserNotFoundException' });
        return { Username: input.Username };
      case 'AdminCreateUserCommand':
      case 'SignUpCommand':
        users.add(String(input.Username));
        return {};
      case 'ListGroupsCommand':
        return { Groups: [...groups].map((GroupName) => ({ GroupName })) };
      case 'CreateGroupCommand':
        groups.add(String(input.GroupName));
        return {};
      case 'AdminSetUserPasswordCommand':
      case 'AdminAddUserToGroupCommand':
        return {};
      default:
        throw new Error(`unexpected ${name}`);
    }
  };
  const client = { send } as unknown as Parameters<typeof seedUsers>[0];
  return { client, sent, commands: () => sent.map(([name]) => name) };
}

const ada: SeedUser = { email: 'ada@example.com', password: 'Ada-Passw0rd!', confirmed: true, groups: [] };
const bob: SeedUser = { email: 'bob@example.com', password: 'Bob-Passw0rd!', confirmed: false, groups: [] };

describe('seedUsers', () => {
  it('creates a confirmed user with a verified email and a permanent password, sending no invitation', async () => {
    const { client, sent } = fakeCognito();
    expect(await seedUsers(client, 'local_Pool1', 'client-1', [ada])).toEqual(['ada@example.com']);
    expect(sent).toEqual([
      ['AdminGetUserCommand', { UserPoolId: 'local_Pool1', Username: 'ada@example.com' }],
      [
        'AdminCreateUserCommand',
        {
          UserPoolId: 'local_Pool1',
          Username: 'ada@example.com',
          MessageAction: 'SUPPRESS',
          UserAttributes: [
            { Name: 'email', Value: 'ada@example.com' },
            { Name: 'email_verified', Value: 'true' },
          ],
        },
      ],
      [
        'AdminSetUserPasswordCommand',
        { UserPoolId: 'local_Pool1', Username: 'ada@example.com', Password: 'Ada-Passw0rd!', Permanent: true },
      ],
    ]);
  });

  it('signs an unconfirmed user up through the app client, so a code goes to the dev inbox', async () => {
    const { client, sent } = fakeCognito();
    expect(await seedUsers(client, 'local_Pool1', 'client-1', [bob])).toEqual(['bob@example.com']);
    expect(sent).toEqual([
      ['AdminGetUserCommand', { UserPoolId: 'local_Pool1', Username: 'bob@example.com' }],
      ['SignUpCommand', { ClientId: 'client-1', Username: 'bob@example.com', Password: 'Bob-Passw0rd!' }],
    ]);
  });

  it('creates a missing group once and adds each of its users to it', async () => {
    const { client, sent, commands } = fakeCognito();
    await seedUsers(client, 'local_Pool1', 'client-1', [
      { ...ada, groups: ['admins'] },
      { ...bob, groups: ['admins'] },
    ]);
    expect(sent.filter(([name]) => name === 'CreateGroupCommand')).toEqual([
      ['CreateGroupCommand', { UserPoolId: 'local_Pool1', GroupName: 'admins' }],
    ]);
    expect(sent.filter(([name]) => name === 'AdminAddUserToGroupCommand')).toEqual([
      ['AdminAddUserToGroupCommand', { UserPoolId: 'local_Pool1', Username: 'ada@example.com', GroupName: 'admins' }],
      ['AdminAddUserToGroupCommand', { UserPoolId: 'local_Pool1', Username: 'bob@example.com', GroupName: 'admins' }],
    ]);
    expect(commands()).toEqual([
      'AdminGetUserCommand',
      'AdminCreateUserCommand',
      'AdminSetUserPasswordCommand',
      'ListGroupsCommand',
      'CreateGroupCommand',
      'AdminAddUserToGroupCommand',
      'AdminGetUserCommand',
      'SignUpCommand',
      'ListGroupsCommand',
      'AdminAddUserToGroupCommand',
    ]);
  });

  it('uses a group the pool already has without creating it', async () => {
    const { client, commands } = fakeCognito({ groups: ['admins'] });
    await seedUsers(client, 'local_Pool1', 'client-1', [{ ...ada, groups: ['admins'] }]);
    expect(commands()).not.toContain('CreateGroupCommand');
    expect(commands()).toContain('AdminAddUserToGroupCommand');
  });

  it('creates nothing on a second run', async () => {
    const { client, sent } = fakeCognito();
    const users = [{ ...ada, groups: ['admins'] }, bob];
    expect(await seedUsers(client, 'local_Pool1', 'client-1', users)).toEqual(['ada@example.com', 'bob@example.com']);
    sent.length = 0;
    expect(await seedUsers(client, 'local_Pool1', 'client-1', users)).toEqual([]);
    expect(sent).toEqual([
      ['AdminGetUserCommand', { UserPoolId: 'local_Pool1', Username: 'ada@example.com' }],
      ['AdminGetUserCommand', { UserPoolId: 'local_Pool1', Username: 'bob@example.com' }],
    ]);
  });

  it('leaves an existing user and its password alone', async () => {
    const { client, commands } = fakeCognito({ users: ['ada@example.com'] });
    expect(await seedUsers(client, 'local_Pool1', 'client-1', [ada, bob])).toEqual(['bob@example.com']);
    expect(commands()).toEqual(['AdminGetUserCommand', 'AdminGetUserCommand', 'SignUpCommand']);
  });

  it('stops on any other failure to look a user up', async () => {
    const sent: unknown[] = [];
    const failing = {
      send: async (command: unknown) => {
        sent.push(command);
        throw Object.assign(new Error('User pool local_Gone does not exist.'), { name: 'ResourceNotFoundException' });
      },
    } as unknown as Parameters<typeof seedUsers>[0];
    await expect(seedUsers(failing, 'local_Gone', 'client-1', [ada, bob])).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'User pool local_Gone does not exist.',
    });
    expect(sent).toHaveLength(1);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
