import { COGNITO_PROVISIONERS, type Provisioner } from './cognito-provisioners.ts';
import type { CfnResource } from './template.ts';

/** The values a stack's pseudo parameters and made-up ARNs take locally. */
export interface LocalAccount {
  readonly region: string;
  readonly accountId: string;
  readonly stackName: string;
  /** The local id of the REST API serverless generates: its execute-api URL is rewritten to the local API. */
  readonly restApiId: string;
  /** The local id of the HTTP API serverless generates (`HttpApi`): its execute-api URL too. */
  readonly httpApiId: string;
}

/** How the local stage treats a resource of the template. */
export type LocalTreatment =
  | { readonly kind: 'provisioned'; readonly provisioner: Provisioner }
  /** Nothing to create: serverless-offline (with our emulation) serves it, or it only matters on AWS. */
  | { readonly kind: 'known'; readonly ref: string; readonly attributes: Readonly<Record<string, string>> }
  | { readonly kind: 'refused'; readonly why: string };

/**
 * What the local stage does with each resource type: Cognito resources are created in the
 * emulator (serverless's `Custom::CognitoUserPool` attaches its triggers there); API Gateway and Lambda resources are what serverless-offline serves; IAM, logs and
 * serverless's deployment bucket only matter on AWS (IAM is not enforced locally: README). Any
 * other type is refused, by name, unless `custom.localStack.notEmulated` lists it.
 */
export function localTreatment(logicalId: string, resource: CfnResource, account: LocalAccount): LocalTreatment {
  const provisioner = COGNITO_PROVISIONERS[resource.Type];
  if (provisioner) return { kind: 'provisioned', provisioner };
  const { region, accountId } = account;
  const arn = (service: string, resourcePath: string) => `arn:aws:${service}:${region}:${accountId}:${resourcePath}`;
  const properties = resource.Properties ?? {};
  switch (resource.Type) {
    case 'AWS::ApiGateway::RestApi':
      if (logicalId !== 'ApiGatewayRestApi')
        return refused(logicalId, resource, 'serverless-offline serves only the REST API that serverless generates (ApiGatewayRestApi)');
      return known(account.restApiId, { RootResourceId: 'root' });
    case 'AWS::ApiGateway::Authorizer':
      // A Lambda (TOKEN/REQUEST) authorizer is checked with each method it guards (lambda-route-authorization.ts), by name.
      if (!['COGNITO_USER_POOLS', 'TOKEN', 'REQUEST'].includes(String(properties.Type))) {
        return refused(
          logicalId,
          resource,
          `it is a ${String(properties.Type)} authorizer; API Gateway's authorizers are COGNITO_USER_POOLS, TOKEN or REQUEST`,
        );
      }
      return known(logicalId.toLowerCase().slice(0, 10), {});
    case 'AWS::ApiGatewayV2::Api':
    case 'AWS::ApiGatewayV2::Stage':
    case 'AWS::ApiGatewayV2::Integration':
    case 'AWS::ApiGatewayV2::Route':
    case 'AWS::ApiGatewayV2::Authorizer':
      return httpApiTreatment(logicalId, resource, account);
    case 'AWS::ApiGateway::Resource':
    case 'AWS::ApiGateway::Method':
    case 'AWS::ApiGateway::Deployment':
    case 'AWS::ApiGateway::GatewayResponse':
    case 'AWS::Lambda::Permission':
    case 'AWS::Lambda::Version':
    case 'AWS::Logs::LogGroup':
      return known(logicalId, {});
    case 'AWS::Lambda::Function': {
      const name = String(properties.FunctionName ?? logicalId);
      return known(name, { Arn: arn('lambda', `function:${name}`) });
    }
    case 'AWS::IAM::Role':
      return known(logicalId, { Arn: `arn:aws:iam::${accountId}:role/${logicalId}`, RoleId: logicalId });
    case 'AWS::IAM::Policy':
    case 'AWS::IAM::ManagedPolicy':
      return known(logicalId, {});
    case 'AWS::S3::Bucket':
    case 'AWS::S3::BucketPolicy':
      // serverless's own bucket for the deployment artifacts.
      if (logicalId.startsWith('ServerlessDeploymentBucket'))
        return known(logicalId.toLowerCase(), { Arn: `arn:aws:s3:::${logicalId.toLowerCase()}` });
      return refused(logicalId, resource, 'no S3 stands in for it locally');
    case 'AWS::Cognito::ManagedLoginBranding':
    case 'AWS::Cognito::UserPoolUICustomizationAttachment':
      // The local managed login serves the classic hosted UI's pages and form ids, unstyled (README).
      return refused(logicalId, resource, "the managed login's branding and CSS are not emulated: the local pages keep their plain look");
    default:
      return refused(logicalId, resource, 'nothing stands in for it locally');
  }
}

