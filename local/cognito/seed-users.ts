import { readFileSync } from 'node:fs';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  CreateGroupCommand,
  ListGroupsCommand,
  SignUpCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';

export interface SeedUser {
  readonly email: string;
  readonly password: string;
  /** Confirmed users can sign in at once; unconfirmed ones get a code in the dev inbox. */
  readonly confirmed: boolean;
  readonly groups: readonly string[];
}

export class SeedUsersError extends Error {
  override name = 'SeedUsersError';
}

export function readSeedUsers(file: string): readonly SeedUser[] {
  let parsed: { users?: unknown } | null;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as { users?: unknown } | null;
  } catch (cause) {
    throw new SeedUsersError(`${file} is not readable JSON: ${(cause as Error).message}`, { cause });
  }
  if (!Array.isArray(parsed?.users)) throw new SeedUsersError(`${file} has no "users" list.`);
  return parsed.users.map((user: Partial<SeedUser> | null, index) => {
    if (typeof user?.email !== 'string' || typeof user.password !== 'string') {
      throw new SeedUsersError(`${file}: users[${index}] needs an "email" and a "password".`);
    }
    return { email: user.email, password: user.password, confirmed: user.confirmed ?? true, groups: user.groups ?? [] };
  });
}

type CognitoClient = Pick<CognitoIdentityProviderClient, 'send'>;

const exists = (lookup: Promise<unknown>) =>
  lookup.then(
    () => true,
    (error: Error) => {
      if (error.name === 'UserNotFoundException') return false;
      throw error;
    },
  );

/** Creates the seed users that the pool lacks; existing users, and their passwords, are left alone. */
export async function seedUsers(
  cognito: CognitoClient,
  userPoolId: string,
  clientId: string,
  users: readonly SeedUser[],
): Promise<string[]> {
  const created: string[] = [];
  for (const user of users) {
    if (await exists(cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: user.email })))) continue;
    if (user.confirmed) {
      await cognito.send(
        new AdminCreateUserCommand({
          UserPoolId: userPoolId,
          Username: user.email,
          MessageAction: 'SUPPRESS',
          UserAttributes: [
            { Name: 'email', Value: user.email },
            { Name: 'email_verified', Value: 'true' },
          ],
        }),
      );
      await cognito.send(
        new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: user.email, Password: user.password, Permanent: true }),
      );
    } else {
      await cognito.send(new SignUpCommand({ ClientId: clientId, Username: user.email, Password: user.password }));
    }
    for (const group of user.groups) {
      // ListGroups rather than GetGroup, which cognito-local fails on a pool without groups.
      const { Groups = [] } = await cognito.send(new ListGroupsCommand({ UserPoolId: userPoolId }));
      if (!Groups.some((existing) => existing.GroupName === group)) {
        await cognito.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: group }));
      }
      await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: user.email, GroupName: group }));
    }
    created.push(user.email);
  }
  return created;
}
