import { authorizerFunctionName, resultTtlSeconds, type ServiceFunctionArns } from './authorizer-function.ts';
import { LocalStackTemplateError } from './template.ts';

// A REST method's Lambda (CUSTOM) authorizer, read off its AWS::ApiGateway::Authorizer with the rules
// API Gateway's CreateAuthorizer applies, so that what deploys on AWS starts locally and what AWS
// refuses is refused here too: https://docs.aws.amazon.com/apigateway/latest/api/API_CreateAuthorizer.html

/**
 * A Lambda (`CUSTOM`) authorizer of type TOKEN or REQUEST, as its `AWS::ApiGateway::Authorizer`
 * configures it: its function is one of this service's, run in the local Lambda.
 */
export interface LambdaRouteAuthorization {
  readonly type: 'CUSTOM';
  /** The authorizer's logical id, for messages and as its cache's name. */
  readonly authorizer: string;
  /** `Type`: TOKEN reads one header; REQUEST reads any identity sources and gets the whole request. */
  readonly authorizerType: 'TOKEN' | 'REQUEST';
  /** The deployed name of the function `AuthorizerUri` invokes (`<service>-<stage>-<function>`), as offline's Lambda knows it. */
  readonly functionName: string;
  /**
   * `IdentitySource`, split at its commas: `method.request.header.<Name>`,
   * `method.request.querystring.<name>`, `stageVariables.<name>`, `context.<name>`. A TOKEN
   * authorizer has exactly one header; a REQUEST authorizer without caching may have none.
   */
  readonly identitySources: readonly string[];
  /** `IdentityValidationExpression` (TOKEN only): a token that does not match is refused with 401 before the function runs. */
  readonly identityValidationExpression?: string;
  /** `AuthorizerResultTtlInSeconds` (API Gateway's default 300; 0 turns caching off). */
  readonly resultTtlSeconds: number;
}

/** API Gateway's default authorizer result TTL (https://docs.aws.amazon.com/apigateway/latest/api/API_Authorizer.html). */
const DEFAULT_RESULT_TTL_SECONDS = 300;
const TOKEN_SOURCE = /^method\.request\.header\.[^\s,]+$/;
/** A REQUEST authorizer's identity sources: headers, query strings, stage variables, context variables. */
const REQUEST_SOURCE = /^(method\.request\.(header|querystring)\.[^\s,]+|stageVariables\.[^\s,]+|context\.[^\s,]+)$/;

/** The authorization of a method whose `AuthorizerId` names the `AWS::ApiGateway::Authorizer` `authorizerId` (its properties resolved to local values). */
export function lambdaRouteAuthorization(
  authorizerId: string,
  settings: Readonly<Record<string, unknown>>,
  functions: ServiceFunctionArns,
): LambdaRouteAuthorization {
  const type = settings.Type;
  if (type !== 'TOKEN' && type !== 'REQUEST') {
    throw new LocalStackTemplateError(
      `its method is CUSTOM but its authorizer ${authorizerId} is of Type ${JSON.stringify(settings.Type)}: a Lambda authorizer is TOKEN or REQUEST (a COGNITO_USER_POOLS authorizer goes with AuthorizationType COGNITO_USER_POOLS).`,
    );
  }
  const functionName = authorizerFunctionName(settings.AuthorizerUri, functions, authorizerId);
  const resultTtl = resultTtlSeconds(settings.AuthorizerResultTtlInSeconds, DEFAULT_RESULT_TTL_SECONDS, authorizerId);
  const identitySources = splitSources(settings.IdentitySource, authorizerId);
  if (type === 'TOKEN') {
    if (identitySources.length !== 1 || !TOKEN_SOURCE.test(identitySources[0]!)) {
      throw new LocalStackTemplateError(
        `its TOKEN authorizer ${authorizerId} reads ${JSON.stringify(settings.IdentitySource ?? null)}; a TOKEN authorizer reads its token from exactly one header ` +
          '(`identitySource: method.request.header.<Name>`; API Gateway requires it). Use `type: request` to read several values.',
      );
    }
    const expression = settings.IdentityValidationExpression;
    if (expression !== undefined && expression !== null && expression !== '') {
      try {
        new RegExp(String(expression));
      } catch {
        throw new LocalStackTemplateError(
          `its TOKEN authorizer ${authorizerId} has the identityValidationExpression ${JSON.stringify(expression)}, which is not a regular expression.`,
        );
      }
      return {
        type: 'CUSTOM',
        authorizer: authorizerId,
        authorizerType: type,
        functionName,
        identitySources,
        identityValidationExpression: String(expression),
        resultTtlSeconds: resultTtl,
      };
    }
    return { type: 'CUSTOM', authorizer: authorizerId, authorizerType: type, functionName, identitySources, resultTtlSeconds: resultTtl };
  }
  const invalid = identitySources.find((source) => !REQUEST_SOURCE.test(source));
  if (invalid !== undefined) {
    throw new LocalStackTemplateError(
      `its REQUEST authorizer ${authorizerId} reads ${invalid}; a REQUEST authorizer's identity sources are method.request.header.<Name>, ` +
        'method.request.querystring.<name>, stageVariables.<name> or context.<name>, separated by commas.',
    );
  }
  if (resultTtl > 0 && identitySources.length === 0) {
    throw new LocalStackTemplateError(
      `its REQUEST authorizer ${authorizerId} caches its results (AuthorizerResultTtlInSeconds ${resultTtl}) but has no identity source to key them by; ` +
        'API Gateway requires one when caching is on. Set `identitySource`, or `resultTtlInSeconds: 0`.',
    );
  }
  // "The validation expression does not apply to the REQUEST authorizer" (API_Authorizer.html): ignored, as on AWS.
  return { type: 'CUSTOM', authorizer: authorizerId, authorizerType: type, functionName, identitySources, resultTtlSeconds: resultTtl };
}

/** `IdentitySource`: a comma-separated string of mapping expressions, each trimmed; absent or empty is none. */
function splitSources(value: unknown, authorizerId: string): string[] {
  if (value === undefined || value === null || value === '') return [];
  if (typeof value !== 'string') {
    throw new LocalStackTemplateError(
      `its authorizer ${authorizerId} has the IdentitySource ${JSON.stringify(value)}; a REST authorizer's IdentitySource is one comma-separated string.`,
    );
  }
  const sources = value.split(',').map((source) => source.trim());
  if (sources.some((source) => source === '')) {
    throw new LocalStackTemplateError(`its authorizer ${authorizerId} has an empty entry in its IdentitySource ${JSON.stringify(value)}.`);
  }
  return sources;
}
