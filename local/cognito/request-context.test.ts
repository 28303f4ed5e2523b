import { describe, expect, it } from 'vitest';
import { signedAccessToken } from './testing/access-token.ts';
import { appClient, ctx, fakeCognito, poolUser, rejection } from './testing/fake-cognito.ts';
import { accessTokenUser } from './rules/access-tokens.ts';
import { appClientOf, lookedUpOnce, RequestContext } from './request-context.ts';

const silent = ctx.logger;

describe('RequestContext', () => {
  it('looks each thing up once per call, and afresh for the next call', async () => {
    let looks = 0;
    const look = async () => ++looks;
    const call = new RequestContext(silent);
    expect(await Promise.all([lookedUpOnce(call, 'a', look), lookedUpOnce(call, 'a', look)])).toEqual([1, 1]);
    expect(await lookedUpOnce(call, 'b', look)).toBe(2);
    expect(await lookedUpOnce(new RequestContext(silent), 'a', look)).toBe(3);
    // Any other context (a unit test's, a seed's) looks up every time.
    expect([await lookedUpOnce(ctx, 'a', look), await lookedUpOnce(ctx, 'a', look)]).toEqual([4, 5]);
  });

  it('reads an app client once per call, however many rules ask', async () => {
    const fake = fakeCognito({ clients: [appClient('client-1')] });
    let reads = 0;
    const cognito = {
      getAppClient: (...args: Parameters<typeof fake.services.cognito.getAppClient>) => (
        reads++, fake.services.cognito.getAppClient(...args)
      ),
    };
    const call = new RequestContext(silent);
    await appClientOf({ cognito }, call, 'client-1');
    expect(await appClientOf({ cognito }, call, 'client-1')).toMatchObject({ ClientId: 'client-1' });
    expect(reads).toBe(1);
  });

  it('verifies an access token once per call', async () => {
    const fake = fakeCognito({ users: [poolUser('ada', 'ada@example.com', 'CONFIRMED')], clients: [appClient('client-1')] });
    const call = new RequestContext(silent);
    const token = signedAccessToken('ada', 'client-1');
    const first = await accessTokenUser(fake.services, call, token);
    await fake.userPool.saveUser(call, { ...fake.stored.get('ada')!, Enabled: false });
    // The same call goes on with what it verified; the next call sees the user disabled.
    expect(await accessTokenUser(fake.services, call, token)).toBe(first);
    expect((await rejection(accessTokenUser(fake.services, new RequestContext(silent), token))).message).toBe('User is disabled.');
  });
});

describe('accessTokenUser and the local clock', () => {
  it('refuses an access token the moved clock finds expired', async () => {
    const fake = fakeCognito({ users: [poolUser('ada', 'ada@example.com', 'CONFIRMED')], clients: [appClient('client-1')] });
    const token = signedAccessToken('ada', 'client-1');
    await expect(accessTokenUser(fake.services, ctx, token)).resolves.toHaveProperty('user.Username', 'ada');
    fake.clock.advance(3601 * 1000);
    expect((await rejection(accessTokenUser(fake.services, ctx, token))).message).toBe('Access Token has expired');
  });
});
