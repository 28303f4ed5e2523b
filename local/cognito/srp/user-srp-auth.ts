import { randomBytes } from 'node:crypto';
import type {
  InitiateAuthCommandInput,
  InitiateAuthCommandOutput,
  RespondToAuthChallengeCommandInput,
  RespondToAuthChallengeCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  attributesToRecord,
  CognitoError,
  type Context,
  NotAuthorizedError,
  PasswordResetRequiredError,
  type Router,
  type Services,
  UserNotConfirmedException,
} from '../cognito-local.ts';
import { clientEphemeral, passwordClaimHolds, passwordVerifierChallenge, type SrpVerifierState } from './password-verifier.ts';

/** A USER_SRP_AUTH exchange between its two steps, found again by its secret block. */
interface PendingChallenge extends SrpVerifierState {
  readonly clientId: string;
  readonly expiresAt: number;
}

/** How long the client has to answer the PASSWORD_VERIFIER challenge. */
const CHALLENGE_TTL_MS = 3 * 60 * 1000;

const incorrect = () => new NotAuthorizedError('Incorrect username or password.');

/**
 * Adds Cognito's USER_SRP_AUTH sign-in, Amplify's default, to cognito-local: InitiateAuth
 * answers a PASSWORD_VERIFIER challenge, and RespondToAuthChallenge checks the client's proof
 * that it knows the password, then runs the pool's PostAuthentication trigger and issues tokens
 * as USER_PASSWORD_AUTH does. Other flows and challenges go to cognito-local.
 */
export function withUserSrpAuth(
  router: Router,
  services: Pick<Services, 'cognito' | 'tokenGenerator'> & Partial<Pick<Services, 'triggers'>>,
): Router {
  const pending = new Map<string, PendingChallenge>();

  async function initiate(ctx: Context, req: InitiateAuthCommandInput): Promise<InitiateAuthCommandOutput> {
    const { USERNAME: username, SRP_A: srpA } = req.AuthParameters ?? {};
    if (!username || !srpA) throw new CognitoError('InvalidParameterException', 'Missing required parameter USERNAME or SRP_A');
    const A = clientEphemeral(srpA);

    const userPool = await services.cognito.getUserPoolForClientId(ctx, req.ClientId!);
    const user = await userPool.getUserByUsername(ctx, username);
    if (!user) throw incorrect();

    const { state, challengeParameters } = passwordVerifierChallenge(userPool.options.Id, user, A);
    forgetExpired(pending);
    pending.set(state.secretBlock, { ...state, clientId: req.ClientId!, expiresAt: Date.now() + CHALLENGE_TTL_MS });
    return {
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeParameters: challengeParameters,
      Session: randomBytes(32).toString('base64url'),
      $metadata: {},
    };
  }

  async function verifyPassword(ctx: Context, req: RespondToAuthChallengeCommandInput): Promise<RespondToAuthChallengeCommandOutput> {
    const responses = req.ChallengeResponses ?? {};
    const secretBlock = responses.PASSWORD_CLAIM_SECRET_BLOCK ?? '';
    const challenge = pending.get(secretBlock);
    pending.delete(secretBlock);
    if (!challenge || challenge.expiresAt < Date.now() || challenge.clientId !== req.ClientId) throw incorrect();
    if (!passwordClaimHolds(challenge, responses)) throw incorrect();

    const userPool = await services.cognito.getUserPool(ctx, challenge.userPoolId);
    const user = await userPool.getUserByUsername(ctx, challenge.userId);
    if (!user) throw incorrect();
    if (user.Enabled === false) throw new NotAuthorizedError('User is disabled.');
    if (user.UserStatus === 'UNCONFIRMED') throw new UserNotConfirmedException();
    if (user.UserStatus === 'RESET_REQUIRED') throw new PasswordResetRequiredError();
    if (user.UserStatus === 'FORCE_CHANGE_PASSWORD') {
      // Like cognito-local's own USER_PASSWORD_AUTH: the answer goes to its RespondToAuthChallenge.
      return {
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        ChallengeParameters: {
          USER_ID_FOR_SRP: user.Username,
          requiredAttributes: '[]',
          userAttributes: JSON.stringify(attributesToRecord(user.Attributes)),
        },
        Session: randomBytes(32).toString('base64url'),
        $metadata: {},
      };
    }
    const client = await services.cognito.getAppClient(ctx, challenge.clientId);
    if (!client) throw incorrect();
    if (services.triggers?.enabled('PostAuthentication')) {
      // As USER_PASSWORD_AUTH runs it; InitiateAuth's ClientMetadata is not passed on to it.
      await services.triggers.postAuthentication(ctx, {
        source: 'PostAuthentication_Authentication',
        clientId: challenge.clientId,
        clientMetadata: req.ClientMetadata,
        userPoolId: challenge.userPoolId,
        username: user.Username,
        userAttributes: user.Attributes,
      });
    }

    const groups = await userPool.listUserGroupMembership(ctx, user);
    const tokens = await services.tokenGenerator.generate(ctx, user, groups, client, req.ClientMetadata, 'Authentication');
    await userPool.storeRefreshToken(ctx, tokens.RefreshToken, user);
    return { ChallengeParameters: {}, AuthenticationResult: { ...tokens, TokenType: 'Bearer' }, $metadata: {} };
  }

  return (target) => {
    const route = router(target);
    if (target === 'InitiateAuth') {
      return (ctx, req) => (req?.AuthFlow === 'USER_SRP_AUTH' ? initiate(ctx, req) : route(ctx, req));
    }
    if (target === 'RespondToAuthChallenge') {
      return (ctx, req) => (req?.ChallengeName === 'PASSWORD_VERIFIER' ? verifyPassword(ctx, req) : route(ctx, req));
    }
    return route;
  };
}

function forgetExpired(pending: Map<string, PendingChallenge>): void {
  const now = Date.now();
  for (const [secretBlock, challenge] of pending) if (challenge.expiresAt < now) pending.delete(secretBlock);
}