/**
 * Properties of resources the local stage creates but cannot honour, and what each would change:
 * refused, unless `custom.localStack.notEmulated` lists `<id>.<Property>`.
 */
const NOT_HONOURED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'AWS::Cognito::UserPool': {
    AliasAttributes: 'signing in with an alias is not emulated; UsernameAttributes is',
  },
};

/** The properties of `resource` the local stage would silently ignore, each as a refusal, keyed `<id>.<Property>`. */
export function notHonoured(logicalId: string, resource: CfnResource): { key: string; why: string }[] {
  const table = NOT_HONOURED[resource.Type] ?? {};
  return Object.entries(table)
    .filter(([property]) => resource.Properties?.[property] !== undefined)
    .map(([property, why]) => ({
      key: `${logicalId}.${property}`,
      why: `${logicalId}.Properties.${property} (${resource.Type}): ${why}.`,
    }));
}

/** The HTTP API serverless generates for `httpApi` events (serverless's naming `getHttpApiLogicalId`). */
const HTTP_API = 'HttpApi';

/**
 * serverless's HTTP API: the API, its `$default` stage, its Lambda proxy integrations, routes and
 * JWT authorizers, which the local API serves (local/cloudformation/http-api-routes.ts reads
 * them). What serverless-offline cannot serve as API Gateway v2 would is refused.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigatewayv2-api.html#aws-resource-apigatewayv2-api-return-values
 */
function httpApiTreatment(logicalId: string, resource: CfnResource, account: LocalAccount): LocalTreatment {
  const properties = resource.Properties ?? {};
  if (resource.Type === 'AWS::ApiGatewayV2::Api') {
    if (logicalId !== HTTP_API)
      return refused(logicalId, resource, `serverless-offline serves only the HTTP API that serverless generates (${HTTP_API})`);
    if (properties.ProtocolType !== 'HTTP')
      return refused(logicalId, resource, `it is a ${String(properties.ProtocolType)} API; the local stage serves HTTP APIs only`);
    const endpoint = `https://${account.httpApiId}.execute-api.${account.region}.amazonaws.com`;
    return known(account.httpApiId, { ApiEndpoint: endpoint, ApiId: account.httpApiId });
  }
  if ((properties.ApiId as { Ref?: unknown } | undefined)?.Ref !== HTTP_API) {
    return refused(
      logicalId,
      resource,
      `it belongs to the HTTP API ${JSON.stringify(properties.ApiId)}, made outside this stack (provider.httpApi.id); the local stage serves only the HTTP API serverless generates (${HTTP_API})`,
    );
  }
  switch (resource.Type) {
    case 'AWS::ApiGatewayV2::Stage':
      if (properties.StageName !== '$default')
        return refused(
          logicalId,
          resource,
          'serverless-offline serves HTTP API routes on the `$default` stage only, as serverless deploys them',
        );
      return known('$default', {});
    case 'AWS::ApiGatewayV2::Integration':
      if (properties.IntegrationType !== 'AWS_PROXY')
        return refused(
          logicalId,
          resource,
          `it is an ${String(properties.IntegrationType)} integration; the local stage serves Lambda proxy (AWS_PROXY) integrations only`,
        );
      // Its id is its logical id: a route's `Target` (`integrations/<id>`) names it.
      return known(logicalId, { IntegrationId: logicalId });
    case 'AWS::ApiGatewayV2::Authorizer':
      // A Lambda (REQUEST) authorizer is checked with each route it guards (http-lambda-authorization.ts), by name.
      if (properties.AuthorizerType !== 'JWT' && properties.AuthorizerType !== 'REQUEST')
        return refused(
          logicalId,
          resource,
          `it is a ${String(properties.AuthorizerType)} authorizer; the local stage emulates JWT and Lambda (REQUEST) authorizers`,
        );
      return known(logicalId.toLowerCase(), { AuthorizerId: logicalId.toLowerCase() });
    default:
      return known(logicalId, { RouteId: logicalId });
  }
}

function known(ref: string, attributes: Record<string, string>): LocalTreatment {
  return { kind: 'known', ref, attributes };
}

function refused(logicalId: string, resource: CfnResource, why: string): LocalTreatment {
  return { kind: 'refused', why: `${logicalId} (${resource.Type}): ${why}.` };
}
