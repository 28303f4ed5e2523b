import type { ServiceFunctions } from './service-routes.ts';

/** serverless.yml's `provider.httpApi`, as far as the checks read it. */
export interface HttpApiConfig {
  readonly authorizers?: Readonly<Record<string, { readonly type?: string; readonly name?: string } | undefined>>;
}

/** How an httpApi event is authorized: by nothing, IAM, or an authorizer of `provider.httpApi.authorizers`. */
export type HttpApiRouteAuthorization =
  | { readonly kind: 'none' }
  | { readonly kind: 'iam' }
  | {
      readonly kind: 'jwt' | 'request';
      /** The name serverless gives the `AWS::ApiGatewayV2::Authorizer` (its `Name`). */
      readonly name: string;
      readonly scopes: readonly string[];
    };

export interface HttpApiRoute {
  readonly functionName: string;
  /** `GET /items/{id}`, `ANY /files/{proxy+}`, `$default`: the compiled route's `RouteKey`. */
  readonly routeKey: string;
  readonly authorization: HttpApiRouteAuthorization;
}

/**
 * The httpApi events of the service, read the way serverless v3 compiles them
 * (node_modules/serverless/lib/plugins/aws/package/compile/events/http-api.js,
 * `resolveConfiguration` and `compileEndpoints`).
 */
export function httpApiRoutesOf(functions: ServiceFunctions, config: HttpApiConfig = {}): HttpApiRoute[] {
  return Object.entries(functions).flatMap(([functionName, fn]) =>
    (fn.events ?? []).flatMap((event) => {
      if (!event.httpApi) return [];
      const httpApi = (typeof event.httpApi === 'object' ? event.httpApi : { route: String(event.httpApi) }) as Record<string, any>;
      const [method, path] = httpApi.route === undefined ? [httpApi.method, httpApi.path] : httpApi.route.split(' ');
      const routeKey = String(path ?? method) === '*' ? '$default' : `${method === '*' ? 'ANY' : String(method).toUpperCase()} ${path}`;
      return [{ functionName, routeKey, authorization: authorizationOf(httpApi.authorizer, config) }];
    }),
  );
}

function authorizationOf(authorizer: unknown, config: HttpApiConfig): HttpApiRouteAuthorization {
  if (!authorizer) return { kind: 'none' };
  const { name, scopes, type } = (typeof authorizer === 'object' ? authorizer : { name: authorizer }) as Record<string, any>;
  if (type === 'aws_iam') return { kind: 'iam' };
  const declared = config.authorizers?.[name];
  return { kind: declared?.type === 'request' ? 'request' : 'jwt', name: declared?.name ?? name, scopes: scopes ?? [] };
}

/** `GET /items/{id} (httpApi, function items)`, for messages. */
export const httpApiRouteLabel = (route: HttpApiRoute) => `${route.routeKey} (httpApi, function ${route.functionName})`;
