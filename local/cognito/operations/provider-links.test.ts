import { describe, expect, it } from 'vitest';
import { identitiesOf } from '../federated-identities.ts';
import { ctx, poolUser, rejection } from '../testing/fake-cognito.ts';
import { oauthStoreTestbed } from '../testing/oauth-store-testbed.ts';
import { NOW } from '../testing/operation-testbed.ts';
import { adminDisableProviderForUser, adminLinkProviderForUser } from './provider-links.ts';

const UserPoolId = 'local_Pool1';
const ada = poolUser('ada', 'ada@example.com', 'CONFIRMED');
const GOOGLE = {
  ProviderName: 'Google',
  ProviderType: 'Google' as const,
  ProviderDetails: { client_id: 'x', client_secret: 'y', authorize_scopes: 'openid' },
};
const link = (subject: string, destination = 'ada') => ({
  UserPoolId,
  DestinationUser: { ProviderName: 'Cognito', ProviderAttributeValue: destination },
  SourceUser: { ProviderName: 'Google', ProviderAttributeName: 'Cognito_Subject', ProviderAttributeValue: subject },
});

async function testbed(users = [ada]) {
  const bed = oauthStoreTestbed({ users });
  await bed.oauth.saveIdentityProviders(ctx, UserPoolId, [{ UserPoolId, ...GOOGLE }]);
  return bed;
}

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminLinkProviderForUser.html
describe('adminLinkProviderForUser', () => {
  it("records the link in the native user's identities attribute, as Cognito shows it", async () => {
    const { deps, stored } = await testbed();
    expect(await adminLinkProviderForUser(deps, ctx, link('10987654321'))).toEqual({});
    expect(identitiesOf(stored.get('ada')!)).toEqual([
      {
        userId: '10987654321',
        providerName: 'Google',
        providerType: 'Google',
        issuer: null,
        primary: 'false',
        dateCreated: String(NOW.getTime()),
      },
    ]);
    const raw = stored.get('ada')!.Attributes.find((attribute) => attribute.Name === 'identities')?.Value;
    expect(JSON.parse(raw!)).toHaveLength(1);
  });

  // [C] https://github.com/aws/aws-sdk-net/issues/1000
  it('refuses an external identity that already signed in as a federated user', async () => {
    const { deps } = await testbed([ada, poolUser('Google_10987654321', 'ada@gmail.com', 'EXTERNAL_PROVIDER')]);
    const error = await rejection(adminLinkProviderForUser(deps, ctx, link('10987654321')));
    expect(error.message).toMatch(/^Merging is not currently supported/);
  });

  it('refuses a provider the pool does not have, a destination that is not Cognito, a subject named otherwise', async () => {
    const { deps } = await testbed();
    const facebook = await rejection(
      adminLinkProviderForUser(deps, ctx, { ...link('1'), SourceUser: { ...link('1').SourceUser, ProviderName: 'Facebook' } }),
    );
    expect([facebook.code, facebook.message]).toEqual([
      'InvalidParameterException',
      `The provider Facebook does not exist for User Pool ${UserPoolId}`,
    ]);
    const destination = await rejection(
      adminLinkProviderForUser(deps, ctx, { ...link('1'), DestinationUser: { ProviderName: 'Google', ProviderAttributeValue: 'ada' } }),
    );
    expect(destination.code).toBe('InvalidParameterException');
    const attribute = await rejection(
      adminLinkProviderForUser(deps, ctx, { ...link('1'), SourceUser: { ...link('1').SourceUser, ProviderAttributeName: 'email' } }),
    );
    expect(attribute.code).toBe('InvalidParameterException');
  });

  it('refuses a destination user who does not exist, and an identity linked already', async () => {
    const { deps } = await testbed([ada, poolUser('bob', 'bob@example.com', 'CONFIRMED')]);
    expect((await rejection(adminLinkProviderForUser(deps, ctx, link('1', 'nobody')))).code).toBe('UserNotFoundException');
    await adminLinkProviderForUser(deps, ctx, link('1'));
    expect((await rejection(adminLinkProviderForUser(deps, ctx, link('1', 'bob')))).code).toBe('AliasExistsException');
  });

  // https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html
  it('refuses a sixth linked identity', async () => {
    const { deps } = await testbed();
    for (const subject of ['1', '2', '3', '4', '5']) await adminLinkProviderForUser(deps, ctx, link(subject));
    expect((await rejection(adminLinkProviderForUser(deps, ctx, link('6')))).code).toBe('LimitExceededException');
  });
});

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDisableProviderForUser.html
describe('adminDisableProviderForUser', () => {
  const user = (subject: string) => ({ ProviderName: 'Google', ProviderAttributeName: 'Cognito_Subject', ProviderAttributeValue: subject });

  it("removes the link from the native user, keeping the user's other links", async () => {
    const { deps, stored } = await testbed();
    await adminLinkProviderForUser(deps, ctx, link('1'));
    await adminLinkProviderForUser(deps, ctx, link('2'));
    await adminDisableProviderForUser(deps, ctx, { UserPoolId, User: user('1') });
    expect(identitiesOf(stored.get('ada')!).map((identity) => identity.userId)).toEqual(['2']);
    expect(stored.get('ada')!.Enabled).toBe(true);
  });

  it('disables a federated user made from the identity', async () => {
    const { deps, stored } = await testbed([ada, poolUser('Google_7', 'x@gmail.com', 'EXTERNAL_PROVIDER')]);
    await adminDisableProviderForUser(deps, ctx, { UserPoolId, User: user('7') });
    expect(stored.get('Google_7')!.Enabled).toBe(false);
  });

  it('answers UserNotFoundException for an identity nobody has', async () => {
    const { deps } = await testbed();
    expect((await rejection(adminDisableProviderForUser(deps, ctx, { UserPoolId, User: user('9') }))).code).toBe('UserNotFoundException');
  });
});
