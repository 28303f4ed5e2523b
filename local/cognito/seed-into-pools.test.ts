import { describe, expect, it } from 'vitest';
import type { StageCognito } from '../cloudformation/web-client.ts';
import { secretHash } from './secrets/secret-hash.ts';
import { seedIntoPools } from './seed-into-pools.ts';
import type { SeedUser } from './seed-users.ts';

interface FakePool {
  UsernameAttributes?: string[];
  AliasAttributes?: string[];
  SchemaAttributes?: { Name: string; Required: boolean }[];
}

/** User pools behind the SDK's `send`, answering each command as Cognito does, and recording them. */
function fakeCognito(
  pools: Record<string, FakePool>,
  existing: { users?: string[]; groups?: string[]; refuse?: Record<string, Error> } = {},
) {
  const users = new Set(existing.users);
  const groups = new Set(existing.groups);
  const sent: Array<[string, Record<string, unknown>]> = [];
  const send = async (command: { input: Record<string, unknown> }) => {
    const name = command.constructor.name;
    const input = command.input;
    sent.push([name, input]);
    const refused = existing.refuse?.[name];
    if (refused) throw refused;
    switch (name) {
      case 'DescribeUserPoolCommand':
        return { UserPool: pools[String(input.UserPoolId)] };
      case 'DescribeUserPoolClientCommand':
        return { UserPoolClient: { ClientSecret: 'the-secret' } };
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
      case 'AdminDeleteUserCommand':
        users.delete(String(input.Username));
        return {};
      case 'AdminSetUserPasswordCommand':
      case 'AdminAddUserToGroupCommand':
        return {};
      default:
        throw new Error(`unexpected ${name}`);
    }
  };
  const client = { send } as unknown as Parameters<typeof seedIntoPools>[0];
  return { client, sent, commands: () => sent.map(([name]) => name), users };
}

const stage: StageCognito = {
  pools: { UserPool: 'local_Pool1', PhonePool: 'local_Pool2' },
  clients: [
    { logicalId: 'WebClient', id: 'client-1', userPoolLogicalId: 'UserPool', hasSecret: false, allowsSrp: true },
    { logicalId: 'ServerClient', id: 'client-2', userPoolLogicalId: 'PhonePool', hasSecret: true, allowsSrp: true },
  ],
  web: { userPoolLogicalId: 'UserPool', userPoolId: 'local_Pool1', clientLogicalId: 'WebClient', clientId: 'client-1', from: 'template' },
};
const POOLS = { local_Pool1: { UsernameAttributes: ['email'] }, local_Pool2: { UsernameAttributes: ['phone_number'] } };
const ada: SeedUser = { email: 'ada@example.com', password: 'Ada-Passw0rd!', confirmed: true, groups: [], attributes: {} };
const bob: SeedUser = { email: 'bob@example.com', password: 'Bob-Passw0rd!', confirmed: false, groups: [], attributes: {} };

