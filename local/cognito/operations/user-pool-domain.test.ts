import { describe, expect, it } from 'vitest';
import { ctx, rejection } from '../testing/fake-cognito.ts';
import { oauthStoreTestbed } from '../testing/oauth-store-testbed.ts';
import { createUserPoolDomain, deleteUserPoolDomain, describeUserPoolDomain, updateUserPoolDomain } from './user-pool-domain.ts';

const UserPoolId = 'local_Pool1';
const CERTIFICATE = { CertificateArn: 'arn:aws:acm:us-east-1:000000000000:certificate/abc' };

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolDomain.html
describe('createUserPoolDomain', () => {
  it('stores a prefix domain, ManagedLoginVersion 1 unless given, and answers no CloudFront domain for it', async () => {
    const { deps, oauth } = oauthStoreTestbed();
    expect(await createUserPoolDomain(deps, ctx, { UserPoolId, Domain: 'team-auth' })).toEqual({ ManagedLoginVersion: 1 });
    expect(await oauth.domainOf(ctx, UserPoolId)).toEqual({ Domain: 'team-auth', ManagedLoginVersion: 1 });
    expect((await oauth.settingsOf(ctx, UserPoolId)).domain).toBe('team-auth');
  });

  it('stores a custom domain with its certificate and answers its CloudFront domain', async () => {
    const { deps, oauth } = oauthStoreTestbed();
    const answer = await createUserPoolDomain(deps, ctx, {
      UserPoolId,
      Domain: 'auth.example.com',
      CustomDomainConfig: CERTIFICATE,
      ManagedLoginVersion: 2,
    });
    expect(answer.ManagedLoginVersion).toBe(2);
    expect(answer.CloudFrontDomain).toMatch(/^d[0-9a-f]{13}\.cloudfront\.net$/);
    expect((await oauth.settingsOf(ctx, UserPoolId)).customDomain).toBe(true);
  });

  it.each(['Team', 'team_auth', '-team', 'team-', 'a'.repeat(64), 'auth.example.com'])(
    'refuses the prefix %s outside its pattern',
    async (Domain) => {
      const error = await rejection(createUserPoolDomain(oauthStoreTestbed().deps, ctx, { UserPoolId, Domain }));
      expect(error.code).toBe('InvalidParameterException');
      expect(error.message).toMatch(/^The domain name contains an invalid character\./);
    },
  );

  // https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-assign-domain-prefix.html
  it.each([
    ['my-aws-login', 'aws'],
    ['amazonlogin', 'amazon'],
    ['cognito-team', 'cognito'],
  ])('refuses the prefix %s, which has the reserved word %s', async (Domain, word) => {
    const error = await rejection(createUserPoolDomain(oauthStoreTestbed().deps, ctx, { UserPoolId, Domain }));
    expect([error.code, error.message]).toEqual(['InvalidParameterException', `Domain cannot contain reserved word: ${word}`]);
  });

  it('refuses a second domain for the pool', async () => {
    const { deps } = oauthStoreTestbed();
    await createUserPoolDomain(deps, ctx, { UserPoolId, Domain: 'team-auth' });
    const error = await rejection(createUserPoolDomain(deps, ctx, { UserPoolId, Domain: 'team-auth-2' }));
    expect([error.code, error.message]).toEqual(['InvalidParameterException', 'User pool already has a domain configured.']);
  });

  it('refuses a domain another pool has (a prefix is unique across pools)', async () => {
    const { deps, oauth } = oauthStoreTestbed();
    await oauth.saveDomain(ctx, 'local_Other', { Domain: 'team-auth' });
    const error = await rejection(createUserPoolDomain(deps, ctx, { UserPoolId, Domain: 'team-auth' }));
    expect([error.code, error.message]).toEqual(['InvalidParameterException', 'Domain already associated with another user pool.']);
  });

  it('refuses a pool that does not exist', async () => {
    const error = await rejection(createUserPoolDomain(oauthStoreTestbed().deps, ctx, { UserPoolId: 'local_Nope', Domain: 'team-auth' }));
    expect(error.code).toBe('ResourceNotFoundException');
  });
});

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DescribeUserPoolDomain.html
describe('describeUserPoolDomain', () => {
  it('describes a domain, ACTIVE at once', async () => {
    const { deps } = oauthStoreTestbed();
    await createUserPoolDomain(deps, ctx, { UserPoolId, Domain: 'team-auth' });
    const { DomainDescription } = await describeUserPoolDomain(deps, ctx, { Domain: 'team-auth' });
    expect(DomainDescription).toMatchObject({
      UserPoolId,
      AWSAccountId: '000000000000',
      Domain: 'team-auth',
      Status: 'ACTIVE',
      ManagedLoginVersion: 1,
    });
    expect(DomainDescription?.CustomDomainConfig).toBeUndefined();
    expect(DomainDescription?.CloudFrontDistribution).toMatch(/\.cloudfront\.net$/);
  });

  it("shows a custom domain's certificate", async () => {
    const { deps } = oauthStoreTestbed();
    await createUserPoolDomain(deps, ctx, { UserPoolId, Domain: 'auth.example.com', CustomDomainConfig: CERTIFICATE });
    const { DomainDescription } = await describeUserPoolDomain(deps, ctx, { Domain: 'auth.example.com' });
    expect(DomainDescription?.CustomDomainConfig).toEqual(CERTIFICATE);
  });

  it('answers an empty description for a domain no pool has, as AWS does', async () => {
    expect(await describeUserPoolDomain(oauthStoreTestbed().deps, ctx, { Domain: 'nobody' })).toEqual({ DomainDescription: {} });
  });
});

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPoolDomain.html
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUserPoolDomain.html
describe('updateUserPoolDomain and deleteUserPoolDomain', () => {
  it("change the pool's own domain, then remove it", async () => {
    const { deps, oauth } = oauthStoreTestbed();
    await createUserPoolDomain(deps, ctx, { UserPoolId, Domain: 'team-auth' });
    expect(await updateUserPoolDomain(deps, ctx, { UserPoolId, Domain: 'team-auth', ManagedLoginVersion: 2 })).toEqual({
      ManagedLoginVersion: 2,
    });
    expect((await oauth.domainOf(ctx, UserPoolId))?.ManagedLoginVersion).toBe(2);
    expect(await deleteUserPoolDomain(deps, ctx, { UserPoolId, Domain: 'team-auth' })).toEqual({});
    expect(await oauth.domainOf(ctx, UserPoolId)).toBeUndefined();
    // The prefix is free again.
    await createUserPoolDomain(deps, ctx, { UserPoolId, Domain: 'team-auth' });
  });

  it.each([
    ['update', updateUserPoolDomain],
    ['delete', deleteUserPoolDomain],
  ] as const)('%s refuses a domain the pool does not have', async (_name, operation) => {
    const { deps, oauth } = oauthStoreTestbed();
    await oauth.saveDomain(ctx, 'local_Other', { Domain: 'their-auth' });
    const error = await rejection(operation(deps, ctx, { UserPoolId, Domain: 'their-auth' }));
    expect([error.code, error.message]).toEqual(['InvalidParameterException', 'No such domain or user pool exists.']);
    expect(await oauth.domainOf(ctx, 'local_Other')).toEqual({ Domain: 'their-auth' });
  });
});
