// What the managed login's pages and endpoints read and answer: plain values, so that each page is
// a function from a request to a result (tested without a server), and managed-login-routes.ts the
// one place that speaks HTTP.

/** A request to the managed login's domain, as read by managed-login-routes.ts. */
export interface PageRequest {
  readonly method: string;
  /** The path, without the query (`/login`, `/oauth2/authorize`). */
  readonly path: string;
  readonly query: URLSearchParams;
  /** The `application/x-www-form-urlencoded` body of a POST (empty otherwise). */
  readonly form: URLSearchParams;
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The request's cookies by name. */
  readonly cookies: Readonly<Record<string, string>>;
}

/** A `Set-Cookie` the answer carries (always `Secure; HttpOnly; SameSite=Lax; Path=/` unless said). */
export interface SetCookie {
  readonly name: string;
  /** Empty with `maxAgeSeconds: 0` clears the cookie. */
  readonly value: string;
  readonly maxAgeSeconds?: number;
}

/** What a page or endpoint answers: a page, a redirect, or a JSON body (the OAuth 2.0 endpoints). */
export type PageResult =
  | { readonly kind: 'html'; readonly status: number; readonly html: string; readonly cookies?: readonly SetCookie[] }
  | { readonly kind: 'redirect'; readonly location: string; readonly cookies?: readonly SetCookie[] }
  | {
      readonly kind: 'json';
      readonly status: number;
      readonly body: unknown;
      readonly headers?: Readonly<Record<string, string>>;
      readonly cookies?: readonly SetCookie[];
    };

export type PageHandler = (request: PageRequest) => Promise<PageResult>;

/**
 * The parameters of an authorize request, which every managed login page carries on in its query
 * (Cognito's pages do: `/login?client_id=…&response_type=code&redirect_uri=…&state=…`).
 * https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html
 */
export const AUTHORIZE_PARAMETERS = [
  'client_id',
  'response_type',
  'redirect_uri',
  'state',
  'scope',
  'nonce',
  'code_challenge',
  'code_challenge_method',
  'identity_provider',
  'idp_identifier',
  'prompt',
  'login_hint',
  'lang',
] as const;

/** Only the authorize parameters of `query`, in a fresh copy (for the next page's links and forms). */
export function authorizeParameters(query: URLSearchParams): URLSearchParams {
  const kept = new URLSearchParams();
  for (const name of AUTHORIZE_PARAMETERS) {
    const value = query.get(name);
    if (value !== null) kept.set(name, value);
  }
  return kept;
}

/**
 * Ends a managed login sign-in (the password page, a confirmed sign-up, a federated identity):
 * the user of `userPoolId` named `username` proved who they are; the answer sets the session
 * cookie and goes on with the authorize request `parameters` (a redirect with the code or tokens).
 */
export type SignedIn = (request: PageRequest, userPoolId: string, username: string, parameters: URLSearchParams) => Promise<PageResult>;
