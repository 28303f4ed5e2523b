import type { Services } from '../cognito-local.ts';
import { AuthSessions } from '../sign-in/auth-sessions.ts';
import { CustomAuth } from '../sign-in/custom-auth.ts';
import type { SignInServices, SignInState, SignInTriggers } from '../sign-in/sign-in-state.ts';

/** What the sign-in operations work with: the pools, their triggers, and the sign-ins under way (theirs and custom auth's). */
export interface SignInDeps extends SignInServices {
  readonly customAuth: CustomAuth;
}

/** The sign-in operations' parts, made once: each keeps the Sessions of the sign-ins it started. */
export function signInDeps(
  services: Pick<Services, 'clock' | 'cognito' | 'tokenGenerator' | 'messages' | 'otp'>,
  triggers: SignInTriggers,
): SignInDeps {
  return {
    services,
    triggers,
    sessions: new AuthSessions<SignInState>(() => services.clock.now()),
    customAuth: new CustomAuth(services, triggers),
  };
}
