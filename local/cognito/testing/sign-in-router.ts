import type { Route, Router, Services } from '../cognito-local.ts';
import { initiateAuth } from '../operations/initiate-auth.ts';
import { respondToAuthChallenge } from '../operations/respond-to-auth-challenge.ts';
import { signInDeps } from '../operations/sign-in-deps.ts';
import { associateSoftwareToken, verifySoftwareToken } from '../sign-in/software-token-setup.ts';
import type { SignInTriggers } from '../sign-in/sign-in-state.ts';

/** A pool without triggers, as the sign-in operations see it. */
export const NO_TRIGGERS: SignInTriggers = {
  enabled: () => false,
  has: () => false,
  run: async () => {
    throw new Error('no trigger runs in this test');
  },
  preAuthentication: async () => {},
  postAuthentication: async () => {},
};

/**
 * The sign-in operations as the emulator routes them (InitiateAuth, RespondToAuthChallenge, their
 * admin forms, and AssociateSoftwareToken/VerifySoftwareToken with a Session), over a test's fake
 * services and `triggers` (none unless given).
 */
export function signInRouter(
  services: Pick<Services, 'clock' | 'cognito' | 'tokenGenerator' | 'messages' | 'otp'>,
  triggers: Partial<SignInTriggers> = {},
): Router {
  const deps = signInDeps(services, { ...NO_TRIGGERS, ...triggers });
  const routes: Record<string, Route> = {
    InitiateAuth: (ctx, req) => initiateAuth(deps, ctx, req),
    AdminInitiateAuth: (ctx, req) => initiateAuth(deps, ctx, req, true),
    RespondToAuthChallenge: (ctx, req) => respondToAuthChallenge(deps, ctx, req),
    AdminRespondToAuthChallenge: (ctx, req) => respondToAuthChallenge(deps, ctx, req, true),
    AssociateSoftwareToken: associateSoftwareToken(deps) as Route,
    VerifySoftwareToken: verifySoftwareToken(deps) as Route,
  };
  return (target) => {
    const route = routes[target];
    if (!route) throw new Error(`the sign-in router has no ${target}`);
    return route;
  };
}
