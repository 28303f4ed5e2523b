import { describe, expect, it } from 'vitest';
import { ctx, rejection } from '../testing/fake-cognito.ts';
import { oauthStoreTestbed } from '../testing/oauth-store-testbed.ts';
import { NOW } from '../testing/operation-testbed.ts';
import {
  createIdentityProvider,
  deleteIdentityProvider,
  describeIdentityProvider,
  getIdentityProviderByIdentifier,
  listIdentityProviders,
  updateIdentityProvider,
} from './identity-providers.ts';

const UserPoolId = 'local_Pool1';
const GOOGLE = { client_id: 'google-id', client_secret: 'google-secret', authorize_scopes: 'openid email profile' };
const OIDC = {
  client_id: 'oidc-id',
  client_secret: 'oidc-secret',
  attributes_request_method: 'GET',
  oidc_issuer: 'https://idp.example.com',
  authorize_scopes: 'openid email',
};

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateIdentityProvider.html
describe('identity providers', () => {
  it("creates a Google provider as Cognito keeps it: Google's endpoints added, username mapped to sub", async () => {
    const { deps } = oauthStoreTestbed();
    const { IdentityProvider } = await createIdentityProvider(deps, ctx, {
      UserPoolId,
      ProviderName: 'Google',
      ProviderType: 'Google',
      ProviderDetails: GOOGLE,
      AttributeMapping: { email: 'email' },
    });
    expect(IdentityProvider).toMatchObject({
      UserPoolId,
      ProviderName: 'Google',
      ProviderType: 'Google',
      AttributeMapping: { username: 'sub', email: 'email' },
      CreationDate: NOW,
      LastModifiedDate: NOW,
    });
    expect(IdentityProvider?.ProviderDetails).toMatchObject({ ...GOOGLE, oidc_issuer: 'https://accounts.google.com' });
    expect(await describeIdentityProvider(deps, ctx, { UserPoolId, ProviderName: 'Google' })).toEqual({ IdentityProvider });
  });

  it('lists, finds by identifier, updates and deletes an OIDC provider', async () => {
    const { deps } = oauthStoreTestbed();
    await createIdentityProvider(deps, ctx, {
      UserPoolId,
      ProviderName: 'Corp',
      ProviderType: 'OIDC',
      ProviderDetails: OIDC,
      IdpIdentifiers: ['corp.example'],
    });
    expect(await listIdentityProviders(deps, ctx, { UserPoolId, MaxResults: 10 })).toEqual({
      Providers: [{ ProviderName: 'Corp', ProviderType: 'OIDC', CreationDate: NOW, LastModifiedDate: NOW }],
    });
    expect(
      (await getIdentityProviderByIdentifier(deps, ctx, { UserPoolId, IdpIdentifier: 'corp.example' })).IdentityProvider?.ProviderName,
    ).toBe('Corp');
    const { IdentityProvider } = await updateIdentityProvider(deps, ctx, {
      UserPoolId,
      ProviderName: 'Corp',
      AttributeMapping: { email: 'mail' },
    });
    expect(IdentityProvider).toMatchObject({
      ProviderType: 'OIDC',
      ProviderDetails: OIDC,
      AttributeMapping: { username: 'sub', email: 'mail' },
    });
    await deleteIdentityProvider(deps, ctx, { UserPoolId, ProviderName: 'Corp' });
    expect(await listIdentityProviders(deps, ctx, { UserPoolId })).toEqual({ Providers: [] });
  });

  // [C] https://github.com/aws/aws-cli/issues/3179
  it.each([
    ['MyGoogle', 'Google'],
    ['Google', 'OIDC'],
  ])('refuses the name %s for a provider of type %s (a social provider is named as its type)', async (ProviderName, ProviderType) => {
    const error = await rejection(
      createIdentityProvider(oauthStoreTestbed().deps, ctx, {
        UserPoolId,
        ProviderName,
        ProviderType: ProviderType as 'OIDC',
        ProviderDetails: { ...GOOGLE, ...OIDC },
      }),
    );
    expect([error.code, error.message]).toEqual([
      'InvalidParameterException',
      `Provider ${ProviderName} cannot be of type ${ProviderType}.`,
    ]);
  });

  it.each([
    ['Google', { client_id: 'x' }, 'client_secret, authorize_scopes'],
    ['SignInWithApple', { client_id: 'x', authorize_scopes: 'email' }, 'team_id, key_id, private_key'],
    ['OIDC', { client_id: 'x', client_secret: 'y', authorize_scopes: 'openid' }, 'attributes_request_method, oidc_issuer'],
    ['SAML', {}, 'MetadataFile or MetadataURL'],
  ])('refuses a %s provider without the ProviderDetails its type needs', async (type, ProviderDetails, missing) => {
    const ProviderName = ['OIDC', 'SAML'].includes(type) ? 'Corp' : type;
    const error = await rejection(
      createIdentityProvider(oauthStoreTestbed().deps, ctx, { UserPoolId, ProviderName, ProviderType: type as 'OIDC', ProviderDetails }),
    );
    expect([error.code, error.message]).toEqual([
      'InvalidParameterException',
      `ProviderDetails of a ${type} identity provider need ${missing}.`,
    ]);
  });

  it('refuses a second provider of a name, and an IdpIdentifier another provider has', async () => {
    const { deps } = oauthStoreTestbed();
    await createIdentityProvider(deps, ctx, {
      UserPoolId,
      ProviderName: 'Corp',
      ProviderType: 'OIDC',
      ProviderDetails: OIDC,
      IdpIdentifiers: ['corp'],
    });
    const again = await rejection(
      createIdentityProvider(deps, ctx, { UserPoolId, ProviderName: 'Corp', ProviderType: 'OIDC', ProviderDetails: OIDC }),
    );
    expect(again.code).toBe('DuplicateProviderException');
    const identifier = await rejection(
      createIdentityProvider(deps, ctx, {
        UserPoolId,
        ProviderName: 'Partner',
        ProviderType: 'OIDC',
        ProviderDetails: OIDC,
        IdpIdentifiers: ['corp'],
      }),
    );
    expect([identifier.code, identifier.message]).toEqual([
      'DuplicateProviderException',
      'The identifier corp is already used by a provider of this user pool.',
    ]);
  });

  it('answers ResourceNotFoundException for a provider the pool does not have', async () => {
    const { deps } = oauthStoreTestbed();
    expect((await rejection(describeIdentityProvider(deps, ctx, { UserPoolId, ProviderName: 'Google' }))).code).toBe(
      'ResourceNotFoundException',
    );
    expect((await rejection(getIdentityProviderByIdentifier(deps, ctx, { UserPoolId, IdpIdentifier: 'corp' }))).code).toBe(
      'ResourceNotFoundException',
    );
    expect((await rejection(deleteIdentityProvider(deps, ctx, { UserPoolId, ProviderName: 'Google' }))).code).toBe(
      'ResourceNotFoundException',
    );
  });
});
