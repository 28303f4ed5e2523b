import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  CreateGroupCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ListGroupsCommand,
  SignUpCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { StageCognito } from '../cloudformation/web-client.ts';
import { secretHash } from './secrets/secret-hash.ts';
import { SEED_FILE, seedRequest, type SeedPool } from './seed-shape.ts';
import { seedUserLabel, type SeedUser } from './seed-users.ts';

type CognitoClient = Pick<CognitoIdentityProviderClient, 'send'>;

/** What seeding did: the users it created, and one line for each it skipped. */
export interface SeedOutcome {
  readonly created: string[];
  readonly skipped: string[];
}

const refusal = (error: unknown) => `${(error as Error).name}: ${(error as Error).message}`;

/**
 * Adds the seed users each pool lacks, as an administrator would on AWS, once every service
 * answers (the pool's triggers run: PreSignUp sees `PreSignUp_AdminCreateUser`, or
 * `PreSignUp_SignUp` for an unconfirmed user, who signs up through an app client). Existing
 * users, and their passwords, are left alone. A user a pool cannot take is skipped with one line.
 */
export async function seedIntoPools(
  cognito: CognitoClient,
  stage: StageCognito,
  users: readonly SeedUser[],
  file = SEED_FILE,
): Promise<SeedOutcome> {
  const outcome: SeedOutcome = { created: [], skipped: [] };
  // A stack without a pool (an API alone) has nowhere to put them: one line, not one per user.
  if (users.length > 0 && Object.keys(stage.pools).length === 0)
    return { created: [], skipped: [`No seed users added (${file}): the stack has no user pool.`] };
  const pools = new Map<string, Promise<SeedPool>>();
  for (const user of users) {
    const logicalId = user.pool ?? stage.web.userPoolLogicalId;
    const userPoolId = logicalId && stage.pools[logicalId];
    if (!logicalId || !userPoolId) {
      const known = Object.keys(stage.pools).join(', ') || 'none';
      const why = user.pool ? `the stack has no user pool ${user.pool} (its pools: ${known})` : 'the stack has no user pool';
      outcome.skipped.push(`Seed user ${seedUserLabel(user)} skipped: ${why}. Fix its "pool" in ${file}.`);
      continue;
    }
    if (!pools.has(logicalId)) pools.set(logicalId, describePool(cognito, userPoolId, logicalId));
    try {
      const line = await seedOne(cognito, stage, userPoolId, await pools.get(logicalId)!, user, file);
      if (line === 'created') outcome.created.push(seedUserLabel(user));
      else if (line) outcome.skipped.push(line);
    } catch (error) {
      outcome.skipped.push(`Seed user ${seedUserLabel(user)} skipped: user pool ${logicalId} could not be read (${refusal(error)}).`);
    }
  }
  return outcome;
}

async function describePool(cognito: CognitoClient, userPoolId: string, logicalId: string): Promise<SeedPool> {
  const { UserPool: pool = {} } = await cognito.send(new DescribeUserPoolCommand({ UserPoolId: userPoolId }));
  return {
    logicalId,
    usernameAttributes: pool.UsernameAttributes ?? [],
    aliasAttributes: pool.AliasAttributes ?? [],
    requiredAttributes: (pool.SchemaAttributes ?? []).filter((a) => a.Required && a.Name !== 'sub').map((a) => a.Name!),
  };
}

/** Creates one user; 'created', a skip line, or undefined when the user exists already. */
async function seedOne(cognito: CognitoClient, stage: StageCognito, userPoolId: string, pool: SeedPool, user: SeedUser, file: string) {
  const request = seedRequest(user, pool, file);
  if ('skip' in request) return request.skip;
  const { username, attributes } = request;
  const skipped = (what: string, error: unknown) =>
    `Seed user ${seedUserLabel(user)} skipped: user pool ${pool.logicalId} refused ${what} (${refusal(error)}). Fix it in ${file} (or the trigger that refused it).`;
  try {
    await cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }));
    return undefined;
  } catch (error) {
    if ((error as Error).name !== 'UserNotFoundException') throw error;
  }
  if (user.confirmed) {
    try {
      await cognito.send(
        new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: username, MessageAction: 'SUPPRESS', UserAttributes: attributes }),
      );
    } catch (error) {
      return skipped('AdminCreateUser', error);
    }
    try {
      await cognito.send(
        new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: username, Password: user.password, Permanent: true }),
      );
    } catch (error) {
      // No half-made user: the next start tries again with the fixed password.
      await cognito.send(new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: username })).catch(() => {});
      return skipped('its password', error);
    }
  } else {
    const client =
      stage.clients.find((c) => c.userPoolLogicalId === pool.logicalId && !c.hasSecret) ??
      stage.clients.find((c) => c.userPoolLogicalId === pool.logicalId);
    if (!client)
      return `Seed user ${seedUserLabel(user)} skipped: an unconfirmed user signs up through an app client, and user pool ${pool.logicalId} has none. Make it "confirmed": true in ${file}.`;
    try {
      const secret = client.hasSecret
        ? (await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: client.id }))).UserPoolClient
            ?.ClientSecret
        : undefined;
      await cognito.send(
        new SignUpCommand({
          ClientId: client.id,
          Username: username,
          Password: user.password,
          UserAttributes: attributes,
          ...(secret && { SecretHash: secretHash(secret, username, client.id) }),
        }),
      );
    } catch (error) {
      return skipped('SignUp', error);
    }
  }
  try {
    for (const group of user.groups) await joinGroup(cognito, userPoolId, username, group);
  } catch (error) {
    return skipped(`its groups (${user.groups.join(', ')}); the user was created without them`, error);
  }
  return 'created';
}

async function joinGroup(cognito: CognitoClient, userPoolId: string, username: string, group: string): Promise<void> {
  // ListGroups rather than GetGroup, which cognito-local fails on a pool without groups.
  const { Groups = [] } = await cognito.send(new ListGroupsCommand({ UserPoolId: userPoolId }));
  if (!Groups.some((existing) => existing.GroupName === group)) {
    await cognito.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: group }));
  }
  await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: group }));
}
