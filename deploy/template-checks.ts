/** A resource of the CloudFormation template that `serverless package` writes. */
interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, any>;
  readonly DependsOn?: string | string[];
}

export interface CfnTemplate {
  readonly Resources: Record<string, CfnResource>;
  readonly Outputs?: Record<string, unknown>;
}

/** What must hold of the API for every AWS stage: method → the authorization it must have. */
export const API_CONTRACT: Readonly<Record<string, 'NONE' | 'COGNITO_USER_POOLS'>> = {
  'GET /api/helloWorld': 'NONE',
  'GET /api/helloWorldSecured': 'COGNITO_USER_POOLS',
};

/** The Outputs the web client's config is made from. */
export const REQUIRED_OUTPUTS = ['UserPoolId', 'UserPoolClientId', 'ApiUrl'];

/** What only exists on this machine and must never reach AWS. */
const LOCAL_ONLY = ['127.0.0.1', 'localhost', '_dev/inbox', 'cognito-local', 'CognitoLocal', 'local-stack-plugin', 'auth-provider', 'LOCAL_DATA_DIR', 'COGNITO_PORT'];

/**
 * Problems with a packaged prod stack, each saying what is wrong and where to fix it; none
 * means the template is what the app needs on AWS. `bundledFiles` lists the package's zip.
 */
export function templateProblems(template: CfnTemplate, bundledFiles: readonly string[]): string[] {
  const problems: string[] = [];
  const resources = template.Resources;
  const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);

  const methods = new Map(
    ofType('AWS::ApiGateway::Method').map(([, method]) => [`${method.Properties!.HttpMethod} ${resourcePath(resources, method.Properties!.ResourceId)}`, method]),
  );
  for (const [route, authorization] of Object.entries(API_CONTRACT)) {
    const method = methods.get(route);
    if (!method) {
      problems.push(`${route} is missing from the API: add its function and http event in serverless.yml.`);
      continue;
    }
    const actual = method.Properties!.AuthorizationType ?? 'NONE';
    if (actual !== authorization) {
      problems.push(
        authorization === 'NONE'
          ? `${route} must be public but uses ${actual}: remove the authorizer from its http event in serverless.yml.`
          : `${route} must use the Cognito user pool authorizer but uses ${actual}: give its http event \`authorizer: { type: COGNITO_USER_POOLS, arn: { Fn::GetAtt: [CognitoUserPool, Arn] } }\` in serverless.yml.`,
      );
    } else if (authorization === 'COGNITO_USER_POOLS') {
      problems.push(...authorizerProblems(route, resources, method.Properties!.AuthorizerId));
    }
  }

  for (const [id, client] of ofType('AWS::Cognito::UserPoolClient')) {
    if (client.Properties?.GenerateSecret) problems.push(`${id} has GenerateSecret: true; a browser client cannot keep a secret. Set it to false in serverless.yml.`);
    const flows: string[] = client.Properties?.ExplicitAuthFlows ?? [];
    for (const flow of ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']) {
      if (!flows.includes(flow)) problems.push(`${id} does not allow ${flow}, which the web client uses: add it to ExplicitAuthFlows in serverless.yml.`);
    }
  }

  const gatewayResponses = ofType('AWS::ApiGateway::GatewayResponse');
  for (const type of ['DEFAULT_4XX', 'DEFAULT_5XX']) {
    if (!gatewayResponses.some(([, response]) => response.Properties?.ResponseType === type)) {
      problems.push(`No ${type} GatewayResponse: the browser could not read the API's ${type.slice(-3)} errors. Add it to serverless.yml resources.`);
    }
  }
  for (const [id, deployment] of ofType('AWS::ApiGateway::Deployment')) {
    const dependsOn = [deployment.DependsOn ?? []].flat();
    const missing = gatewayResponses.map(([responseId]) => responseId).filter((responseId) => !dependsOn.includes(responseId));
    if (missing.length > 0) problems.push(`${id} does not depend on ${missing.join(', ')}: is deploy/deploy-plugin.cjs still in serverless.yml's plugins?`);
  }

  for (const output of REQUIRED_OUTPUTS) {
    if (!template.Outputs?.[output]) problems.push(`Output ${output} is missing: the web client's config needs it (serverless.yml resources.Outputs).`);
  }

  const text = JSON.stringify(template);
  for (const marker of LOCAL_ONLY) {
    if (text.includes(marker)) problems.push(`The template mentions "${marker}", which only exists locally: keep it out of the AWS stages.`);
  }

  for (const [id, fn] of ofType('AWS::Lambda::Function')) {
    const handler: string = fn.Properties?.Handler ?? '';
    // Lambda's Node.js runtime looks for the handler's module as .js, .mjs or .cjs.
    const module = handler.slice(0, handler.lastIndexOf('.'));
    if (!['.js', '.mjs', '.cjs'].some((extension) => bundledFiles.includes(module + extension))) {
      problems.push(`${id}: its handler ${handler} has no bundle (${module}.js, .mjs or .cjs) in the package.`);
    }
  }
  for (const file of bundledFiles) {
    if (!file.startsWith('src/')) problems.push(`The Lambda package contains ${file}, which is not Lambda code (only src/ belongs there).`);
  }
  return problems;
}

function authorizerProblems(route: string, resources: Record<string, CfnResource>, authorizerId: unknown): string[] {
  const authorizer = resources[(authorizerId as { Ref?: string } | undefined)?.Ref ?? ''];
  if (authorizer?.Type !== 'AWS::ApiGateway::Authorizer' || authorizer.Properties?.Type !== 'COGNITO_USER_POOLS') {
    return [`${route}: its authorizer is not a COGNITO_USER_POOLS authorizer of this stack.`];
  }
  const providers: unknown[] = authorizer.Properties.ProviderARNs ?? [];
  const ownPool = providers.some((arn) => {
    const getAtt = (arn as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'];
    return getAtt?.[1] === 'Arn' && resources[getAtt[0]]?.Type === 'AWS::Cognito::UserPool';
  });
  return ownPool ? [] : [`${route}: its authorizer must name this stack's user pool (arn: { Fn::GetAtt: [CognitoUserPool, Arn] }), not ${JSON.stringify(providers)}.`];
}

/** `/api/helloWorld` for a method's ResourceId, following the resources' ParentId up to the root. */
function resourcePath(resources: Record<string, CfnResource>, resourceId: unknown): string {
  const parts: string[] = [];
  let ref = (resourceId as { Ref?: string } | undefined)?.Ref;
  while (ref && resources[ref]?.Type === 'AWS::ApiGateway::Resource') {
    const properties = resources[ref]!.Properties!;
    parts.unshift(properties.PathPart);
    ref = (properties.ParentId as { Ref?: string } | undefined)?.Ref;
  }
  return `/${parts.join('/')}`;
}