describe('seedIntoPools', () => {
  it('creates a confirmed user as an administrator: no invitation, a permanent password, a verified email', async () => {
    const { client, sent } = fakeCognito(POOLS);
    expect(await seedIntoPools(client, stage, [ada])).toEqual({ created: ['ada@example.com'], skipped: [] });
    expect(sent.slice(1)).toEqual([
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

  it('signs an unconfirmed user up through a client of its pool, so a code goes to the dev inbox', async () => {
    const { client, sent } = fakeCognito(POOLS);
    await seedIntoPools(client, stage, [bob]);
    expect(sent.at(-1)).toEqual([
      'SignUpCommand',
      {
        ClientId: 'client-1',
        Username: 'bob@example.com',
        Password: 'Bob-Passw0rd!',
        UserAttributes: [{ Name: 'email', Value: 'bob@example.com' }],
      },
    ]);
  });

  it('signs up through a client with a secret with the SECRET_HASH Cognito asks for, in the pool the entry names', async () => {
    const { client, sent } = fakeCognito(POOLS);
    const carol: SeedUser = {
      phoneNumber: '+15555550100',
      password: 'Carol-Passw0rd!',
      confirmed: false,
      groups: [],
      attributes: {},
      pool: 'PhonePool',
    };
    expect(await seedIntoPools(client, stage, [carol])).toEqual({ created: ['+15555550100'], skipped: [] });
    expect(sent.at(-1)).toEqual([
      'SignUpCommand',
      {
        ClientId: 'client-2',
        Username: '+15555550100',
        Password: 'Carol-Passw0rd!',
        UserAttributes: [{ Name: 'phone_number', Value: '+15555550100' }],
        SecretHash: secretHash('the-secret', '+15555550100', 'client-2'),
      },
    ]);
  });

  it('skips, one line each, a user of a pool the stack lacks and a user the pool cannot take, and seeds the rest', async () => {
    const { client } = fakeCognito(POOLS);
    const outcome = await seedIntoPools(client, stage, [{ ...ada, pool: 'Nowhere' }, { ...ada, pool: 'PhonePool' }, bob]);
    expect(outcome).toEqual({
      created: ['bob@example.com'],
      skipped: [
        'Seed user ada@example.com skipped: the stack has no user pool Nowhere (its pools: UserPool, PhonePool). Fix its "pool" in local/seed-users.json.',
        'Seed user ada@example.com skipped: user pool PhonePool signs users in by phone_number (UsernameAttributes). Give it "phone_number" in local/seed-users.json.',
      ],
    });
  });

  it('says what Cognito (or a trigger) refused, and leaves no half-made user when the password is refused', async () => {
    const policy = Object.assign(new Error('Password did not conform with policy: Password not long enough'), {
      name: 'InvalidPasswordException',
    });
    const { client, commands, users } = fakeCognito(POOLS, { refuse: { AdminSetUserPasswordCommand: policy } });
    expect((await seedIntoPools(client, stage, [ada])).skipped).toEqual([
      'Seed user ada@example.com skipped: user pool UserPool refused its password (InvalidPasswordException: Password did not conform with policy: Password not long enough). Fix it in local/seed-users.json (or the trigger that refused it).',
    ]);
    expect(commands()).toContain('AdminDeleteUserCommand');
    expect(users.size).toBe(0);

    const trigger = Object.assign(new Error('PreSignUp failed with error Not on the list.'), { name: 'UserLambdaValidationException' });
    const refused = fakeCognito(POOLS, { refuse: { AdminCreateUserCommand: trigger } });
    expect((await seedIntoPools(refused.client, stage, [ada])).skipped[0]).toContain(
      'refused AdminCreateUser (UserLambdaValidationException: PreSignUp failed with error Not on the list.)',
    );
  });

  it('creates a missing group once, adds its users, and creates nothing on a second run', async () => {
    const { client, sent, commands } = fakeCognito(POOLS);
    const users = [
      { ...ada, groups: ['admins'] },
      { ...bob, groups: ['admins'] },
    ];
    await seedIntoPools(client, stage, users);
    expect(sent.filter(([name]) => name === 'CreateGroupCommand')).toEqual([
      ['CreateGroupCommand', { UserPoolId: 'local_Pool1', GroupName: 'admins' }],
    ]);
    expect(commands().filter((name) => name === 'AdminAddUserToGroupCommand')).toHaveLength(2);
    sent.length = 0;
    expect(await seedIntoPools(client, stage, users)).toEqual({ created: [], skipped: [] });
    expect(commands()).toEqual(['DescribeUserPoolCommand', 'AdminGetUserCommand', 'AdminGetUserCommand']);
  });

  it('seeds nothing in a stack without a user pool, saying so once', async () => {
    const { client, sent } = fakeCognito({});
    const none: StageCognito = { pools: {}, clients: [], web: { from: 'template', unusable: 'no pool' } };
    expect(await seedIntoPools(client, none, [ada, bob])).toEqual({
      created: [],
      skipped: ['No seed users added (local/seed-users.json): the stack has no user pool.'],
    });
    expect(sent).toEqual([]);
  });
});
