import { authorizerFunctionName, resultTtlSeconds, type ServiceFunctionArns } from './authorizer-function.ts';
import type { HttpLambdaAuthorization } from './http-api.ts';
import { LocalStackTemplateError } from './template.ts';

// An HTTP API route's Lambda (REQUEST) authorizer, read off its AWS::ApiGatewayV2::Authorizer with the
// rules API Gateway applies when CloudFormation creates it:
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html and
// https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-authorizers.html

/**
 * Without `AuthorizerResultTtlInSeconds` the reference states no default; serverless leaves it out
 * (and allows no identity source) unless `resultTtlInSeconds` is set, and such an authorizer
 * deploys, which caching would forbid: 0, caching off (README, "Differences from AWS").
 */
const DEFAULT_RESULT_TTL_SECONDS = 0;
/** The identity sources of an HTTP API Lambda authorizer ("Identity sources", http-api-lambda-authorizer.html). */
const SOURCE = /^(\$request\.(header|querystring)\.[^\s,]+|\$context\.[^\s,]+|\$stageVariables\.[^\s,]+)$/;

/** The authorization of a route whose `AuthorizerId` names the REQUEST authorizer `authorizerId` (its properties resolved to local values). */
export function httpLambdaAuthorization(
  authorizerId: string,
  settings: Readonly<Record<string, unknown>>,
  functions: ServiceFunctionArns,
): HttpLambdaAuthorization {
  if (settings.AuthorizerType !== 'REQUEST') {
    throw new LocalStackTemplateError(
      `its route is CUSTOM but its authorizer ${authorizerId} is of AuthorizerType ${JSON.stringify(settings.AuthorizerType)}: an HTTP API Lambda authorizer is REQUEST (a JWT authorizer goes with AuthorizationType JWT).`,
    );
  }
  const functionName = authorizerFunctionName(settings.AuthorizerUri, functions, authorizerId);
  const payloadFormatVersion = settings.AuthorizerPayloadFormatVersion;
  if (payloadFormatVersion !== '1.0' && payloadFormatVersion !== '2.0') {
    throw new LocalStackTemplateError(
      `its Lambda authorizer ${authorizerId} has AuthorizerPayloadFormatVersion ${JSON.stringify(payloadFormatVersion ?? null)}; ` +
        'API Gateway requires "1.0" or "2.0" for an HTTP API Lambda authorizer (`payloadVersion` in serverless.yml).',
    );
  }
  const simple = settings.EnableSimpleResponses;
  if (simple !== undefined && simple !== null && typeof simple !== 'boolean') {
    throw new LocalStackTemplateError(
      `its Lambda authorizer ${authorizerId} has EnableSimpleResponses ${JSON.stringify(simple)}; it is true or false.`,
    );
  }
  if (simple === true && payloadFormatVersion !== '2.0') {
    throw new LocalStackTemplateError(
      `its Lambda authorizer ${authorizerId} enables simple responses with payload format 1.0; API Gateway allows simple responses only with "2.0" ` +
        '(`payloadVersion: "2.0"`, or leave out `enableSimpleResponses` and answer with an IAM policy).',
    );
  }
  const sources = settings.IdentitySource ?? [];
  if (!Array.isArray(sources) || sources.some((source) => typeof source !== 'string')) {
    throw new LocalStackTemplateError(
      `its Lambda authorizer ${authorizerId} has the IdentitySource ${JSON.stringify(sources)}; an HTTP API authorizer's IdentitySource is a list.`,
    );
  }
  const invalid = sources.find((source) => !SOURCE.test(source));
  if (invalid !== undefined) {
    throw new LocalStackTemplateError(
      `its Lambda authorizer ${authorizerId} reads ${JSON.stringify(invalid)}; its identity sources are $request.header.<name>, $request.querystring.<name>, ` +
        '$context.<variable> or $stageVariables.<name>, each an entry of the list.',
    );
  }
  const resultTtl = resultTtlSeconds(settings.AuthorizerResultTtlInSeconds, DEFAULT_RESULT_TTL_SECONDS, authorizerId);
  if (resultTtl > 0 && sources.length === 0) {
    throw new LocalStackTemplateError(
      `its Lambda authorizer ${authorizerId} caches its results (AuthorizerResultTtlInSeconds ${resultTtl}) but has no identity source to key them by; ` +
        'API Gateway requires at least one to enable caching. Set `identitySource`, or `resultTtlInSeconds: 0`.',
    );
  }
  return {
    type: 'LAMBDA',
    authorizer: authorizerId,
    functionName,
    identitySources: sources as string[],
    payloadFormatVersion,
    simpleResponses: simple === true,
    resultTtlSeconds: resultTtl,
  };
}
