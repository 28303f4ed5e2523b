import type { AppClient, Context, User, UserPoolService } from '../cognito-local.ts';
import { missingParameter } from '../cognito-answers.ts';
import { respondToAuthChallenge } from '../operations/respond-to-auth-challenge.ts';
import type { SignInDeps } from '../operations/sign-in-deps.ts';
import type { HostedSignInAnswer } from '../sign-in/complete-sign-in.ts';
import { namedUser, passwordFactor } from '../sign-in/first-factor.ts';
import { migrateOnSignIn } from '../sign-in/migrate-on-sign-in.ts';
import { preAuthentication } from '../sign-in/pre-authentication.ts';
import type { ChallengeAnswer, SignInContext } from '../sign-in/sign-in-state.ts';
import { associateSoftwareToken, verifySoftwareToken } from '../sign-in/software-token-setup.ts';

/** Where a managed login sign-in stands after a step: signed in, or a challenge for the next page. */
export type HostedStep =
  | { readonly kind: 'signed-in'; readonly username: string }
  | { readonly kind: 'challenge'; readonly name: string; readonly session: string; readonly parameters: Record<string, string> };

/**
 * The managed login's sign-in with a user name and password, through the JSON API's sign-in
 * steps (sign-in/), so that the same rules and triggers hold: UserMigration for a user the pool
 * lacks, PreAuthentication, lockout, PreventUserExistenceErrors, NEW_PASSWORD_REQUIRED, MFA and
 * its setup, PostAuthentication. The app client's ExplicitAuthFlows do not apply: they govern the
 * API's flows, not the managed login, which is Cognito's own page.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/login-endpoint.html
 */
export class HostedSignIn {
  constructor(private readonly deps: SignInDeps) {}

  /** The first step: the password sent from /login. */
  async password(ctx: Context, pool: UserPoolService, client: AppClient, username: string, password: string): Promise<HostedStep> {
    if (!username) throw missingParameter('USERNAME');
    if (!password) throw missingParameter('PASSWORD');
    const signIn: SignInContext = { pool, client, admin: false, hosted: true };
    let user: User | null | undefined = await pool.getUserByUsername(ctx, username);
    if (!user) user = await migrateOnSignIn(ctx, this.deps, signIn, { username, password });
    await preAuthentication(this.deps.triggers, signIn, user ?? undefined, undefined);
    return step(await passwordFactor(ctx, this.deps, signIn, namedUser(client, user), password));
  }

  /**
   * An answer to the challenge behind `session` (NEW_PASSWORD_REQUIRED, SOFTWARE_TOKEN_MFA,
   * SMS_MFA, SELECT_MFA_TYPE, MFA_SETUP): the Session names the challenge and the user.
   */
  async answer(ctx: Context, clientId: string, session: string, responses: Record<string, string>): Promise<HostedStep> {
    const input = {
      ClientId: clientId,
      UserPoolId: undefined as never, // not an admin call: the Session names the pool
      ChallengeName: undefined as never,
      Session: session,
      ChallengeResponses: responses,
    };
    return step(await respondToAuthChallenge(this.deps, ctx, input, false, true));
  }

  /** MFA_SETUP's secret for an authenticator app, and the Session that verifies a code of it. */
  async associateSoftwareToken(ctx: Context, session: string): Promise<{ readonly secret: string; readonly session: string }> {
    const { SecretCode, Session } = await associateSoftwareToken(this.deps)(ctx, { Session: session });
    return { secret: SecretCode!, session: Session! };
  }

  /** Checks a code of the MFA_SETUP secret: the Session that completes MFA_SETUP. */
  async verifySoftwareToken(ctx: Context, session: string, code: string): Promise<string> {
    const { Session } = await verifySoftwareToken(this.deps)(ctx, { Session: session, UserCode: code });
    return Session!;
  }
}

function step(answer: object): HostedStep {
  if ('HostedSignIn' in answer) return { kind: 'signed-in', username: (answer as HostedSignInAnswer).HostedSignIn.username };
  const { ChallengeName, Session, ChallengeParameters } = answer as ChallengeAnswer;
  return { kind: 'challenge', name: ChallengeName, session: Session, parameters: ChallengeParameters };
}
