import type { AdminInitiateAuthCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import { attributeValue, type Context, type User } from '../cognito-local.ts';
import {
  authFlowNotEnabled,
  initiateAuthMethodNotSupported,
  missingParameter,
  userIsDisabled,
  userPoolClientDoesNotExist,
} from '../cognito-answers.ts';
import { appClientOf } from '../request-context.ts';
import { namedUser, passwordFactor, srpFactor } from '../sign-in/first-factor.ts';
import { migrateOnSignIn } from '../sign-in/migrate-on-sign-in.ts';
import { preAuthentication } from '../sign-in/pre-authentication.ts';
import { refreshTokenAuth } from '../sign-in/refresh-token-auth.ts';
import type { SignInContext } from '../sign-in/sign-in-state.ts';
import { startUserAuth } from '../sign-in/user-auth.ts';
import { flowAllowed } from '../rules/auth-flow-rules.ts';
import { refuseWrongSecretHash } from '../rules/client-secret-rules.ts';
import { clientOf } from './client-of.ts';
import type { SignInDeps } from './sign-in-deps.ts';

/**
 * The flows each operation runs. USER_PASSWORD_AUTH only through InitiateAuth, the admin password
 * flows only through AdminInitiateAuth ("USER_PASSWORD_AUTH can only be used with InitiateAuth and
 * ADMIN_USER_PASSWORD_AUTH can only be used with AdminInitiateAuth", AWS in getmoto/moto#4623).
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html#CognitoUserPools-InitiateAuth-request-AuthFlow
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminInitiateAuth.html#CognitoUserPools-AdminInitiateAuth-request-AuthFlow
 */
const SHARED_FLOWS = ['USER_SRP_AUTH', 'USER_AUTH', 'REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN', 'CUSTOM_AUTH'];
const FLOWS: ReadonlySet<string> = new Set([...SHARED_FLOWS, 'USER_PASSWORD_AUTH']);
const ADMIN_FLOWS: ReadonlySet<string> = new Set([...SHARED_FLOWS, 'ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH']);

/** The flows that send the password itself, which UserMigration needs. */
const PASSWORD_SENT: ReadonlySet<string> = new Set(['USER_PASSWORD_AUTH', 'ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH']);

/**
 * InitiateAuth, and AdminInitiateAuth when `admin`: the pool and app client found once, then
 * Cognito's gates in order — the flow is one the operation runs and the client allows, the
 * client's SECRET_HASH, a disabled user's refresh refused — then the flow: a refresh, custom auth
 * (sign-in/custom-auth.ts), or a sign-in by password, SRP or USER_AUTH, after the pool's
 * UserMigration (for a user the pool does not have) and PreAuthentication triggers.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminInitiateAuth.html
 */
export async function initiateAuth(deps: SignInDeps, ctx: Context, input: AdminInitiateAuthCommandInput, admin = false) {
  const flow = input.AuthFlow ?? '';
  if (!(admin ? ADMIN_FLOWS : FLOWS).has(flow)) throw initiateAuthMethodNotSupported();
  // InitiateAuth's ClientMetadata goes to no trigger after PreAuthentication, nor to the tokens [D].
  const signIn: SignInContext = {
    ...(await poolAndClient(deps, ctx, input, admin)),
    admin,
    clientMetadata: admin ? input.ClientMetadata : undefined,
  };
  const { pool, client } = signIn;
  if (!flowAllowed(client, flow)) throw authFlowNotEnabled(flow);
  const parameters = input.AuthParameters ?? {};

  if (flow === 'REFRESH_TOKEN_AUTH' || flow === 'REFRESH_TOKEN') {
    const holder = parameters.REFRESH_TOKEN ? await pool.getUserByRefreshToken(ctx, parameters.REFRESH_TOKEN) : null;
    // A refresh names no user: Cognito hashes over the refresh token's user, its username or `sub`.
    refuseWrongSecretHash(
      client,
      parameters.SECRET_HASH,
      holder ? [holder.Username, attributeValue('sub', holder.Attributes) ?? holder.Username] : [],
    );
    // A disabled user cannot renew their tokens either ([U]: the message is sign-in's).
    if (holder?.Enabled === false) throw userIsDisabled();
    return refreshTokenAuth(ctx, deps.services, signIn, parameters, holder);
  }
  refuseWrongSecretHash(client, parameters.SECRET_HASH, parameters.USERNAME ? [parameters.USERNAME] : []);
  if (flow === 'CUSTOM_AUTH') return deps.customAuth.initiate(ctx, signIn, input);

  if (!parameters.USERNAME) throw missingParameter('USERNAME');
  let user: User | null | undefined = await pool.getUserByUsername(ctx, parameters.USERNAME);
  if (!user && PASSWORD_SENT.has(flow) && parameters.PASSWORD) {
    const request = { username: parameters.USERNAME, password: parameters.PASSWORD, clientMetadata: input.ClientMetadata };
    user = await migrateOnSignIn(ctx, deps, signIn, request);
  }
  await preAuthentication(deps.triggers, signIn, user ?? undefined, input.ClientMetadata);
  const named = namedUser(client, user);
  if (PASSWORD_SENT.has(flow)) {
    if (!parameters.PASSWORD) throw missingParameter('PASSWORD');
    return passwordFactor(ctx, deps, signIn, named, parameters.PASSWORD);
  }
  if (flow === 'USER_SRP_AUTH') {
    if (!parameters.SRP_A) throw missingParameter('SRP_A');
    return srpFactor(ctx, deps, signIn, named, parameters.SRP_A);
  }
  return startUserAuth(ctx, deps, signIn, named, parameters);
}

/**
 * The pool and app client of a sign-in: InitiateAuth's client and its pool (client-of.ts, as
 * SignUp finds them); AdminInitiateAuth's pool, and a client of that pool. An unknown client is
 * Cognito's ResourceNotFoundException `User pool client <id> does not exist.`.
 */
async function poolAndClient({ services: { cognito } }: SignInDeps, ctx: Context, input: AdminInitiateAuthCommandInput, admin: boolean) {
  const clientId = input.ClientId ?? '';
  if (!admin) return clientOf(cognito, ctx, clientId);
  const pool = await cognito.getUserPool(ctx, input.UserPoolId ?? '');
  const client = await appClientOf({ cognito }, ctx, clientId);
  if (!client || client.UserPoolId !== pool.options.Id) throw userPoolClientDoesNotExist(clientId);
  return { pool, client };
}
