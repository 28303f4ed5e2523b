// Runs the real `serverless package --stage prod` (offline, in parallel) on edited copies of
// serverless.yml, as a team adopting the starter would edit it: the checks must follow the
// app serverless.yml describes, and serverless must compile it as the checks assume.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { checkDeploy } from './check-deploy.ts';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const starterText = readFileSync(path.join(root, 'serverless.yml'), 'utf8');

type Config = Record<string, any>;
const cognito = (extra: object = {}) => ({
  name: 'cognitoUserPool',
  type: 'COGNITO_USER_POOLS',
  arn: { 'Fn::GetAtt': ['CognitoUserPool', 'Arn'] },
  ...extra,
});
const fn = (handler: string, ...events: object[]) => ({ handler: `src/functions/${handler}.handler`, events });
const OTHER_POOL = 'arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Other1';

/**
 * Packages serverless.yml as `edit` changes it (checkDeploy writes it into its own copy of the
 * service folder). API_PORT=nope would stop the local emulation's config: packaging must never load it.
 */
async function checkEdited(name: string, edit: (config: Config) => Config | void) {
  const starter = YAML.parse(starterText) as Config;
  const config = edit(starter) ?? starter;
  return checkDeploy({ config: { file: `serverless.${name}.yml`, text: YAML.stringify(config) }, env: { API_PORT: 'nope' } });
}

