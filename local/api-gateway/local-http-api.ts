import type { HttpApi, HttpRoute, HttpRouteAuthorization } from '../cloudformation/http-api.ts';
import type { Clock } from '../clock.ts';
import type { GatewayRequest } from './gateway-request.ts';
import type { GatewayResponse } from './gateway-responses.ts';
import { corsResponseHeaders, isPreflight, preflightResponse, withoutCorsHeaders } from './http-api-cors.ts';
import { internalServerError, notFound, refusedRequest } from './http-api-responses.ts';
import { authorizerName } from './authorizer-name.ts';
import { type HttpAuthorizerCaches, httpLambdaAuthorizer } from './http-lambda-authorizer.ts';
import { type AuthorizeHttpApi, jwtAuthorizer } from './jwt-authorizer.ts';
import type { InvokeFunction } from './lambda-authorizer-types.ts';
import { noLocalLambda } from './authorizer-invocation.ts';
import { createJwtVerifier, type VerifyJwt } from './verify-jwt.ts';

/** What the server behind the gateway made of an HTTP API request, before the gateway answers. */
export type HttpApiOutcome =
  /** The route's authorizer refused it with this answer. */
  | { readonly kind: 'refused'; readonly response: GatewayResponse }
  /** No route of the HTTP API matches its method and path. */
  | { readonly kind: 'no-route' }
  /** The server refused it itself, with this status (a payload too large…). */
  | { readonly kind: 'failed'; readonly statusCode: number }
  /** The Lambda answered; `failed` when it threw, timed out or returned a result the gateway cannot read. */
  | { readonly kind: 'lambda'; readonly statusCode: number; readonly failed: boolean };

/** serverless-offline serves a route the deployed HTTP API does not have. */
export class UnknownHttpRouteError extends Error {
  override name = 'UnknownHttpRouteError';
}

/** A JWT authorizer reads its token from somewhere other than a header. */
export class UnsupportedIdentitySourceError extends Error {
  override name = 'UnsupportedIdentitySourceError';
}

export interface LocalHttpApiOptions {
  /** Where this process reaches the Cognito emulator for its keys (the public URL, except inside a container network). */
  readonly cognitoUrl: string;
  /** The time the JWT authorizers check tokens against: the stack's shared clock (local/clock-file.ts), the real time unless given. */
  readonly clock?: Clock;
  /** Runs a Lambda authorizer's function (the offline adapter's invokeFunction); without it, a Lambda authorizer's route fails its requests. */
  readonly invoke?: InvokeFunction;
  /** What the routes' ARNs name: the stack's region, account and HTTP API id. */
  readonly arn?: { readonly region: string; readonly accountId: string; readonly apiId: string };
}

/** A route open to everyone: no authorizer, no `authorizer` in the event, whatever header comes. */
const allowEveryone: AuthorizeHttpApi = async () => ({ allow: true });

/**
 * The HTTP API (API Gateway v2) as the stack deployed locally describes it, deciding what API
 * Gateway would: which requests each route's JWT authorizer lets through, its CORS, and the
 * gateway's own answers.
 */
export class LocalHttpApi {
  readonly #verifiers = new Map<string, VerifyJwt>();
  readonly #lambdaCaches: HttpAuthorizerCaches = new Map();

  constructor(
    private readonly api: HttpApi,
    private readonly options: LocalHttpApiOptions,
  ) {}

  /** The authorizer of a route the emulator serves: `GET` + `/items/{id}`, or `ANY` + `$default`. */
  route(method: string, path: string): AuthorizeHttpApi {
    const { authorization, payloadFormatVersion } = this.#route(method, path);
    if (authorization.type === 'NONE') return allowEveryone;
    if (authorization.type === 'LAMBDA') {
      const { region = '', accountId = '', apiId = '' } = this.options.arn ?? {};
      const routeKey = path === '$default' ? '$default' : `${method.toUpperCase()} ${path}`;
      return httpLambdaAuthorizer({
        authorization,
        route: { region, accountId, apiId, stage: '$default', resourcePath: path, routeKey },
        integrationPayload: payloadFormatVersion,
        invoke: this.options.invoke ?? noLocalLambda,
        caches: this.#lambdaCaches,
        clock: this.options.clock,
      });
    }
    return jwtAuthorizer({
      header: identitySourceHeader(authorization),
      audiences: authorization.audiences,
      scopes: authorization.scopes,
      verify: this.#verifierFor(authorization),
      clock: this.options.clock,
    });
  }

