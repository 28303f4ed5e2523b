import { serviceFunctionArns } from './authorizer-function.ts';
import { httpLambdaAuthorization } from './http-lambda-authorization.ts';
import { refTarget } from './template-references.ts';
import { httpApiRoutesOf } from '../serverless/service-http-api-routes.ts';
import type { ServiceFunctions } from '../serverless/service-routes.ts';
import type { DeployedStack } from './deploy-local-stack.ts';
import type { HttpApi, HttpApiCors, HttpRoute, HttpRouteAuthorization } from './http-api.ts';
import { LocalStackTemplateError } from './template.ts';
import { userPoolIssuer } from '../cognito/user-pool-ids.ts';

/** The local Cognito a JWT authorizer can trust. */
export interface LocalIssuers {
  /** The local app client ids (stand-ins included): what an audience must name. */
  readonly clientIds: ReadonlySet<string>;
}

type Resolve = (value: unknown, at: string) => unknown;
type Properties = Readonly<Record<string, any>>;

/**
 * The HTTP API serverless generates (`HttpApi`), read off the deployed stack: each
 * `AWS::ApiGatewayV2::Route` with its authorization and its integration's payload format, and
 * the API's CORS. A JWT authorizer's issuer and audiences are resolved to the local pool and
 * clients; a route the local stage cannot authorize as API Gateway would is refused.
 */
export function httpApiRoutes(
  stack: DeployedStack,
  localValue: Resolve,
  localUserPoolIds: ReadonlySet<string>,
  issuers: LocalIssuers,
): HttpApi | undefined {
  const api = stack.resources.HttpApi;
  if (api?.Type !== 'AWS::ApiGatewayV2::Api') return undefined;
  const resolved: Resolve = (value, at) => localValue(stack.resolve(value, at), at);
  const routes: Record<string, HttpRoute> = {};
  const refusals: string[] = [];
  for (const [logicalId, route] of Object.entries(stack.resources)) {
    if (route.Type !== 'AWS::ApiGatewayV2::Route') continue;
    const properties: Properties = route.Properties ?? {};
    const routeKey = String(stack.resolve(properties.RouteKey, `${logicalId}.Properties.RouteKey`));
    try {
      const authorization = authorizationOf(stack, logicalId, properties, resolved, localUserPoolIds, issuers);
      routes[routeKey] = { authorization, payloadFormatVersion: payloadFormatVersion(stack, logicalId, properties) };
    } catch (error) {
      if (!(error instanceof LocalStackTemplateError)) throw error;
      refusals.push(`${routeKey}: ${error.message}`);
    }
  }
  if (refusals.length > 0) {
    throw new LocalStackTemplateError(
      `The local stage cannot authorize these HTTP API routes as API Gateway will:\n${refusals.map((line) => `  - ${line}`).join('\n')}`,
    );
  }
  const cors = corsOf(resolved(api.Properties?.CorsConfiguration, 'HttpApi.Properties.CorsConfiguration') as Properties | undefined);
  return { routes, ...(cors && { cors }) };
}

function authorizationOf(
  stack: DeployedStack,
  routeId: string,
  properties: Properties,
  resolved: Resolve,
  localUserPoolIds: ReadonlySet<string>,
  issuers: LocalIssuers,
): HttpRouteAuthorization {
  const type = String(properties.AuthorizationType ?? 'NONE');
  const open = 'without it the route would be open locally and closed on AWS';
  switch (type) {
    case 'NONE':
      return { type: 'NONE' };
    case 'JWT':
      return jwtAuthorization(stack, routeId, properties, resolved, localUserPoolIds, issuers);
    case 'CUSTOM': {
      const authorizerId = refTarget(properties.AuthorizerId);
      const authorizer = authorizerId === undefined ? undefined : stack.resources[authorizerId];
      if (authorizerId === undefined || authorizer?.Type !== 'AWS::ApiGatewayV2::Authorizer') {
        throw new LocalStackTemplateError(
          `its AuthorizerId ${JSON.stringify(properties.AuthorizerId)} is not an AWS::ApiGatewayV2::Authorizer of this stack; ` +
            'locally, declare the Lambda authorizer under provider.httpApi.authorizers in serverless.yml (`type: request`).',
        );
      }
      const at = `${authorizerId}.Properties`;
      const settings = resolved(authorizer.Properties ?? {}, at) as Properties;
      return httpLambdaAuthorization(authorizerId, settings, serviceFunctionArns(stack));
    }
    case 'AWS_IAM':
      throw new LocalStackTemplateError(
        `its IAM (AWS_IAM) authorization is not emulated locally on HTTP APIs (the local stage emulates JWT and Lambda authorizers); ${open}.`,
      );
    default:
      throw new LocalStackTemplateError(`its ${type} authorization is not emulated locally on HTTP APIs; ${open}.`);
  }
}

