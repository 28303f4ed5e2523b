import type {
  CreateIdentityProviderCommandInput,
  CreateIdentityProviderCommandOutput,
  DeleteIdentityProviderCommandInput,
  DeleteIdentityProviderCommandOutput,
  DescribeIdentityProviderCommandInput,
  DescribeIdentityProviderCommandOutput,
  GetIdentityProviderByIdentifierCommandInput,
  GetIdentityProviderByIdentifierCommandOutput,
  IdentityProviderType,
  ListIdentityProvidersCommandInput,
  ListIdentityProvidersCommandOutput,
  UpdateIdentityProviderCommandInput,
  UpdateIdentityProviderCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { constraintViolations, identityProviderNotFound } from '../cognito-answers.ts';
import type { Context } from '../cognito-local.ts';
import { checkIdentityProvider, withCognitoDefaults } from '../rules/identity-provider-rules.ts';
import type { OAuthDeps } from './oauth-deps.ts';
import type { Operation } from './operation-deps.ts';

// A pool's identity providers: social (Google, Facebook, LoginWithAmazon, SignInWithApple) and
// enterprise (OIDC, SAML). Locally a stand-in page plays each one (README).
// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-identity-federation.html

/**
 * CreateIdentityProvider: its rules (identity-provider-rules.ts: the name, the ProviderDetails its
 * type needs, IdpIdentifiers unique in the pool), the pool, then stored with its dates.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateIdentityProvider.html
 */
export const createIdentityProvider: Operation<CreateIdentityProviderCommandInput, CreateIdentityProviderCommandOutput, OAuthDeps> = async (
  deps,
  ctx,
  input,
) => {
  const { UserPoolId = '', ProviderName = '', ProviderType = 'OIDC', ProviderDetails = {}, AttributeMapping, IdpIdentifiers } = input;
  await deps.cognito.getUserPool(ctx, UserPoolId);
  const providers = await providersOf(deps, ctx, UserPoolId);
  checkIdentityProvider({ ProviderName, ProviderType, ProviderDetails, IdpIdentifiers }, providers);
  const now = deps.clock.get();
  const provider: IdentityProviderType = withCognitoDefaults({
    UserPoolId,
    ProviderName,
    ProviderType,
    ProviderDetails,
    ...(AttributeMapping && { AttributeMapping }),
    ...(IdpIdentifiers && { IdpIdentifiers }),
    LastModifiedDate: now,
    CreationDate: now,
  });
  await deps.oauth.saveIdentityProviders(ctx, UserPoolId, [...providers, provider]);
  return { IdentityProvider: provider };
};

/** https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DescribeIdentityProvider.html */
export const describeIdentityProvider: Operation<
  DescribeIdentityProviderCommandInput,
  DescribeIdentityProviderCommandOutput,
  OAuthDeps
> = async (deps, ctx, { UserPoolId = '', ProviderName = '' }) => {
  await deps.cognito.getUserPool(ctx, UserPoolId);
  return { IdentityProvider: providerOf(await providersOf(deps, ctx, UserPoolId), ProviderName) };
};

/** https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetIdentityProviderByIdentifier.html */
export const getIdentityProviderByIdentifier: Operation<
  GetIdentityProviderByIdentifierCommandInput,
  GetIdentityProviderByIdentifierCommandOutput,
  OAuthDeps
> = async (deps, ctx, { UserPoolId = '', IdpIdentifier = '' }) => {
  await deps.cognito.getUserPool(ctx, UserPoolId);
  const provider = (await providersOf(deps, ctx, UserPoolId)).find((each) => each.IdpIdentifiers?.includes(IdpIdentifier));
  if (!provider) throw identityProviderNotFound(IdpIdentifier);
  return { IdentityProvider: provider };
};

/**
 * ListIdentityProviders: each provider's name, type and dates, MaxResults (1 to 60) a page.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListIdentityProviders.html
 */
export const listIdentityProviders: Operation<ListIdentityProvidersCommandInput, ListIdentityProvidersCommandOutput, OAuthDeps> = async (
  deps,
  ctx,
  { UserPoolId = '', MaxResults = 60, NextToken },
) => {
  if (MaxResults < 1 || MaxResults > 60) {
    throw constraintViolations([
      `Value '${MaxResults}' at 'maxResults' failed to satisfy constraint: Member must have value ${MaxResults < 1 ? 'greater than or equal to 1' : 'less than or equal to 60'}`,
    ]);
  }
  await deps.cognito.getUserPool(ctx, UserPoolId);
  const providers = await providersOf(deps, ctx, UserPoolId);
  const start =
    NextToken === undefined
      ? 0
      : Math.max(
          0,
          providers.findIndex((each) => each.ProviderName === NextToken),
        );
  const page = providers.slice(start, start + MaxResults);
  const next = providers[start + MaxResults];
  return {
    Providers: page.map(({ ProviderName, ProviderType, LastModifiedDate, CreationDate }) => ({
      ProviderName,
      ProviderType,
      LastModifiedDate,
      CreationDate,
    })),
    ...(next && { NextToken: next.ProviderName }),
  };
};

/**
 * UpdateIdentityProvider: what the request gives (ProviderDetails, AttributeMapping, IdpIdentifiers)
 * replaces the provider's, under the same rules as at creation; its type and creation date stay.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateIdentityProvider.html
 */
export const updateIdentityProvider: Operation<UpdateIdentityProviderCommandInput, UpdateIdentityProviderCommandOutput, OAuthDeps> = async (
  deps,
  ctx,
  { UserPoolId = '', ProviderName = '', ProviderDetails, AttributeMapping, IdpIdentifiers },
) => {
  await deps.cognito.getUserPool(ctx, UserPoolId);
  const providers = await providersOf(deps, ctx, UserPoolId);
  const current = providerOf(providers, ProviderName);
  const others = providers.filter((each) => each !== current);
  const details = ProviderDetails ?? current.ProviderDetails ?? {};
  checkIdentityProvider({ ProviderName, ProviderType: current.ProviderType ?? 'OIDC', ProviderDetails: details, IdpIdentifiers }, others);
  const provider = withCognitoDefaults({
    ...current,
    ProviderDetails: details,
    ...(AttributeMapping && { AttributeMapping }),
    ...(IdpIdentifiers && { IdpIdentifiers }),
    LastModifiedDate: deps.clock.get(),
  });
  await deps.oauth.saveIdentityProviders(
    ctx,
    UserPoolId,
    providers.map((each) => (each === current ? provider : each)),
  );
  return { IdentityProvider: provider };
};

/** https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteIdentityProvider.html */
export const deleteIdentityProvider: Operation<DeleteIdentityProviderCommandInput, DeleteIdentityProviderCommandOutput, OAuthDeps> = async (
  deps,
  ctx,
  { UserPoolId = '', ProviderName = '' },
) => {
  await deps.cognito.getUserPool(ctx, UserPoolId);
  const providers = await providersOf(deps, ctx, UserPoolId);
  const current = providerOf(providers, ProviderName);
  await deps.oauth.saveIdentityProviders(
    ctx,
    UserPoolId,
    providers.filter((each) => each !== current),
  );
  return {};
};

async function providersOf(deps: Pick<OAuthDeps, 'oauth'>, ctx: Context, userPoolId: string): Promise<IdentityProviderType[]> {
  return [...(await deps.oauth.settingsOf(ctx, userPoolId)).identityProviders];
}

function providerOf(providers: readonly IdentityProviderType[], name: string): IdentityProviderType {
  const provider = providers.find((each) => each.ProviderName === name);
  if (!provider) throw identityProviderNotFound(name);
  return provider;
}
