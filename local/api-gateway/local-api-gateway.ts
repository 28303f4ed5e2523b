import type { RouteAuthorization } from '../cloudformation/api-routes.ts';
import type { LocalStack } from '../cloudformation/local-stack.ts';
import type { Clock } from '../clock.ts';
import { userPoolIssuer } from '../cognito/user-pool-ids.ts';
import { authorizerName } from './authorizer-name.ts';
import { allowEveryone, cognitoAuthorizer, type Authorize } from './cognito-authorizer.ts';
import { CorsPreflights, type CorsSetting } from './cors-preflight.ts';
import type { GatewayRequest } from './gateway-request.ts';
import { type AuthorizerCaches, lambdaAuthorizer } from './lambda-authorizer.ts';
import type { InvokeFunction } from './lambda-authorizer-types.ts';
import { noLocalLambda } from './authorizer-invocation.ts';
import type { GatewayResponse } from './gateway-responses.ts';
import { finishResponse, malformedRequestResponse, type RequestOutcome } from './finish-response.ts';
import { createCognitoTokenVerifier, TokenRejectedError, type VerifyCognitoToken } from './verify-cognito-token.ts';

export class UnsupportedAuthorizerError extends Error {
  override name = 'UnsupportedAuthorizerError';
}

/** What the gateway needs of the stack deployed locally. */
export type ApiGatewayStack = Pick<LocalStack, 'stage' | 'routes' | 'gatewayResponses'>;

export interface LocalApiGatewayOptions {
  /** Where this process reaches the Cognito emulator for its keys (the public URL, except inside a container network). */
  readonly cognitoUrl: string;
  /** Where the deployed stack is recorded, for messages. */
  readonly stackFile: string;
  /** The time the Cognito authorizers check tokens against: the stack's shared clock (local/clock-file.ts), the real time unless given. */
  readonly clock?: Clock;
  /** Runs a Lambda authorizer's function (the offline adapter's invokeFunction); without it, a Lambda authorizer's method fails its requests. */
  readonly invoke?: InvokeFunction;
  /** What the methods' ARNs name: the stack's region, account and REST API id. */
  readonly arn?: { readonly region: string; readonly accountId: string; readonly apiId: string };
}

/**
 * The REST API as the stack deployed locally describes it, deciding what API Gateway would:
 * which requests each method's authorizer lets through, and the gateway's own answers.
 */
export class LocalApiGateway {
  readonly #preflights = new CorsPreflights();
  readonly #verifiers = new Map<string, VerifyCognitoToken>();
  readonly #lambdaCaches: AuthorizerCaches = new Map();

  constructor(
    private readonly stack: ApiGatewayStack,
    private readonly options: LocalApiGatewayOptions,
  ) {}

  /**
   * The authorizer of a method the emulator serves, as the deployed stack says API Gateway
   * will authorize it (local/cloudformation/api-routes.ts): a COGNITO_USER_POOLS method gets the
   * token check on its authorizer's pools, others are open. Its `cors` setting joins the path's
   * preflight answer.
   */
  /** A method's authorizer, kind and logical id (authorizer-name.ts); undefined on a public method or one the stack lacks. */
  authorizerOf(method: string, path: string): string | undefined {
    const authorization = this.stack.routes[`${method.toUpperCase()} /${path.replace(/^\//, '')}`];
    return authorization && authorizerName(authorization);
  }

  method(method: string, path: string, cors: CorsSetting | undefined): Authorize {
    const eventPath = path.replace(/^\//, '');
    this.#preflights.add(eventPath, method, cors);
    const route = `${method.toUpperCase()} /${eventPath}`;
    const authorization = this.stack.routes[route];
    if (!authorization) {
      throw new UnsupportedAuthorizerError(
        `${route} is served by serverless-offline but is not a method of the stack deployed locally (${this.options.stackFile}).`,
      );
    }
    switch (authorization.type) {
      case 'COGNITO_USER_POOLS':
        return this.#cognitoAuthorizer(authorization);
      case 'CUSTOM': {
        const { region = '', accountId = '', apiId = '' } = this.options.arn ?? {};
        return lambdaAuthorizer({
          authorization,
          route: { region, accountId, apiId, stage: this.stack.stage, resourcePath: `/${eventPath}` },
          invoke: this.options.invoke ?? noLocalLambda,
          caches: this.#lambdaCaches,
          clock: this.options.clock,
        });
      }
      default:
        return allowEveryone;
    }
  }

  /** The gateway's answer once the request went through (undefined: the Lambda's response, as it is). */
  finish(request: GatewayRequest, outcome: RequestOutcome): GatewayResponse | undefined {
    const { stage, gatewayResponses } = this.stack;
    return finishResponse(request, outcome, { stage, gatewayResponses, preflights: this.#preflights });
  }

  /** The answer to a request the HTTP parser refused with `status`. */
  malformedRequest(status: number): GatewayResponse {
    return malformedRequestResponse(status, this.stack.gatewayResponses);
  }

  #cognitoAuthorizer(authorization: Extract<RouteAuthorization, { type: 'COGNITO_USER_POOLS' }>): Authorize {
    const verifiers = authorization.userPoolIds.map((poolId) => this.#verifierFor(poolId));
    return cognitoAuthorizer({
      header: identitySourceHeader(authorization.identitySource),
      scopes: authorization.scopes,
      resultTtlSeconds: authorization.resultTtlSeconds,
      verify: verifiers.length === 1 ? verifiers[0]! : anyOf(verifiers),
      clock: this.options.clock,
    });
  }

  /** The verifier for a local pool, built once: its issuer is AWS's, its keys the emulator's. */
  #verifierFor(poolId: string): VerifyCognitoToken {
    let verifier = this.#verifiers.get(poolId);
    if (!verifier) {
      verifier = createCognitoTokenVerifier({
        issuer: userPoolIssuer(poolId),
        jwksUri: `${this.options.cognitoUrl}/${poolId}/.well-known/jwks.json`,
        clock: this.options.clock,
      });
      this.#verifiers.set(poolId, verifier);
    }
    return verifier;
  }
}

/** A token from any of the authorizer's pools passes (its issuer names the pool). */
function anyOf(verifiers: readonly VerifyCognitoToken[]): VerifyCognitoToken {
  return async (token, scopes) => {
    let refusal: unknown;
    for (const verify of verifiers) {
      try {
        return await verify(token, scopes);
      } catch (error) {
        refusal ??= error;
        if (!(error instanceof TokenRejectedError)) throw error;
      }
    }
    throw refusal;
  };
}

/**
 * `method.request.header.Authorization` → "authorization" (header names are matched lower-case);
 * the local stage refused any other identity source at start (local/cloudformation/api-routes.ts).
 */
function identitySourceHeader(identitySource: string): string {
  return identitySource.slice('method.request.header.'.length).toLowerCase();
}
