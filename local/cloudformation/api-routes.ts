import { serviceFunctionArns, type ServiceFunctionArns } from './authorizer-function.ts';
import { lambdaRouteAuthorization, type LambdaRouteAuthorization } from './lambda-route-authorization.ts';
import { refTarget, resourcePath } from './template-references.ts';
import type { DeployedStack } from './deploy-local-stack.ts';
import { LocalStackTemplateError } from './template.ts';

export type { LambdaRouteAuthorization } from './lambda-route-authorization.ts';

/** How API Gateway authorizes one method, as the compiled template configures it. */
export type RouteAuthorization =
  | { readonly type: 'NONE' }
  | {
      readonly type: 'COGNITO_USER_POOLS';
      /** The authorizer's logical id, for messages. */
      readonly authorizer: string;
      /** `IdentitySource`: `method.request.header.<Name>`. */
      readonly identitySource: string;
      /** `AuthorizerResultTtlInSeconds` (API Gateway's default 300). */
      readonly resultTtlSeconds: number;
      /** The local ids of the pools in `ProviderARNs`: a token from any of them passes. */
      readonly userPoolIds: readonly string[];
      /** The method's `AuthorizationScopes`; none means ID tokens only. */
      readonly scopes: readonly string[];
    }
  | LambdaRouteAuthorization;

/** Each method of the REST API by `<METHOD> /<path>` (as in `GET /api/helloWorld`). */
export type ApiRoutes = Readonly<Record<string, RouteAuthorization>>;

/** API Gateway's default authorizer result TTL. */
const DEFAULT_RESULT_TTL_SECONDS = 300;

/**
 * The REST API's methods and their authorization, read off the deployed stack: the
 * `AWS::ApiGateway::Method` and `AWS::ApiGateway::Authorizer` resources serverless compiled
 * (one authorizer per name, whatever each http event says) or serverless.yml declares, their
 * user pools resolved to the local ones. A method the local stage cannot authorize as AWS
 * would is refused.
 */
export function apiRoutes(
  stack: DeployedStack,
  localValue: (value: unknown, at: string) => unknown,
  localUserPoolIds: ReadonlySet<string>,
): ApiRoutes {
  const routes: Record<string, RouteAuthorization> = {};
  const refusals: string[] = [];
  let functions: ServiceFunctionArns | undefined;
  for (const [logicalId, method] of Object.entries(stack.resources)) {
    if (method.Type !== 'AWS::ApiGateway::Method') continue;
    const properties = method.Properties ?? {};
    const route = `${String(properties.HttpMethod).toUpperCase()} ${resourcePath(stack.resources, properties.ResourceId)}`;
    const type = String(properties.AuthorizationType ?? 'NONE');
    if (type === 'NONE') {
      routes[route] = { type: 'NONE' };
    } else if (type === 'COGNITO_USER_POOLS') {
      try {
        routes[route] = cognitoAuthorization(stack, logicalId, properties, localValue, localUserPoolIds);
      } catch (error) {
        if (!(error instanceof LocalStackTemplateError)) throw error;
        refusals.push(`${route}: ${error.message}`);
      }
    } else if (type === 'CUSTOM') {
      try {
        const [authorizerId, settings] = authorizerOf(stack, properties, localValue);
        functions ??= serviceFunctionArns(stack);
        routes[route] = lambdaRouteAuthorization(authorizerId, settings, functions);
      } catch (error) {
        if (!(error instanceof LocalStackTemplateError)) throw error;
        refusals.push(`${route}: ${error.message}`);
      }
    } else {
      refusals.push(
        `${route}: its ${type} authorization is not emulated locally (the local stage emulates COGNITO_USER_POOLS and Lambda authorizers); without it the route would be open locally and closed on AWS.`,
      );
    }
  }
  if (refusals.length > 0) {
    throw new LocalStackTemplateError(
      `The local stage cannot authorize these routes as API Gateway will:\n${refusals.map((line) => `  - ${line}`).join('\n')}`,
    );
  }
  return routes;
}

function cognitoAuthorization(
  stack: DeployedStack,
  methodId: string,
  properties: Readonly<Record<string, unknown>>,
  localValue: (value: unknown, at: string) => unknown,
  localUserPoolIds: ReadonlySet<string>,
): RouteAuthorization {
  const [authorizerId, settings] = authorizerOf(stack, properties, localValue);
  const arns = (settings.ProviderARNs as unknown[] | undefined) ?? [];
  const userPoolIds = arns.map((arn) => {
    const id = /^arn:aws:cognito-idp:[^:]*:[^:]*:userpool\/(.+)$/.exec(String(arn))?.[1];
    if (!id || !localUserPoolIds.has(id)) {
      throw new LocalStackTemplateError(
        `its authorizer ${authorizerId} names the user pool ${String(arn)}, which is neither a pool of this stack nor stood in for locally. ` +
          `Add a pool under custom.localStack.resources with \`StandsFor: ${String(arn)}\` (README: "A pool from another stack").`,
      );
    }
    return id;
  });
  if (userPoolIds.length === 0) throw new LocalStackTemplateError(`its authorizer ${authorizerId} has no ProviderARNs.`);
  const identitySource = String(settings.IdentitySource ?? 'method.request.header.Authorization');
  if (!/^method\.request\.header\.[^,\s]+$/.test(identitySource)) {
    throw new LocalStackTemplateError(
      `its authorizer ${authorizerId} reads ${identitySource}; a COGNITO_USER_POOLS authorizer reads one header (method.request.header.<Name>).`,
    );
  }
  const scopes = stack.resolve(properties.AuthorizationScopes ?? [], `${methodId}.Properties.AuthorizationScopes`) as string[];
  return {
    type: 'COGNITO_USER_POOLS',
    authorizer: authorizerId,
    identitySource,
    resultTtlSeconds: Number(settings.AuthorizerResultTtlInSeconds ?? DEFAULT_RESULT_TTL_SECONDS),
    userPoolIds,
    scopes,
  };
}

/** The `AWS::ApiGateway::Authorizer` a method's `AuthorizerId` names, with its properties resolved to local values. */
function authorizerOf(
  stack: DeployedStack,
  properties: Readonly<Record<string, unknown>>,
  localValue: (value: unknown, at: string) => unknown,
): [string, Record<string, unknown>] {
  const authorizerId = refTarget(properties.AuthorizerId);
  const authorizer = authorizerId === undefined ? undefined : stack.resources[authorizerId];
  if (authorizerId === undefined || authorizer?.Type !== 'AWS::ApiGateway::Authorizer') {
    throw new LocalStackTemplateError(
      `its AuthorizerId ${JSON.stringify(properties.AuthorizerId)} is not an AWS::ApiGateway::Authorizer of this stack; ` +
        'locally, declare the authorizer in serverless.yml (an http event `authorizer`, or a resource used through `authorizerId: { Ref: <id> }`).',
    );
  }
  const at = `${authorizerId}.Properties`;
  return [authorizerId, localValue(stack.resolve(authorizer.Properties ?? {}, at), at) as Record<string, unknown>];
}
