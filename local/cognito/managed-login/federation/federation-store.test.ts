import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { OffsetClock } from '../../../clock.ts';
import { type Context, cognitoLocalRouter, createCognitoLocalServices } from '../../cognito-local.ts';
import { JsonFileStoreFactory } from '../../json-file-store.ts';
import { createUserPool } from '../../operations/create-user-pool.ts';
import { createUserPoolClient } from '../../operations/create-user-pool-client.ts';
import { RecentRefreshTokens } from '../../refresh-tokens.ts';
import { GOOGLE } from '../../testing/federation-testbed.ts';
import { PoolTriggers } from '../../triggers/pool-triggers.ts';
import { signInFederated } from './federated-sign-in.ts';
import type { IdentityProvider } from './identity-providers.ts';
import { PoolOAuthStore } from '../../pool-oauth-store.ts';

// A federated user over the emulator's own store (cognito-local's services and the data folder's
// files, as `npm start` assembles them), read back through cognito-local's operations: what
// ListUsers, AdminGetUser and AdminListGroupsForUser answer for it.
const folder = mkdtempSync(path.join(tmpdir(), 'federation-store-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const ctx: Context = { logger: pino({ level: 'silent' }) };

async function emulator() {
  const clock = new OffsetClock();
  const services = await createCognitoLocalServices({
    host: '127.0.0.1',
    port: 0,
    dataDir: folder,
    dataStores: new JsonFileStoreFactory(folder),
    logger: ctx.logger as never,
    messages: { deliver: async () => {} },
    clock,
    tokenGenerator: () => ({
      generate: async () => {
        throw new Error('no tokens here');
      },
    }),
    userPools: (pools) => new RecentRefreshTokens(pools),
  });
  const { UserPool } = await createUserPool(services, ctx, { PoolName: 'federation' });
  const oauth = new PoolOAuthStore(folder);
  await oauth.saveIdentityProviders(ctx, UserPool!.Id!, [{ ProviderName: 'Google', ProviderType: 'Google' }]);
  const { UserPoolClient } = await createUserPoolClient({ ...services, oauth }, ctx, {
    UserPoolId: UserPool!.Id!,
    ClientName: 'web',
    SupportedIdentityProviders: ['Google'],
  });
  const pool = await services.cognito.getUserPool(ctx, UserPool!.Id!);
  const client = (await services.cognito.getAppClient(ctx, UserPoolClient!.ClientId!))!;
  const route = cognitoLocalRouter(services);
  const signIn = (subject: string, claims: Record<string, string>) =>
    signInFederated(
      { clock: services.clock, triggers: new PoolTriggers({ lambdaUrl: 'http://127.0.0.1:9', timeoutMs: 100 }) },
      ctx,
      pool,
      client,
      {
        provider: { ...GOOGLE, UserPoolId: pool.options.Id } as IdentityProvider,
        subject,
        claims: { sub: subject, ...claims },
      },
    );
  return { poolId: pool.options.Id, route, signIn };
}

describe('a federated user in the emulator store', () => {
  it('is listed and read as cognito-local answers for any user, in its provider group, and updated at the next sign-in', async () => {
    const { poolId, route, signIn } = await emulator();
    await signIn('3001', { email: 'ada@example.com', name: 'Ada Lovelace' });
    await signIn('3002', { email: 'grace@example.com' });
    await signIn('3001', { name: 'Ada King' });

    const got = await route('AdminGetUser')(ctx, { UserPoolId: poolId, Username: 'Google_3001' });
    expect(got).toMatchObject({ Username: 'Google_3001', UserStatus: 'EXTERNAL_PROVIDER', Enabled: true });
    const attributes = Object.fromEntries(
      (got as { UserAttributes: { Name: string; Value: string }[] }).UserAttributes.map((a) => [a.Name, a.Value]),
    );
    expect(attributes).toMatchObject({ email: 'ada@example.com', name: 'Ada King' });
    expect(JSON.parse(attributes.identities!)).toMatchObject([{ userId: '3001', providerName: 'Google', providerType: 'Google' }]);

    const listed = (await route('ListUsers')(ctx, { UserPoolId: poolId })) as { Users: { Username: string }[] };
    expect(listed.Users.map((user) => user.Username).sort()).toEqual(['Google_3001', 'Google_3002']);
    const groups = (await route('AdminListGroupsForUser')(ctx, { UserPoolId: poolId, Username: 'Google_3002' })) as {
      Groups: { GroupName: string }[];
    };
    expect(groups.Groups.map((group) => group.GroupName)).toEqual([`${poolId}_Google`]);
    const members = (await route('ListUsersInGroup')(ctx, { UserPoolId: poolId, GroupName: `${poolId}_Google` })) as {
      Users: { Username: string }[];
    };
    expect(members.Users.map((user) => user.Username).sort()).toEqual(['Google_3001', 'Google_3002']);
  });
});
