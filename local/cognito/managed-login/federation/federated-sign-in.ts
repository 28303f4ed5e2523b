import { randomBytes, randomUUID } from 'node:crypto';
import { type AppClient, attributesToRecord, type Clock, type Context, type User, type UserPoolService } from '../../cognito-local.ts';
import type { PoolTriggers, TriggerSubject } from '../../triggers/pool-triggers.ts';
import { mappedAttributes, mappingProblem, type ProviderClaims } from './attribute-mapping.ts';
import { federatedUsername, linkedUser, providerGroupName, userNamed } from './federated-users.ts';
import { FederationRefusal, refusalOfTrigger } from './federation-refusal.ts';
import { type IdentityProvider, issuerOf } from './identity-providers.ts';

type Attributes = User['Attributes'];

/** What a sign-in through a provider works with. */
export interface FederatedSignInDeps {
  readonly clock: Clock;
  readonly triggers: Pick<PoolTriggers, 'has' | 'run' | 'runPreSignUp'>;
}

/** Who the provider says signed in. */
export interface ProviderIdentity {
  readonly provider: IdentityProvider;
  /** The user's id at the provider (its `sub`, `id`, `user_id` or NameID). */
  readonly subject: string;
  readonly claims: ProviderClaims;
}

/**
 * The user of `pool` a provider's sign-in signs in, as Cognito makes it: the native user an
 * administrator linked to the identity, or the federated user `<ProviderName>_<subject>`, created
 * at the first sign-in and its mapped attributes updated at each later one. The triggers Cognito
 * runs for federated users, in order (cognito-user-pools-working-with-lambda-triggers.html,
 * "Lambda triggers for federated users"): at the first sign-in PreSignUp_ExternalProvider and
 * PostConfirmation_ConfirmSignUp; at later ones PreAuthentication_Authentication and
 * PostAuthentication_Authentication (TokenGeneration_HostedAuth runs where the tokens are made).
 * Throws a {@link FederationRefusal} for what Cognito sends back to the app as an error.
 */
