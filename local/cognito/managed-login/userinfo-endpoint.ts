import { readableAttributes } from '../attributes/standard-attributes.ts';
import { type AppClient, CognitoError, type User } from '../cognito-local.ts';
import { appClientOf, RequestContext } from '../request-context.ts';
import { accessTokenUser } from '../rules/access-tokens.ts';
import type { ManagedLoginDeps } from './managed-login-deps.ts';
import {
  jsonAnswer,
  OAuthError,
  oauthErrorAnswer,
  preflight,
  userInfoBadRequest,
  userInfoInvalidToken,
  userInfoNoOpenid,
} from './oauth-errors.ts';
import type { PageHandler, PageRequest } from './page-types.ts';

/** The attributes the `profile` scope adds ([D] userinfo-endpoint.html), custom attributes besides. */
const PROFILE_ATTRIBUTES = [
  'name',
  'family_name',
  'given_name',
  'middle_name',
  'nickname',
  'preferred_username',
  'profile',
  'picture',
  'website',
  'gender',
  'birthdate',
  'zoneinfo',
  'locale',
  'updated_at',
];

/** What each of the scopes narrower than `openid` alone adds to the answer ([D] userinfo-endpoint.html). */
const SCOPE_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  profile: PROFILE_ATTRIBUTES,
  email: ['email', 'email_verified'],
  phone: ['phone_number', 'phone_number_verified'],
};

/**
 * The user's attributes an access token's `scopes` show, among those its client reads: with
 * `openid` alone, every one; with `profile`, `email` or `phone` as well, `sub` and what each of
 * them adds (`profile` the profile attributes and custom ones). `aws.cognito.signin.user.admin`
 * and custom scopes change nothing. Values are the attributes' strings: Cognito's userInfo says
 * `"email_verified": "true"` ([C] https://github.com/coreos/go-oidc/pull/249), its ID token a
 * boolean. `username` is the user's Username.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/userinfo-endpoint.html
 */
export function userInfoClaims(user: User, client: AppClient, scopes: readonly string[]): Record<string, string> {
  const readable = readableAttributes(client);
  const narrowing = scopes.filter((scope) => scope in SCOPE_ATTRIBUTES);
  const shown = (name: string) =>
    narrowing.length === 0 ||
    name === 'sub' ||
    narrowing.some((scope) => SCOPE_ATTRIBUTES[scope]!.includes(name) || (scope === 'profile' && name.startsWith('custom:')));
  const claims: Record<string, string> = {};
  for (const { Name, Value } of user.Attributes) {
    if (Value !== undefined && readable.has(Name) && shown(Name)) claims[Name] = Value;
  }
  return { ...claims, username: user.Username };
}

/** The Bearer token of the Authorization header, if that is what it holds. */
function bearerToken(request: PageRequest): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

/**
 * `/oauth2/userInfo` (GET and POST): the attributes of the user an access token of the token
 * endpoint speaks for, by its scopes. No Bearer token is 400 invalid_request; a token that is
 * expired, revoked (RevokeToken, /oauth2/revoke, global sign-out), not the emulator's, a client
 * credentials token (no user), or a disabled user's is 401 invalid_token; one without `openid`
 * (every token of a sign-in through the API) too. Each error says so in `WWW-Authenticate`.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/userinfo-endpoint.html
 */
export function userInfoEndpoint(deps: ManagedLoginDeps): PageHandler {
  return async (request) => {
    if (request.method === 'OPTIONS') return preflight('GET, POST');
    try {
      const token = bearerToken(request);
      if (request.method !== 'GET' && request.method !== 'POST') throw userInfoBadRequest();
      if (token === undefined) throw userInfoBadRequest();
      const ctx = new RequestContext(deps.logger);
      const { user, scopes, clientId } = await accessTokenUser(deps.services, ctx, token, null).catch((error: unknown) => {
        throw error instanceof CognitoError ? userInfoInvalidToken() : error;
      });
      if (!scopes.includes('openid')) throw userInfoNoOpenid();
      const client = await appClientOf(deps.services, ctx, clientId);
      if (!client) throw userInfoInvalidToken();
      return jsonAnswer(userInfoClaims(user, client, scopes));
    } catch (error) {
      if (error instanceof OAuthError) return oauthErrorAnswer(error, true);
      throw error;
    }
  };
}
