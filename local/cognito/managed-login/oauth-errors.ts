import type { PageResult } from './page-types.ts';

// The OAuth 2.0 endpoints' answers, each written once: the error code, its HTTP status and its
// description. Tagged as cognito-answers.ts tags Cognito's: [D] the endpoint's page documents it,
// [C] a real answer someone reported, [U] undocumented: the strict side taken, listed in the
// README's "Differences from AWS". The pages:
//   token:    https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html
//   revoke:   https://docs.aws.amazon.com/cognito/latest/developerguide/revocation-endpoint.html
//   userInfo: https://docs.aws.amazon.com/cognito/latest/developerguide/userinfo-endpoint.html

/** An OAuth 2.0 error answer (RFC 6749 5.2, RFC 7009 2.2.1, RFC 6750 3.1). */
export class OAuthError extends Error {
  override name = 'OAuthError';
  constructor(
    /** The `error` code. */
    readonly error: string,
    readonly status: number,
    /** The `error_description`, when Cognito gives one. */
    readonly description?: string,
  ) {
    super(description ?? error);
  }
}

// ---- /oauth2/token: every error 400, as the page's sample error response ([D]).

/** [D] a required parameter missing, or the request otherwise malformed (wrong Content-Type: [U], the page says it must be form-encoded). */
export const invalidRequest = (description?: string) => new OAuthError('invalid_request', 400, description);
/** [D] "Client authentication failed"; 400 as the page's sample ([U] RFC 6749 allows 401). */
export const invalidClient = () => new OAuthError('invalid_client', 400);
/** [D] "Refresh token has been revoked", "Authorization code has been consumed already or does not exist". */
export const invalidGrant = (description?: string) => new OAuthError('invalid_grant', 400, description);
/** [D] "Client is not allowed for code grant flow or for refreshing tokens". */
export const unauthorizedClient = () => new OAuthError('unauthorized_client', 400);
/** [D] a scope the client may not ask for (scopes page: "If a client requests a disallowed scope at runtime, an error is returned"). */
export const invalidScope = () => new OAuthError('invalid_scope', 400);
/** [D] a grant_type other than authorization_code, refresh_token, client_credentials. */
export const unsupportedGrantType = () => new OAuthError('unsupported_grant_type', 400);
/** [U] the endpoint only supports HTTPS POST ([D]); the status of another method is undocumented. */
export const methodNotAllowed = () => new OAuthError('invalid_request', 405, 'The endpoint only supports POST.');

// ---- /oauth2/revoke ([D] its "Endpoint errors")

/** [D] "HTTP 400 and error invalid_request ... if the feature is disabled for the app client". */
export const revocationDisabled = () => new OAuthError('invalid_request', 400);
/** [D] "HTTP 400 and error unsupported_token_type ... if the token sent in the revocation request is not a refresh token". */
export const unsupportedTokenType = () => new OAuthError('unsupported_token_type', 400);
/** [D] "HTTP 401 and error invalid_client ... if the client credentials are invalid". */
export const revocationInvalidClient = () => new OAuthError('invalid_client', 401);

// ---- /oauth2/userInfo ([D] its sample negative responses, with WWW-Authenticate)

/** [D] "Bad OAuth2 request at UserInfo Endpoint": no Bearer access token. */
export const userInfoBadRequest = () => new OAuthError('invalid_request', 400, 'Bad OAuth2 request at UserInfo Endpoint');
/** [D] an expired, revoked, malformed or invalid access token. */
export const userInfoInvalidToken = () =>
  new OAuthError('invalid_token', 401, 'Access token is expired, disabled, or deleted, or the user has globally signed out.');
/** [C] https://github.com/simov/grant/issues/189 ("Access token does not contain openid scope"); the status is invalid_token's ([D]). */
export const userInfoNoOpenid = () => new OAuthError('invalid_token', 401, 'Access token does not contain openid scope');

/**
 * CORS on the token, revoke and userInfo endpoints: "The token endpoint returns
 * `Access-Control-Allow-Origin: *`" and Cognito supports no other origin policy there ([D]
 * token-endpoint.html), so that a browser app (Amplify's signInWithRedirect) calls it cross-origin.
 */
export const CORS_HEADERS: Readonly<Record<string, string>> = { 'Access-Control-Allow-Origin': '*' };

/** The request headers a browser may send: Amplify's `x-amz-user-agent`, the form's Content-Type, a client's Basic or Bearer Authorization. */
const ALLOWED_HEADERS = 'authorization, content-type, x-amz-user-agent';

/** The answer to a CORS preflight (OPTIONS) of an endpoint that takes `methods`. */
export function preflight(methods: string): PageResult {
  return {
    kind: 'json',
    status: 200,
    body: {},
    headers: {
      ...CORS_HEADERS,
      'Access-Control-Allow-Methods': methods,
      'Access-Control-Allow-Headers': ALLOWED_HEADERS,
      'Access-Control-Max-Age': '3600',
    },
  };
}

/** A JSON answer with CORS. */
export function jsonAnswer(body: unknown, status = 200, headers: Readonly<Record<string, string>> = {}): PageResult {
  return { kind: 'json', status, body, headers: { ...CORS_HEADERS, ...headers } };
}

/** An OAuth error's answer: its JSON body; userInfo's also say it in `WWW-Authenticate` ([D] userinfo-endpoint.html). */
export function oauthErrorAnswer(error: OAuthError, bearer = false): PageResult {
  const body = { error: error.error, ...(error.description !== undefined && { error_description: error.description }) };
  const headers: Record<string, string> = error.status === 405 ? { Allow: 'POST' } : {};
  if (bearer) {
    const description = error.description === undefined ? '' : `, error_description="${error.description}"`;
    headers['WWW-Authenticate'] = `Bearer error="${error.error}"${description}`;
  }
  return jsonAnswer(body, error.status, headers);
}