export async function signInFederated(
  deps: FederatedSignInDeps,
  ctx: Context,
  pool: UserPoolService,
  client: AppClient,
  identity: ProviderIdentity,
): Promise<string> {
  const { provider, subject } = identity;
  const username = federatedUsername(provider.ProviderName, subject);
  const mapped = mappedAttributes(provider.AttributeMapping, identity.claims);
  const linked = await linkedUser(pool, ctx, provider.ProviderName, subject);
  const existing = linked ?? (await userNamed(pool, ctx, username));
  const saml = provider.ProviderType === 'SAML';
  const subjectOf = (user: User): TriggerSubject => ({ userPoolId: pool.options.Id, clientId: client.ClientId, username: user.Username });
  const trigger = <T>(run: () => Promise<T>): Promise<T> => run().catch((error: unknown) => refusalOfTrigger(error, saml));

  if (existing) {
    refuseMapping(mappingProblem(pool.options, client, mapped, false));
    // [U] a disabled user is refused in the JSON API's words.
    if (!existing.Enabled) throw new FederationRefusal('invalid_request', 'User is disabled.');
    // Before the attributes change: the mapping page suggests PreAuthentication to clear an
    // attribute that the incoming token then fills again.
    if (deps.triggers.has(pool.options, 'PreAuthentication')) {
      await trigger(() =>
        deps.triggers.run(
          'PreAuthentication',
          'PreAuthentication_Authentication',
          subjectOf(existing),
          {
            userAttributes: withStatus(existing),
            validationData: null,
            clientMetadata: {},
          },
          {},
          '1',
          pool.options,
        ),
      );
    }
    const updated = await pool.updateUser(ctx, existing.Username, (current) => ({
      ...current,
      Attributes: merged(current.Attributes, mapped),
      UserLastModifiedDate: deps.clock.get(),
    }));
    if (updated && deps.triggers.has(pool.options, 'PostAuthentication')) {
      await trigger(() =>
        deps.triggers.run(
          'PostAuthentication',
          'PostAuthentication_Authentication',
          subjectOf(updated),
          {
            userAttributes: withStatus(updated),
            newDeviceUsed: false,
            clientMetadata: {},
          },
          {},
          '1',
          pool.options,
        ),
      );
    }
    return existing.Username;
  }

  refuseMapping(mappingProblem(pool.options, client, mapped, true));
  const flags = deps.triggers.has(pool.options, 'PreSignUp')
    ? await trigger(() =>
        deps.triggers.runPreSignUp(pool.options, {
          source: 'PreSignUp_ExternalProvider',
          clientId: client.ClientId,
          clientMetadata: undefined,
          userAttributes: mapped,
          username,
          userPoolId: pool.options.Id,
          validationData: undefined,
        }),
      )
    : undefined;
  // A PreSignUp that links the identity to a user (AdminLinkProviderForUser) fails this first
  // sign-in; the next one signs that user in ([C] "Already found an entry for username", the
  // redirect apps retry on: stackoverflow.com/questions/47815161).
  if (await linkedUser(pool, ctx, provider.ProviderName, subject)) {
    throw new FederationRefusal('invalid_request', `Already found an entry for username ${username}`);
  }
  const now = deps.clock.get();
  const verified: Attributes = [
    ...(flags?.autoVerifyEmail ? [{ Name: 'email_verified', Value: 'true' }] : []),
    ...(flags?.autoVerifyPhone ? [{ Name: 'phone_number_verified', Value: 'true' }] : []),
  ];
  const identities = [
    {
      userId: subject,
      providerName: provider.ProviderName,
      providerType: provider.ProviderType ?? 'OIDC',
      issuer: issuerOf(provider),
      primary: true,
      dateCreated: now.getTime(),
    },
  ];
  const user: User = {
    Username: username,
    // No password signs a federated user in: theirs is one nobody knows.
    Password: randomBytes(32).toString('base64url'),
    Attributes: merged(
      [{ Name: 'sub', Value: randomUUID() }, ...mapped, { Name: 'identities', Value: JSON.stringify(identities) }],
      verified,
    ),
    UserStatus: 'EXTERNAL_PROVIDER',
    Enabled: true,
    RefreshTokens: [],
    UserCreateDate: now,
    UserLastModifiedDate: now,
  };
  await pool.saveUser(ctx, user);
  await joinProviderGroup(deps.clock, ctx, pool, provider.ProviderName, user);
  if (deps.triggers.has(pool.options, 'PostConfirmation')) {
    await trigger(() =>
      deps.triggers.run(
        'PostConfirmation',
        'PostConfirmation_ConfirmSignUp',
        subjectOf(user),
        {
          userAttributes: withStatus(user),
          clientMetadata: {},
        },
        {},
        '1',
        pool.options,
      ),
    );
  }
  return username;
}

function refuseMapping(problem: string | undefined): void {
  if (problem) throw new FederationRefusal('invalid_request', problem);
}

/**
 * Puts a provider's new user in the provider's group, made the first time it is needed ("Each unique
 * automatically-generated IdP user profile is automatically added to this group. Linked users
 * aren't", cognito-user-pools-user-groups.html).
 */
async function joinProviderGroup(clock: Clock, ctx: Context, pool: UserPoolService, providerName: string, user: User): Promise<void> {
  const name = providerGroupName(pool.options.Id, providerName);
  const now = clock.get();
  const group = (await pool.getGroupByGroupName(ctx, name)) ?? {
    GroupName: name,
    // [U] Cognito documents no description for these groups.
    Description: `Autogenerated group for users who sign in using ${providerName}`,
    CreationDate: now,
    LastModifiedDate: now,
  };
  await pool.addUserToGroup(ctx, group, user);
}

/** `attributes` with `changes` written over them, by name. */
function merged(attributes: Attributes, changes: Attributes): Attributes {
  const names = new Set(changes.map((change) => change.Name));
  return [...attributes.filter((attribute) => !names.has(attribute.Name)), ...changes];
}

/** A user's attributes as trigger events carry them, with `cognito:user_status`. */
const withStatus = (user: User) => ({ ...attributesToRecord(user.Attributes), 'cognito:user_status': user.UserStatus });