/** https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html */
function jwtAuthorization(
  stack: DeployedStack,
  routeId: string,
  properties: Properties,
  resolved: Resolve,
  localUserPoolIds: ReadonlySet<string>,
  issuers: LocalIssuers,
): HttpRouteAuthorization {
  const authorizerId = refTarget(properties.AuthorizerId);
  const authorizer = authorizerId === undefined ? undefined : stack.resources[authorizerId];
  if (authorizerId === undefined || authorizer?.Type !== 'AWS::ApiGatewayV2::Authorizer') {
    throw new LocalStackTemplateError(
      `its AuthorizerId ${JSON.stringify(properties.AuthorizerId)} is not an AWS::ApiGatewayV2::Authorizer of this stack; ` +
        'locally, declare the JWT authorizer under provider.httpApi.authorizers in serverless.yml.',
    );
  }
  const at = `${authorizerId}.Properties`;
  const settings = authorizer.Properties ?? {};
  const sources = resolved(settings.IdentitySource, `${at}.IdentitySource`);
  const identitySource = Array.isArray(sources) && sources.length === 1 ? String(sources[0]) : undefined;
  if (!identitySource || !/^\$request\.header\.[^,\s]+$/.test(identitySource)) {
    throw new LocalStackTemplateError(
      `its JWT authorizer ${authorizerId} reads ${JSON.stringify(sources)}; the local stage reads a JWT authorizer's token from one header ($request.header.<Name>, as \`identitySource: $request.header.Authorization\`).`,
    );
  }
  const jwt = (settings.JwtConfiguration ?? {}) as Properties;
  const awsIssuer = String(stack.resolve(jwt.Issuer, `${at}.JwtConfiguration.Issuer`));
  const issuer = String(resolved(jwt.Issuer, `${at}.JwtConfiguration.Issuer`));
  // A local pool's tokens carry AWS's issuer (local/cognito/user-pool-ids.ts): the authorizer trusts a pool whose issuer it names exactly.
  const userPoolId = [...localUserPoolIds].find((id) => userPoolIssuer(id) === issuer);
  const named = [...localUserPoolIds].find((id) => issuer.endsWith(`/${id}`));
  if (!userPoolId && named) {
    // A stand-in for a pool of another region: the local pool is in the provider's region, and so is its issuer.
    throw new LocalStackTemplateError(
      `its JWT authorizer ${authorizerId} trusts the issuer ${awsIssuer}, which is the local pool ${named} at another region's endpoint; ` +
        `that pool's tokens carry ${userPoolIssuer(named)}. Stand in with a pool of a stack in that region, or point the issuerUrl at \`Fn::GetAtt: [<Pool>, ProviderURL]\`.`,
    );
  }
  if (!userPoolId) {
    throw new LocalStackTemplateError(
      `its JWT authorizer ${authorizerId} trusts the issuer ${awsIssuer}, which is neither a user pool of this stack nor stood in for locally. ` +
        'Point its issuerUrl at a pool of this stack (`Fn::GetAtt: [<Pool>, ProviderURL]`), or add a pool under custom.localStack.resources ' +
        `with \`StandsFor: ${awsIssuer.slice(awsIssuer.lastIndexOf('/') + 1)}\` (README: "A pool from another stack").`,
    );
  }
  const audiences = ((resolved(jwt.Audience ?? [], `${at}.JwtConfiguration.Audience`) as unknown[]) ?? []).map(String);
  if (audiences.length === 0) throw new LocalStackTemplateError(`its JWT authorizer ${authorizerId} has no audience: no token would pass.`);
  const unknownAudience = audiences.find((audience) => !issuers.clientIds.has(audience));
  if (unknownAudience !== undefined) {
    throw new LocalStackTemplateError(
      `its JWT authorizer ${authorizerId} accepts the audience ${unknownAudience}, which is neither an app client of this stack nor stood in for locally, so no local token would carry it. ` +
        `Point its audience at a client of this stack (\`Ref: <Client>\`), or add a client under custom.localStack.resources with \`StandsFor: ${unknownAudience}\`.`,
    );
  }
  const scopes = stack.resolve(properties.AuthorizationScopes ?? [], `${routeId}.Properties.AuthorizationScopes`) as unknown[];
  return {
    type: 'JWT',
    authorizer: authorizerId,
    identitySource,
    issuer,
    userPoolId,
    audiences,
    scopes: scopes.map(String),
  };
}