describe.concurrent('check:deploy on edited copies of serverless.yml', { timeout: 90_000 }, () => {
  it("passes a team's own routes, a server-side client with a secret, and pools of other stacks", async () => {
    const { failure, problems, notes } = await checkEdited('own-app', (config) => {
      config.functions = {
        orders: fn('hello-world-secured', {
          http: { path: 'orders/{id}', method: 'post', cors: true, authorizer: cognito({ scopes: ['aws.cognito.signin.user.admin'] }) },
        }),
        status: fn('hello-world', { http: { path: 'status', method: 'get', cors: true } }),
        partner: fn('hello-world-secured', {
          http: { path: 'partner', method: 'get', authorizer: cognito({ name: 'partnerPool', arn: OTHER_POOL }) },
        }),
        sso: fn('hello-world-secured', {
          http: { path: 'sso', method: 'get', authorizer: cognito({ name: 'ssoPool', arn: '${cf:auth-stack.UserPoolArn}' }) },
        }),
        shared: fn('hello-world-secured', {
          http: { path: 'shared', method: 'put', authorizer: { type: 'COGNITO_USER_POOLS', authorizerId: { Ref: 'SharedAuthorizer' } } },
        }),
      };
      // One authorizer declared once for several methods, as an AWS::ApiGateway::Authorizer of its own.
      config.resources.Resources.SharedAuthorizer = {
        Type: 'AWS::ApiGateway::Authorizer',
        Properties: {
          Name: 'shared',
          Type: 'COGNITO_USER_POOLS',
          IdentitySource: 'method.request.header.X-Auth-Token',
          RestApiId: { Ref: 'ApiGatewayRestApi' },
          ProviderARNs: [{ 'Fn::GetAtt': ['CognitoUserPool', 'Arn'] }],
        },
      };
      config.provider.environment = { ACCOUNT: '${aws:accountId}' };
      config.resources.Resources.ServerClient = {
        Type: 'AWS::Cognito::UserPoolClient',
        Properties: {
          UserPoolId: { Ref: 'CognitoUserPool' },
          GenerateSecret: true,
          ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        },
      };
    });
    expect(failure).toBeUndefined();
    expect(problems).toEqual([]);
    expect(notes).toEqual([
      `GET /partner (function partner) trusts the user pool ${OTHER_POOL} of another stack.`,
      'GET /sso (function sso) trusts the user pool "unresolved(cf:auth-stack.UserPoolArn)", read from AWS at deploy time (not checked).',
      'Not checked: ${aws:accountId}, ${cf:auth-stack.UserPoolArn} (read from AWS at deploy time; check:deploy packages without credentials).',
    ]);
  });

  it("passes cognitoUserPool triggers on the stack's pool, with and without existing: true", async () => {
    const { failure, problems, template } = await checkEdited('triggers', (config) => {
      // serverless attaches a trigger to the pool CognitoUserPool<pool>: the pool resource takes that name.
      const renamed = JSON.parse(JSON.stringify(config).replaceAll('"CognitoUserPool"', '"CognitoUserPoolUsers"')) as Config;
      const { CognitoUserPoolUsers, ...others } = renamed.resources.Resources;
      renamed.resources.Resources = { CognitoUserPoolUsers, ...others };
      renamed.functions.preSignUp = fn('hello-world', { cognitoUserPool: { pool: 'Users', trigger: 'PreSignUp' } });
      renamed.functions.postConfirmation = fn('hello-world', {
        cognitoUserPool: { pool: '${self:service}-${sls:stage}-user-pool', trigger: 'PostConfirmation', existing: true },
      });
      return renamed;
    });
    expect(failure).toBeUndefined();
    expect(problems).toEqual([]);
    const resources = template!.Resources;
    expect(resources.CognitoUserPoolUsers!.Properties!.LambdaConfig).toEqual({
      PreSignUp: { 'Fn::GetAtt': ['PreSignUpLambdaFunction', 'Arn'] },
    });
    expect(resources.PostConfirmationCustomCognitoUserPool1!.DependsOn).toContain('CognitoUserPoolUsers');
  });

  it('checks a LambdaConfig written on the pool against the permissions Cognito needs to invoke its functions', async () => {
    const arnOf = (fn: string) => ({ 'Fn::GetAtt': [fn, 'Arn'] });
    const { failure, problems, template } = await checkEdited('lambda-config', (config) => {
      config.functions.preSignUp = fn('hello-world');
      config.functions.tokens = fn('hello-world');
      config.resources.Resources.CognitoUserPool.Properties.LambdaConfig = {
        PreSignUp: arnOf('PreSignUpLambdaFunction'),
        PreTokenGenerationConfig: { LambdaArn: arnOf('TokensLambdaFunction'), LambdaVersion: 'V2_0' },
      };
      config.resources.Resources.PreSignUpCognitoPermission = {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          Action: 'lambda:InvokeFunction',
          FunctionName: arnOf('PreSignUpLambdaFunction'),
          Principal: 'cognito-idp.amazonaws.com',
          SourceArn: arnOf('CognitoUserPool'),
        },
      };
    });
    expect(failure).toBeUndefined();
    expect((template!.Resources.CognitoUserPool!.Properties!.LambdaConfig as Record<string, unknown>).PreTokenGenerationConfig).toEqual({
      LambdaArn: arnOf('TokensLambdaFunction'),
      LambdaVersion: 'V2_0',
    });
    expect(problems).toEqual([
      expect.stringMatching(
        /^CognitoUserPool\.LambdaConfig runs TokensLambdaFunction \(PreTokenGenerationConfig\), but no AWS::Lambda::Permission lets Cognito invoke it/,
      ),
    ]);
  });

  it("passes httpApi routes with a JWT authorizer on the stack's pool, and fails one whose issuer is not a pool's", async () => {
    const withHttpApi = (issuerUrl: unknown) => (config: Config) => {
      config.provider.httpApi = {
        cors: true,
        payload: '1.0',
        authorizers: {
          cognito: {
            type: 'jwt',
            identitySource: '$request.header.Authorization',
            issuerUrl,
            audience: [{ Ref: 'CognitoUserPoolClient' }],
          },
        },
      };
      config.functions.httpHello = fn('hello-world', { httpApi: 'GET /http/hello' }, { httpApi: '*' });
      config.functions.httpSecured = fn('hello-world-secured', {
        httpApi: { method: 'post', path: '/http/items/{id}', authorizer: { name: 'cognito', scopes: ['aws.cognito.signin.user.admin'] } },
      });
    };
    const [passing, failing] = await Promise.all([
      checkEdited('http-api', withHttpApi({ 'Fn::GetAtt': ['CognitoUserPool', 'ProviderURL'] })),
      checkEdited('http-api-provider-name', withHttpApi({ 'Fn::GetAtt': ['CognitoUserPool', 'ProviderName'] })),
    ]);
    expect(passing.failure).toBeUndefined();
    expect(passing.problems).toEqual([]);
    expect(passing.template!.Resources.HttpApiRoutePostHttpItemsIdVar!.Properties).toMatchObject({
      RouteKey: 'POST /http/items/{id}',
      AuthorizationType: 'JWT',
      AuthorizerId: { Ref: 'HttpApiAuthorizerCognito' },
      AuthorizationScopes: ['aws.cognito.signin.user.admin'],
    });
    expect(failing.problems).toEqual([
      expect.stringContaining(
        'POST /http/items/{id} (httpApi, function httpSecured): its JWT authorizer HttpApiAuthorizerCognito trusts the issuer {"Fn::GetAtt":["CognitoUserPool","ProviderName"]}, which is not the issuer of a user pool',
      ),
    ]);
  });

  it("passes serverless's own Lambda authorizers (REST and HTTP API), and flags one of resources that API Gateway may not invoke", async () => {
    const { failure, problems } = await checkEdited('lambda-authorizers', (config) => {
      config.provider.httpApi = {
        authorizers: {
          simple: {
            type: 'request',
            functionName: 'auth',
            enableSimpleResponses: true,
            identitySource: ['$request.header.Authorization'],
            resultTtlInSeconds: 300,
          },
        },
      };
      config.functions = {
        auth: { handler: 'src/functions/hello-world.handler' },
        guard: { handler: 'src/functions/hello-world.handler' },
        token: fn('hello-world', {
          http: {
            path: 'token',
            method: 'get',
            authorizer: {
              name: 'auth',
              type: 'token',
              identitySource: 'method.request.header.X-Token',
              identityValidationExpression: '^Bearer .+$',
              resultTtlInSeconds: 60,
            },
          },
        }),
        request: fn('hello-world', {
          http: {
            path: 'request',
            method: 'get',
            authorizer: {
              name: 'reqAuth',
              arn: { 'Fn::GetAtt': ['AuthLambdaFunction', 'Arn'] },
              type: 'request',
              identitySource: 'method.request.header.Authorization, method.request.querystring.tenant',
              resultTtlInSeconds: 0,
            },
          },
        }),
        mine: fn('hello-world', {
          http: { path: 'mine', method: 'get', authorizer: { type: 'CUSTOM', authorizerId: { Ref: 'MyAuthorizer' } } },
        }),
        simple: fn('hello-world', { httpApi: { method: 'get', path: '/simple', authorizer: { name: 'simple' } } }),
      };
      config.resources.Resources.MyAuthorizer = {
        Type: 'AWS::ApiGateway::Authorizer',
        Properties: {
          Name: 'mine',
          Type: 'REQUEST',
          RestApiId: { Ref: 'ApiGatewayRestApi' },
          IdentitySource: 'method.request.header.Authorization',
          AuthorizerUri: {
            'Fn::Join': [
              '',
              [
                'arn:aws:apigateway:',
                { Ref: 'AWS::Region' },
                ':lambda:path/2015-03-31/functions/',
                { 'Fn::GetAtt': ['GuardLambdaFunction', 'Arn'] },
                '/invocations',
              ],
            ],
          },
        },
      };
    });
    expect(failure).toBeUndefined();
    expect(problems).toEqual([
      expect.stringMatching(
        /^MyAuthorizer \(the REST API's Lambda authorizer\): no AWS::Lambda::Permission lets API Gateway \(apigateway\.amazonaws\.com\) invoke its function GuardLambdaFunction,.*MyAuthorizerLambdaPermission:.*FunctionName: !GetAtt GuardLambdaFunction\.Arn/s,
      ),
    ]);
  });

  it("passes a team's auth stack: a pool and triggers, no API, none of the web client's Outputs, and the Serverless Dashboard's org/app", async () => {
    const { failure, problems, notes } = await checkEdited('auth-stack', (config) => {
      config.org = 'some-team';
      config.app = 'some-app';
      config.functions = { preSignUp: fn('hello-world', { cognitoUserPool: { pool: 'Users', trigger: 'PreSignUp' } }) };
      const { CognitoUserPool, CognitoUserPoolClient, CognitoUserPoolDomain } = config.resources.Resources;
      const ofUsers = (resource: Record<string, any>) => ({
        ...resource,
        Properties: { ...resource.Properties, UserPoolId: { Ref: 'CognitoUserPoolUsers' } },
      });
      config.resources = {
        Resources: {
          CognitoUserPoolUsers: CognitoUserPool,
          // The starter's client, with its hosted UI: its domain comes along.
          CognitoUserPoolClient: ofUsers(CognitoUserPoolClient),
          CognitoUserPoolDomain: ofUsers(CognitoUserPoolDomain),
        },
      };
    });
    expect(failure).toBeUndefined();
    expect(problems).toEqual([]);
    expect(notes).toEqual([
      'Not checked: the Serverless Dashboard (org/app some-team/some-app): checked without it, as it needs a login; npm run deploy packages with it.',
      expect.stringContaining('Not checked: the web client (web/)'),
    ]);
  });

  it('refuses two routes that share an authorizer name with different settings, at package time', async () => {
    const { failure } = await checkEdited('shared-name', (config) => {
      config.functions.admin = fn('hello-world-secured', {
        http: { path: 'api/admin', method: 'get', authorizer: cognito({ identitySource: 'method.request.header.X-Admin-Token' }) },
      });
    });
    expect(failure).toContain(
      'GET /api/helloWorldSecured (function helloWorldSecured) and GET /api/admin (function admin) share the authorizer name "cognitoUserPool" but set identitySource differently ("method.request.header.Authorization" vs "method.request.header.X-Admin-Token").',
    );
    expect(failure).toContain("Give each http event's authorizer its own name in serverless.yml, or make these settings equal.");
  });
});
