import type { AppClient, UserPoolService } from '../../cognito-local.ts';
import { contextOf, type FederationDeps } from './federation-deps.ts';
import { type FederationState, openState } from './federation-state.ts';
import type { IdentityProvider } from './identity-providers.ts';

/** A sign-in through a provider under way: its state, and the pool, app client and provider it names, as they are now. */
export interface FederationInProgress {
  readonly state: FederationState;
  readonly pool: UserPoolService;
  readonly client: AppClient;
  readonly provider: IdentityProvider;
}

/**
 * The sign-in `sealed` (a state or RelayState) carries, or why there is none, in a sentence for the
 * page: a state not sealed here, changed or expired, or a pool, app client or provider deleted since.
 */
export async function signInOfState(deps: FederationDeps, sealed: string | null): Promise<FederationInProgress | string> {
  const state = sealed ? openState(sealed, deps.services.clock.now()) : undefined;
  if (!state) return 'This sign-in did not start here, or it expired (or the emulator restarted since): start it again from the app.';
  const ctx = contextOf(deps);
  const client = await deps.services.cognito.getAppClient(ctx, state.clientId);
  const pool = client && (await deps.services.cognito.getUserPool(ctx, state.userPoolId).catch(() => null));
  const settings = await deps.configs.settingsOf(ctx, state.userPoolId);
  const provider = settings.identityProviders.find((candidate) => candidate.ProviderName === state.providerName);
  if (!client || !pool || !provider)
    return `The app client, its user pool or the identity provider ${state.providerName} no longer exists.`;
  return { state, pool, client, provider: provider as IdentityProvider };
}