/**
 * The route's integration's `PayloadFormatVersion`, which CloudFormation requires for a Lambda
 * integration of an HTTP API (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html).
 */
function payloadFormatVersion(stack: DeployedStack, routeId: string, properties: Properties): HttpRoute['payloadFormatVersion'] {
  const target = String(stack.resolve(properties.Target ?? '', `${routeId}.Properties.Target`));
  const integrationId = /^integrations\/(.+)$/.exec(target)?.[1];
  const integration = integrationId === undefined ? undefined : stack.resources[integrationId];
  if (integration?.Type !== 'AWS::ApiGatewayV2::Integration') {
    throw new LocalStackTemplateError(
      `its Target ${JSON.stringify(properties.Target)} is not \`integrations/<an AWS::ApiGatewayV2::Integration of this stack>\`; the local stage serves routes to Lambda functions only.`,
    );
  }
  const version = stack.resolve(integration.Properties?.PayloadFormatVersion, `${integrationId}.Properties.PayloadFormatVersion`);
  if (version !== '1.0' && version !== '2.0') {
    throw new LocalStackTemplateError(
      `its integration ${integrationId} has PayloadFormatVersion ${JSON.stringify(version)}; a Lambda integration of an HTTP API takes "1.0" or "2.0", which CloudFormation requires.`,
    );
  }
  return version;
}

/** `CorsConfiguration` (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-apigatewayv2-api-cors.html). */
function corsOf(cors: Properties | undefined): HttpApiCors | undefined {
  if (!cors) return undefined;
  const list = (value: unknown) => ((value as unknown[] | undefined) ?? []).map(String);
  return {
    allowOrigins: list(cors.AllowOrigins),
    allowMethods: list(cors.AllowMethods),
    allowHeaders: list(cors.AllowHeaders),
    exposeHeaders: list(cors.ExposeHeaders),
    allowCredentials: cors.AllowCredentials === true,
    ...(cors.MaxAge !== undefined && { maxAge: Number(cors.MaxAge) }),
  };
}

/**
 * serverless-offline serves only the routes of `httpApi` events: a route the stack declares in
 * `resources` would answer on AWS and 404 here. Refused by name, at start.
 */
export function refuseUnservedHttpApiRoutes(api: HttpApi, functions: ServiceFunctions): void {
  const served = new Set(httpApiRoutesOf(functions).map((route) => route.routeKey));
  const unserved = Object.keys(api.routes).filter((routeKey) => !served.has(routeKey));
  if (unserved.length > 0) {
    throw new LocalStackTemplateError(
      `These HTTP API routes of the stack come from no httpApi event, and serverless-offline serves only those: ${unserved.join(', ')}. ` +
        'Declare each as an `httpApi` event of its function in serverless.yml instead of an AWS::ApiGatewayV2::Route resource.',
    );
  }
}
