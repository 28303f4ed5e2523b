import { describe, expect, it } from 'vitest';
import { ctx } from '../testing/fake-cognito.ts';
import { oauthStoreTestbed } from '../testing/oauth-store-testbed.ts';
import { deleteUserPoolWithOAuth, describeUserPoolWithDomain } from './pool-oauth-views.ts';

const guest = async () => ({ UserPool: { Id: 'local_Pool1', Name: 'team' } });

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserPoolType.html (Domain, CustomDomain)
describe('describeUserPoolWithDomain', () => {
  it('shows a prefix as Domain and a custom domain as CustomDomain', async () => {
    const { oauth } = oauthStoreTestbed();
    const describePool = describeUserPoolWithDomain(oauth, guest);
    expect(await describePool(ctx, { UserPoolId: 'local_Pool1' })).toEqual({ UserPool: { Id: 'local_Pool1', Name: 'team' } });
    await oauth.saveDomain(ctx, 'local_Pool1', { Domain: 'team-auth' });
    expect(await describePool(ctx, { UserPoolId: 'local_Pool1' })).toEqual({
      UserPool: { Id: 'local_Pool1', Name: 'team', Domain: 'team-auth' },
    });
    await oauth.saveDomain(ctx, 'local_Pool1', { Domain: 'auth.example.com', CustomDomainConfig: { CertificateArn: 'arn:x' } });
    expect(await describePool(ctx, { UserPoolId: 'local_Pool1' })).toEqual({
      UserPool: { Id: 'local_Pool1', Name: 'team', CustomDomain: 'auth.example.com' },
    });
  });

  it("forgets a deleted pool's domain, so that its prefix is free again", async () => {
    const { oauth } = oauthStoreTestbed();
    await oauth.saveDomain(ctx, 'local_Pool1', { Domain: 'team-auth' });
    await deleteUserPoolWithOAuth(oauth, async () => ({}))(ctx, { UserPoolId: 'local_Pool1' });
    expect(await oauth.poolOfDomain(ctx, 'team-auth')).toBeUndefined();
  });
});
