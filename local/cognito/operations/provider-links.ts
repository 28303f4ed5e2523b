import type {
  AdminDisableProviderForUserCommandInput,
  AdminDisableProviderForUserCommandOutput,
  AdminLinkProviderForUserCommandInput,
  AdminLinkProviderForUserCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  identityAlreadyLinked,
  linkAttributeName,
  linkDestinationNotCognito,
  mergingNotSupported,
  notEmulated,
  providerNotInPool,
  tooManyLinkedIdentities,
  userDoesNotExist,
} from '../cognito-answers.ts';
import { federatedUsername, identitiesOf, type LinkedIdentity, linksTo, withIdentities } from '../federated-identities.ts';
import type { OAuthDeps } from './oauth-deps.ts';
import type { Operation } from './operation-deps.ts';

/** https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html: "Identities linked to a user: 5". */
const MAX_LINKED = 5;
/** The attribute name that stands for an external user's subject (social and OIDC providers, SAML too). */
const COGNITO_SUBJECT = 'Cognito_Subject';

/**
 * AdminLinkProviderForUser: the external identity `SourceUser` (a provider of the pool, its subject as
 * Cognito_Subject) signs in from now on as the native user `DestinationUser` (ProviderName Cognito).
 * The link is an entry of the native user's `identities` attribute, `primary` "false", `issuer` null
 * (federated-identities.ts). Refused: an external identity that already signed in as a federated user
 * of its own ("Merging is not currently supported"), one linked already, a sixth link.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminLinkProviderForUser.html
 * https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-identity-federation-consolidate-users.html
 */
export const adminLinkProviderForUser: Operation<
  AdminLinkProviderForUserCommandInput,
  AdminLinkProviderForUserCommandOutput,
  OAuthDeps
> = async (deps, ctx, { UserPoolId = '', DestinationUser = {}, SourceUser = {} }) => {
  const userPool = await deps.cognito.getUserPool(ctx, UserPoolId);
  if (DestinationUser.ProviderName !== 'Cognito') throw linkDestinationNotCognito();
  const sourceName = SourceUser.ProviderName ?? '';
  const { identityProviders } = await deps.oauth.settingsOf(ctx, UserPoolId);
  const provider = identityProviders.find((each) => each.ProviderName === sourceName);
  if (!provider) throw providerNotInPool(sourceName, UserPoolId);
  if (provider.ProviderType !== 'SAML' && SourceUser.ProviderAttributeName !== COGNITO_SUBJECT) throw linkAttributeName(sourceName);
  const subject = SourceUser.ProviderAttributeValue ?? '';
  const destination = await userPool.getUserByUsername(ctx, DestinationUser.ProviderAttributeValue ?? '');
  if (!destination) throw userDoesNotExist();
  if (await userPool.getUserByUsername(ctx, federatedUsername(sourceName, subject))) throw mergingNotSupported();
  const users = await userPool.listUsers(ctx);
  if (users.some((user) => linksTo(user, sourceName, subject))) throw identityAlreadyLinked();
  const identities = identitiesOf(destination);
  if (identities.length >= MAX_LINKED) throw tooManyLinkedIdentities();
  const now = deps.clock.get();
  const link: LinkedIdentity = {
    userId: subject,
    providerName: sourceName,
    providerType: provider.ProviderType ?? sourceName,
    issuer: null,
    primary: 'false',
    dateCreated: String(now.getTime()),
  };
  await userPool.saveUser(ctx, { ...withIdentities(destination, [...identities, link]), UserLastModifiedDate: now });
  return {};
};

/**
 * AdminDisableProviderForUser: the external identity `User` no longer signs in: its link to a native
 * user is removed, and a federated user made from it is disabled. A native (Cognito) user is refused:
 * the emulator does not take a native user's password sign-in away this way.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDisableProviderForUser.html
 */
export const adminDisableProviderForUser: Operation<
  AdminDisableProviderForUserCommandInput,
  AdminDisableProviderForUserCommandOutput,
  OAuthDeps
> = async (deps, ctx, { UserPoolId = '', User = {} }) => {
  const userPool = await deps.cognito.getUserPool(ctx, UserPoolId);
  const providerName = User.ProviderName ?? '';
  if (providerName === 'Cognito') throw notEmulated('AdminDisableProviderForUser for a native user (ProviderName Cognito)');
  const subject = User.ProviderAttributeValue ?? '';
  const now = deps.clock.get();
  const linked = (await userPool.listUsers(ctx)).filter((user) => linksTo(user, providerName, subject));
  const federated = await userPool.getUserByUsername(ctx, federatedUsername(providerName, subject));
  if (linked.length === 0 && !federated) throw userDoesNotExist();
  for (const user of linked) {
    if (user.Username === federated?.Username) continue;
    const kept = identitiesOf(user).filter((identity) => !(identity.providerName === providerName && identity.userId === subject));
    await userPool.saveUser(ctx, { ...withIdentities(user, kept), UserLastModifiedDate: now });
  }
  if (federated) await userPool.saveUser(ctx, { ...federated, Enabled: false, UserLastModifiedDate: now });
  return {};
};
