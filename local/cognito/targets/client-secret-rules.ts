import { type AppClient, attributeValue, type Context, type Services, type Wrapper } from '../cognito-local.ts';
import { isSecretHashOf } from '../secrets/secret-hash.ts';
import { secretHashNotReceived, secretHashUnexpected, secretHashUnverified } from '../cognito-answers.ts';
import { appClientOf } from '../request-context.ts';

/** The members of a client-side request that carry the client and its SECRET_HASH. */
interface Request {
  readonly ClientId?: unknown;
  readonly UserPoolId?: unknown;
  readonly Username?: unknown;
  readonly SecretHash?: unknown;
  readonly AuthFlow?: unknown;
  readonly AuthParameters?: Readonly<Record<string, string>>;
  readonly ChallengeResponses?: Readonly<Record<string, string>>;
}

/** Where an operation carries its SECRET_HASH, and the names the hash may be computed over. */
interface SecretHashClaim {
  readonly hash: unknown;
  /** The names whose hash is right; empty when the request names no one Cognito knows (left to the operation). */
  readonly usernames: () => Promise<readonly string[]>;
}

/**
 * Each operation's SECRET_HASH, hashed over the name the caller sent (the email, in an
 * email-as-username pool) — except a refresh, which names no user: Cognito hashes over the
 * refresh token's user, its username or `sub`. The admin operations take it in the same places.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminInitiateAuth.html
 */
function secretHashClaim({ cognito }: Pick<Services, 'cognito'>, ctx: Context, target: string, req: Request): SecretHashClaim | undefined {
  const named = (username: unknown) => async () => (typeof username === 'string' ? [username] : []);
  switch (target) {
    case 'SignUp':
    case 'ConfirmSignUp':
    case 'ResendConfirmationCode':
    case 'ForgotPassword':
    case 'ConfirmForgotPassword':
      return { hash: req.SecretHash, usernames: named(req.Username) };
    case 'RespondToAuthChallenge':
    case 'AdminRespondToAuthChallenge':
      return { hash: req.ChallengeResponses?.SECRET_HASH, usernames: named(req.ChallengeResponses?.USERNAME) };
    case 'InitiateAuth':
    case 'AdminInitiateAuth': {
      const parameters = req.AuthParameters ?? {};
      if (req.AuthFlow !== 'REFRESH_TOKEN_AUTH' && req.AuthFlow !== 'REFRESH_TOKEN')
        return { hash: parameters.SECRET_HASH, usernames: named(parameters.USERNAME) };
      return {
        hash: parameters.SECRET_HASH,
        usernames: async () => {
          const userPool =
            target === 'AdminInitiateAuth'
              ? await cognito.getUserPool(ctx, String(req.UserPoolId))
              : await cognito.getUserPoolForClientId(ctx, String(req.ClientId));
          const user = await userPool.getUserByRefreshToken(ctx, String(parameters.REFRESH_TOKEN));
          return user ? [user.Username, attributeValue('sub', user.Attributes) ?? user.Username] : [];
        },
      };
    }
    default:
      return undefined;
  }
}

/**
 * An app client with a secret needs the SECRET_HASH of the user with every client-side call that
 * names one; a client without a secret is refused one it was sent. `usernames` are the names the
 * hash may be computed over (none: the operation answers for a user it cannot name). Messages:
 * docs/aws-behaviour.md.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/signing-up-users-in-your-app.html#cognito-user-pools-computing-secret-hash
 */
export function refuseWrongSecretHash(client: AppClient, hash: unknown, usernames: readonly string[]): void {
  const given = typeof hash === 'string' && hash !== '' ? hash : undefined;
  if (!client.ClientSecret) {
    if (given !== undefined) throw secretHashUnexpected(client.ClientId);
  } else {
    if (given === undefined) throw secretHashNotReceived(client.ClientId);
    if (usernames.length > 0 && !isSecretHashOf(given, client.ClientSecret, client.ClientId, usernames))
      throw secretHashUnverified(client.ClientId);
  }
}

/** refuseWrongSecretHash in front of an operation, the hash and names where `target` carries them. */
export const requireSecretHash =
  (services: Pick<Services, 'cognito'>, target: string): Wrapper =>
  (route) =>
  async (ctx, req) => {
    const claim = secretHashClaim(services, ctx, target, req ?? {});
    const client = claim && typeof req.ClientId === 'string' ? await appClientOf(services, ctx, req.ClientId) : null;
    if (claim && client) {
      // The names are looked up (a refresh token's user) only when a secret makes them matter.
      const named = client.ClientSecret && typeof claim.hash === 'string' && claim.hash !== '' ? await claim.usernames() : [];
      refuseWrongSecretHash(client, claim.hash, named);
    }
    return route(ctx, req);
  };

/**
 * GetTokensFromRefreshToken takes the client secret itself (`ClientSecret`), not a hash; Cognito's
 * answers to a missing or wrong one are not documented: the SECRET_HASH ones are used ([U]).
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetTokensFromRefreshToken.html
 */
export const requireClientSecret =
  ({ cognito }: Pick<Services, 'cognito'>): Wrapper =>
  (route) =>
  async (ctx, req) => {
    const client = typeof req?.ClientId === 'string' ? await appClientOf({ cognito }, ctx, req.ClientId) : null;
    const given = typeof req?.ClientSecret === 'string' && req.ClientSecret !== '' ? (req.ClientSecret as string) : undefined;
    if (client && !client.ClientSecret && given !== undefined) throw secretHashUnexpected(client.ClientId);
    if (client?.ClientSecret) {
      if (given === undefined) throw secretHashNotReceived(client.ClientId);
      if (given !== client.ClientSecret) throw secretHashUnverified(client.ClientId);
    }
    return route(ctx, req);
  };
