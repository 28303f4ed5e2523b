import type { AppClient, Clock, Context, UserPoolService } from '../../cognito-local.ts';
import type { PoolTriggers } from '../../triggers/pool-triggers.ts';
import { mappedAttributes, mappingProblem, type ProviderClaims } from './attribute-mapping.ts';
import { federatedUsername, linkedUser, mergedAttributes, userNamed } from './federated-users.ts';
import { FederationRefusal } from './federation-refusal.ts';
import { FederationTriggers } from './federation-triggers.ts';
import { createFederatedUser } from './first-federated-sign-in.ts';
import type { IdentityProvider } from './identity-providers.ts';

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
 * at the first sign-in (first-federated-sign-in.ts) and its mapped attributes updated at each later
 * one. At a later sign-in Cognito runs PreAuthentication_Authentication, then
 * PostAuthentication_Authentication (cognito-user-pools-working-with-lambda-triggers.html, "Lambda
 * triggers for federated users"; TokenGeneration_HostedAuth runs where the tokens are made).
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
  const triggers = new FederationTriggers(deps.triggers, pool, client, provider.ProviderType === 'SAML');
  const existing = (await linkedUser(pool, ctx, provider.ProviderName, subject)) ?? (await userNamed(pool, ctx, username));
  if (!existing) {
    refuseMapping(mappingProblem(pool.options, client, mapped, true));
    return createFederatedUser(deps.clock, ctx, pool, triggers, { provider, subject, username, mapped });
  }
  refuseMapping(mappingProblem(pool.options, client, mapped, false));
  // [U] a disabled user is refused in the JSON API's words.
  if (!existing.Enabled) throw new FederationRefusal('invalid_request', 'User is disabled.');
  // Before the attributes change: the mapping page suggests PreAuthentication to clear an
  // attribute that the incoming token then fills again.
  await triggers.run('PreAuthentication', 'PreAuthentication_Authentication', existing, { validationData: null });
  const updated = await pool.updateUser(ctx, existing.Username, (current) => ({
    ...current,
    Attributes: mergedAttributes(current.Attributes, mapped),
    UserLastModifiedDate: deps.clock.get(),
  }));
  if (updated) await triggers.run('PostAuthentication', 'PostAuthentication_Authentication', updated, { newDeviceUsed: false });
  return existing.Username;
}

function refuseMapping(problem: string | undefined): void {
  if (problem) throw new FederationRefusal('invalid_request', problem);
}
