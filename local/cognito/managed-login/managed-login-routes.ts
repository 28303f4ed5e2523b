import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { SignInDeps } from '../operations/sign-in-deps.ts';
import { RequestContext } from '../request-context.ts';
import { accountPages } from './account-pages.ts';
import { AuthorizationCodes } from './authorization-codes.ts';
import { federationPages, federationStart } from './federation/federation-pages.ts';
import { HostedSignIn } from './hosted-sign-in.ts';
import { LoginSessions } from './login-sessions.ts';
import { oauthEndpoints } from './oauth-endpoints.ts';
import { implicitTokens } from './oauth-tokens.ts';
import type { ManagedLoginDeps } from './managed-login-deps.ts';
import type { PageHandler, PageRequest, PageResult, SetCookie } from './page-types.ts';
import { errorPage } from './pages/error-page.ts';
import { loginPage } from './pages/login-page.ts';
import { mfaPage } from './pages/mfa-page.ts';
import { mfaSetupPage } from './pages/mfa-setup-page.ts';
import { newPasswordPage } from './pages/new-password-page.ts';
import { signInFlow } from './sign-in-flow.ts';

/**
 * The managed login's pages and OAuth 2.0 endpoints, by path, over HTTP: the sign-in (authorize,
 * /login and its steps, /logout), the account pages (sign-up, confirm, forgot password), the
 * identity providers' stand-ins and responses, and the token, revoke and userInfo endpoints,
 * sharing one store of authorization codes and one of browser sessions.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/managed-login-endpoints.html
 */
export function managedLoginHandler(
  deps: ManagedLoginDeps,
  /** The JSON API's sign-in steps and the sign-ins under way, which the sign-in page runs too. */
  signIn: SignInDeps,
): RequestListener {
  const { clock } = deps.services;
  const codes = new AuthorizationCodes(clock);
  const flow = signInFlow({
    cognito: deps.services.cognito,
    configs: deps.configs,
    sessions: new LoginSessions(clock),
    codes,
    hostedSignIn: new HostedSignIn(signIn),
    pages: { login: loginPage, newPassword: newPasswordPage, mfa: mfaPage, mfaSetup: mfaSetupPage, error: errorPage },
    implicitTokens: implicitTokens(deps),
    startFederation: federationStart(deps),
    context: () => new RequestContext(deps.logger),
  });
  return managedLoginListener(
    { ...flow.routes, ...accountPages(deps, flow.signedIn), ...federationPages(deps, flow.signedIn), ...oauthEndpoints(deps, codes) },
    deps.log,
  );
}

/** The largest form body a page reads (Cognito's pages post a few fields). */
const MAX_FORM_BYTES = 64 * 1024;

/**
 * The managed login's HTTP side: reads a request into a {@link PageRequest}, runs the page or
 * endpoint of its path, and writes the {@link PageResult}. Every pool with a domain is served at
 * one origin locally; the client_id of each request says which pool (README).
 */
export function managedLoginListener(routes: Readonly<Record<string, PageHandler>>, log: (message: string) => void): RequestListener {
  return (request, response) => {
    readPageRequest(request)
      .then(
        (page) => {
          const handler = routes[page.path];
          if (handler === undefined) return notFound();
          return handler(page);
        },
        (error: unknown) => (error instanceof FormTooLargeError ? tooLarge() : Promise.reject(error)),
      )
      .then((result) => writePageResult(response, result))
      .catch((error: unknown) => {
        log(`[managed login] ${request.method} ${request.url} failed: ${(error as Error)?.stack ?? String(error)}`);
        if (response.headersSent) response.destroy();
        else
          writePageResult(response, { kind: 'html', status: 500, html: '<!DOCTYPE html><title>Error</title><p>Something went wrong.</p>' });
      });
  };
}

class FormTooLargeError extends Error {}

function notFound(): PageResult {
  return { kind: 'json', status: 404, body: { error: 'not_found', error_description: 'The managed login has no such page.' } };
}

function tooLarge(): PageResult {
  return { kind: 'json', status: 413, body: { error: 'invalid_request', error_description: 'The request body is too large.' } };
}

async function readPageRequest(request: IncomingMessage): Promise<PageRequest> {
  const url = new URL(request.url ?? '/', 'https://managed-login.local');
  const body = request.method === 'POST' ? await readBody(request) : '';
  const type = request.headers['content-type'] ?? '';
  return {
    method: request.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    form: type.startsWith('application/x-www-form-urlencoded') ? new URLSearchParams(body) : new URLSearchParams(),
    headers: Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]),
    ),
    cookies: parseCookies(request.headers.cookie),
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) throw new FormTooLargeError();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of header?.split(';') ?? []) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    const name = part.slice(0, at).trim();
    try {
      cookies[name] = decodeURIComponent(part.slice(at + 1).trim());
    } catch {
      // A cookie that is not ours (or broken) is left out.
    }
  }
  return cookies;
}

function cookieHeader({ name, value, maxAgeSeconds }: SetCookie): string {
  const age = maxAgeSeconds === undefined ? '' : `; Max-Age=${maxAgeSeconds}`;
  return `${name}=${encodeURIComponent(value)}; Path=/; Secure; HttpOnly; SameSite=Lax${age}`;
}

function writePageResult(response: ServerResponse, result: PageResult): void {
  const cookies = (result.cookies ?? []).map(cookieHeader);
  if (cookies.length > 0) response.setHeader('Set-Cookie', cookies);
  // Cognito's pages and endpoints are never cached.
  response.setHeader('Cache-Control', 'no-store');
  if (result.kind === 'redirect') {
    response.writeHead(302, { Location: result.location }).end();
  } else if (result.kind === 'html') {
    const html = Buffer.from(result.html);
    response
      .writeHead(result.status, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Length': html.length,
        // The pages run no script of another origin, and no other page frames them.
        'Content-Security-Policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
        'X-Frame-Options': 'DENY',
      })
      .end(html);
  } else {
    const json = Buffer.from(JSON.stringify(result.body));
    response
      .writeHead(result.status, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': json.length, ...result.headers })
      .end(json);
  }
}
