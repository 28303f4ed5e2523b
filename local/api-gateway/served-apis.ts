import type { GatewayRefusal } from './cognito-authorizer.ts';
import type { RequestOutcome } from './finish-response.ts';
import type { GatewayRequest } from './gateway-request.ts';
import type { GatewayResponse } from './gateway-responses.ts';
import type { LocalApiGateway } from './local-api-gateway.ts';
import type { HttpApiOutcome, LocalHttpApi } from './local-http-api.ts';
import type { ProxyEventFacts } from './proxy-event-facts.ts';

/** The ids the APIs' events carry (`requestContext.accountId`, `apiId`), as the stack deployed locally has them. */
export interface ApiIds {
  readonly accountId: string;
  readonly restApiId: string;
  readonly httpApiId: string;
}

/** Why a request ended in its auth step: a REST authorizer's refusal, or the HTTP API's whole answer. */
export type Refusal = GatewayRefusal | GatewayResponse;

/** What the server behind the gateways made of a request, whichever API it was for. */
export type ServedOutcome = Exclude<RequestOutcome, { kind: 'refused' }> | { readonly kind: 'refused'; readonly refusal: Refusal };

/**
 * The stack's APIs on one local server, told apart by path as their URLs are on AWS: the REST API
 * under its stage (`/local/api/…`, its ServiceEndpoint), the HTTP API at the root (serverless
 * deploys it on the `$default` stage, its HttpApiUrl). Without an HTTP API, every path is the REST API's.
 */
export class ServedApis {
  constructor(
    readonly rest: LocalApiGateway,
    readonly httpApi: LocalHttpApi | undefined,
    private readonly stage: string,
    private readonly ids: ApiIds = { accountId: '', restApiId: '', httpApiId: '' },
  ) {}

  /** What an event of `api` needs beyond serverless-offline's: the request as sent, and the API's ids. */
  eventFacts(api: 'rest' | 'http', request: { readonly rawHeaders?: readonly string[]; readonly url?: string }): ProxyEventFacts {
    return {
      // Absent on requests made with server.inject() (hapi's shot), which the unit tests use.
      rawHeaders: request.rawHeaders ?? [],
      url: request.url ?? '/',
      accountId: this.ids.accountId,
      apiId: api === 'rest' ? this.ids.restApiId : this.ids.httpApiId,
    };
  }

  /** The HTTP API, when it serves `path`; undefined: the REST API does. */
  httpApiFor(path: string): LocalHttpApi | undefined {
    if (!this.httpApi) return undefined;
    return path === `/${this.stage}` || path.startsWith(`/${this.stage}/`) ? undefined : this.httpApi;
  }

  /** The gateway's answer once the request went through (undefined: the Lambda's response, as it is). */
  finish(request: GatewayRequest, outcome: ServedOutcome): GatewayResponse | undefined {
    const httpApi = this.httpApiFor(request.path);
    if (httpApi) return httpApi.finish(request, httpApiOutcome(outcome));
    if (outcome.kind === 'refused' && isResponse(outcome.refusal)) {
      throw new Error(`${request.method.toUpperCase()} ${request.path}: an HTTP API refusal reached the REST API.`);
    }
    return this.rest.finish(request, outcome as RequestOutcome);
  }

  /** The HTTP API's own answer to a CORS preflight, given before the route's integration runs. */
  preflight(request: GatewayRequest): GatewayResponse | undefined {
    return this.httpApiFor(request.path)?.preflight(request);
  }

  /** The headers a Lambda's response goes out with: the HTTP API's CORS, or exactly the handler's. */
  lambdaHeaders(
    request: GatewayRequest,
    handlerHeaders: Readonly<Record<string, string | string[]>>,
    requestId?: string,
  ): Record<string, string | string[]> {
    const httpApi = this.httpApiFor(request.path);
    return httpApi ? httpApi.lambdaHeaders(request, handlerHeaders, requestId) : { ...handlerHeaders };
  }

  /** The answer to a request the HTTP parser refused (before any path is known: the REST API's). */
  malformedRequest(status: number): GatewayResponse {
    return this.rest.malformedRequest(status);
  }
}

function isResponse(refusal: Refusal): refusal is GatewayResponse {
  return 'statusCode' in refusal;
}

function httpApiOutcome(outcome: ServedOutcome): HttpApiOutcome {
  switch (outcome.kind) {
    case 'refused':
      if (!isResponse(outcome.refusal)) throw new Error('A REST authorizer refusal reached the HTTP API.');
      return { kind: 'refused', response: outcome.refusal };
    case 'no-method':
      return { kind: 'no-route' };
    default:
      return outcome;
  }
}