  /** The route's authorizer, kind and logical id (authorizer-name.ts); undefined on a public route. */
  authorizerOf(method: string, path: string): string | undefined {
    return authorizerName(this.#route(method, path).authorization);
  }

  /** The event format the route's Lambda integration receives. */
  payloadFormatVersion(method: string, path: string): HttpRoute['payloadFormatVersion'] {
    return this.#route(method, path).payloadFormatVersion;
  }

  /**
   * The gateway's own answer to a CORS preflight, when CORS is configured: after the matching
   * route's authorizer, if any, let it through (an authorized `$default` or `ANY` route catches
   * preflights too, http-api-cors.html), and instead of the route's integration [U].
   */
  preflight(request: GatewayRequest): GatewayResponse | undefined {
    return this.api.cors && isPreflight(request) ? preflightResponse(this.api.cors, request) : undefined;
  }

  /**
   * The gateway's answer once the request went through (undefined: the Lambda's response, with
   * lambdaHeaders). Its own answers carry no CORS header [U].
   */
  finish(request: GatewayRequest, outcome: HttpApiOutcome): GatewayResponse | undefined {
    switch (outcome.kind) {
      case 'refused':
        return outcome.response;
      case 'no-route': {
        const preflight = this.preflight(request);
        if (preflight) return preflight;
        console.warn(`[api] ${request.method.toUpperCase()} ${request.path}: no route of the HTTP API matches (404 Not Found)`);
        return notFound();
      }
      case 'failed':
        return refusedRequest(outcome.statusCode);
      case 'lambda':
        // A handler that threw, returned a malformed result or timed out: the HTTP API's 500
        // (http-api-troubleshooting-lambda.html; AWS's knowledge center api-gateway-status-codes-http-api).
        return this.preflight(request) ?? (outcome.failed ? internalServerError() : undefined);
    }
  }

  /**
   * The Lambda response's headers as the gateway sends them: with CORS configured, its own CORS
   * headers instead of the handler's; and the request's id (the event's `requestContext.requestId`)
   * as `apigw-requestid`, which every HTTP API response carries [C].
   */
  lambdaHeaders(
    request: GatewayRequest,
    handlerHeaders: Readonly<Record<string, string | string[]>>,
    requestId?: string,
  ): Record<string, string | string[]> {
    const { cors } = this.api;
    const headers = cors ? { ...withoutCorsHeaders(handlerHeaders), ...corsResponseHeaders(cors, request) } : { ...handlerHeaders };
    return requestId === undefined ? headers : { ...headers, 'apigw-requestid': requestId };
  }

  #route(method: string, path: string): HttpRoute {
    const key = path === '$default' ? '$default' : `${method.toUpperCase()} ${path}`;
    const route = this.api.routes[key];
    if (!route) {
      const known = Object.keys(this.api.routes).join(', ') || 'none';
      throw new UnknownHttpRouteError(
        `${key} is served by serverless-offline but is not a route of the HTTP API deployed locally (routes: ${known}).`,
      );
    }
    return route;
  }

  /** One verifier per pool and issuer, built once: its keys are the emulator's JWKS for the pool. */
  #verifierFor(authorization: JwtAuthorization): VerifyJwt {
    const key = `${authorization.userPoolId} ${authorization.issuer}`;
    let verifier = this.#verifiers.get(key);
    if (!verifier) {
      verifier = createJwtVerifier({
        issuer: authorization.issuer,
        jwksUri: `${this.options.cognitoUrl}/${authorization.userPoolId}/.well-known/jwks.json`,
        clock: this.options.clock,
      });
      this.#verifiers.set(key, verifier);
    }
    return verifier;
  }
}

type JwtAuthorization = Extract<HttpRouteAuthorization, { type: 'JWT' }>;

/** `$request.header.Authorization` → "authorization" (header names are matched lower-case). */
function identitySourceHeader(authorization: JwtAuthorization): string {
  const header = /^\$request\.header\.(.+)$/.exec(authorization.identitySource)?.[1];
  if (!header) {
    throw new UnsupportedIdentitySourceError(
      `${authorization.authorizer}: identity source ${authorization.identitySource} is not emulated (only $request.header.<Name>).`,
    );
  }
  return header.toLowerCase();
}
