import { describe, expect, it } from 'vitest';
import type { LambdaPackage } from './bundle-checks.ts';
import { triggersOf } from './cognito-triggers.ts';
import { placeholderFor } from './offline-placeholders.ts';
import { httpApiRoutesOf, type HttpApiConfig } from '../local/serverless/service-http-api-routes.ts';
import { routesOf, type ServiceFunctions } from '../local/serverless/service-routes.ts';
import type { CfnTemplate } from '../local/cloudformation/template.ts';
import { templateFindings, type ServiceExpectations } from './template-checks.ts';

const poolArn = { 'Fn::GetAtt': ['CognitoUserPool', 'Arn'] };
const cognito = (extra: object = {}) => ({ name: 'cognitoUserPool', type: 'COGNITO_USER_POOLS', arn: poolArn, ...extra });

/** The starter's functions, as serverless.yml declares them. */
const STARTER: ServiceFunctions = {
  helloWorld: { handler: 'src/functions/hello-world.handler', events: [{ http: { path: 'api/helloWorld', method: 'get', cors: true } }] },
  helloWorldSecured: {
    handler: 'src/functions/hello-world-secured.handler',
    events: [{ http: { path: 'api/helloWorldSecured', method: 'get', cors: true, authorizer: cognito() } }],
  },
};

const service = (functions: ServiceFunctions = STARTER, unresolved: string[] = [], httpApi: HttpApiConfig = {}): ServiceExpectations => ({
  routes: routesOf(functions),
  httpApiRoutes: httpApiRoutesOf(functions, httpApi),
  triggers: triggersOf(functions),
  functions: Object.fromEntries(Object.keys(functions).map((name) => [name, `${name[0]!.toUpperCase()}${name.slice(1)}LambdaFunction`])),
  unresolved,
});

const code = (zip: string) => ({ S3Bucket: { Ref: 'ServerlessDeploymentBucket' }, S3Key: `serverless/hello-auth/prod/1-2026/${zip}` });

/** The shape of what `serverless package --stage prod` writes for the starter, trimmed. */
function prodTemplate(): { Resources: Record<string, any>; Outputs: Record<string, any> } {
  const resource = (PathPart: string, parent: unknown) => ({
    Type: 'AWS::ApiGateway::Resource',
    Properties: { PathPart, ParentId: parent },
  });
  const method = (HttpMethod: string, resourceId: string, authorization?: object) => ({
    Type: 'AWS::ApiGateway::Method',
    Properties: { HttpMethod, ResourceId: { Ref: resourceId }, AuthorizationType: 'NONE', ...authorization },
  });
  const cors = { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" };
  return {
    Resources: {
      ApiGatewayRestApi: { Type: 'AWS::ApiGateway::RestApi' },
      ApiGatewayResourceApi: resource('api', { 'Fn::GetAtt': ['ApiGatewayRestApi', 'RootResourceId'] }),
      ApiGatewayResourceApiHelloworld: resource('helloWorld', { Ref: 'ApiGatewayResourceApi' }),
      ApiGatewayResourceApiHelloworldsecured: resource('helloWorldSecured', { Ref: 'ApiGatewayResourceApi' }),
      ApiGatewayMethodApiHelloworldOptions: method('OPTIONS', 'ApiGatewayResourceApiHelloworld'),
      ApiGatewayMethodApiHelloworldGet: method('GET', 'ApiGatewayResourceApiHelloworld'),
      ApiGatewayMethodApiHelloworldsecuredGet: method('GET', 'ApiGatewayResourceApiHelloworldsecured', {
        AuthorizationType: 'COGNITO_USER_POOLS',
        AuthorizerId: { Ref: 'CognitoUserPoolApiGatewayAuthorizer' },
      }),
      CognitoUserPoolApiGatewayAuthorizer: {
        Type: 'AWS::ApiGateway::Authorizer',
        Properties: {
          Type: 'COGNITO_USER_POOLS',
          IdentitySource: 'method.request.header.Authorization',
          AuthorizerResultTtlInSeconds: 300,
          ProviderARNs: [poolArn],
        },
      },
      ApiGatewayDeployment1: {
        Type: 'AWS::ApiGateway::Deployment',
        DependsOn: ['ApiGatewayMethodApiHelloworldGet', 'GatewayResponseDefault4XX', 'GatewayResponseDefault5XX'],
      },
      CognitoUserPool: { Type: 'AWS::Cognito::UserPool', Properties: { UserPoolName: 'hello-auth-prod-user-pool' } },
      CognitoUserPoolClient: {
        Type: 'AWS::Cognito::UserPoolClient',
        Properties: {
          UserPoolId: { Ref: 'CognitoUserPool' },
          GenerateSecret: false,
          ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        },
      },
      GatewayResponseDefault4XX: {
        Type: 'AWS::ApiGateway::GatewayResponse',
        Properties: { ResponseType: 'DEFAULT_4XX', ResponseParameters: cors },
      },
      GatewayResponseDefault5XX: {
        Type: 'AWS::ApiGateway::GatewayResponse',
        Properties: { ResponseType: 'DEFAULT_5XX', ResponseParameters: cors },
      },
      HelloWorldLambdaFunction: {
        Type: 'AWS::Lambda::Function',
        Properties: { Handler: 'src/functions/hello-world.handler', Code: code('hello-auth.zip') },
      },
      HelloWorldSecuredLambdaFunction: {
        Type: 'AWS::Lambda::Function',
        Properties: { Handler: 'src/functions/hello-world-secured.handler', Code: code('hello-auth.zip') },
      },
    },
    Outputs: {
      UserPoolId: { Value: { Ref: 'CognitoUserPool' } },
      UserPoolClientId: { Value: { Ref: 'CognitoUserPoolClient' } },
      ApiUrl: { Value: 'https://…' },
    },
  };
}

const BUNDLE = [
  'src/',
  'src/functions/',
  'src/functions/hello-world.cjs',
  'src/functions/hello-world.cjs.map',
  'src/functions/hello-world-secured.cjs',
];
const app = (files = BUNDLE): LambdaPackage[] => [{ zip: 'hello-auth.zip', files }];

const problemsOf = (template: CfnTemplate, expectations = service(), packages = app()) =>
  templateFindings(template, expectations, packages).problems;

describe('templateFindings', () => {
  it('finds nothing wrong with the starter as packaged', () => {
    expect(templateFindings(prodTemplate(), service(), app())).toEqual({ problems: [], notes: [] });
  });

  describe('routes', () => {
    it('fails when a route with an authorizer in serverless.yml is deployed open', () => {
      const template = prodTemplate();
      template.Resources.ApiGatewayMethodApiHelloworldsecuredGet.Properties.AuthorizationType = 'NONE';
      expect(problemsOf(template)).toEqual([
        'GET /api/helloWorldSecured (function helloWorldSecured) declares an authorizer in serverless.yml but is deployed with NONE instead of COGNITO_USER_POOLS: look for resources or extensions in serverless.yml that change its method.',
      ]);
    });

    it('fails when a route without an authorizer is not open', () => {
      const template = prodTemplate();
      template.Resources.ApiGatewayMethodApiHelloworldGet.Properties.AuthorizationType = 'AWS_IAM';
      expect(problemsOf(template)).toEqual([
        expect.stringContaining(
          'GET /api/helloWorld (function helloWorld) has no authorizer in serverless.yml but is deployed with AWS_IAM',
        ),
      ]);
    });

    it('fails when a route of serverless.yml is not in the API', () => {
      const template = prodTemplate();
      delete template.Resources.ApiGatewayMethodApiHelloworldGet;
      expect(problemsOf(template)).toEqual([
        expect.stringContaining('GET /api/helloWorld (function helloWorld) is in serverless.yml but not in the packaged API'),
      ]);
    });

    it("checks the routes serverless.yml declares, not the starter's", () => {
      const template = prodTemplate();
      const resources = template.Resources;
      resources.ApiGatewayResourceOrders = {
        Type: 'AWS::ApiGateway::Resource',
        Properties: { PathPart: 'orders', ParentId: { 'Fn::GetAtt': ['ApiGatewayRestApi', 'RootResourceId'] } },
      };
      resources.ApiGatewayResourceOrdersIdVar = {
        Type: 'AWS::ApiGateway::Resource',
        Properties: { PathPart: '{id}', ParentId: { Ref: 'ApiGatewayResourceOrders' } },
      };
      resources.ApiGatewayMethodOrdersIdVarPost = {
        Type: 'AWS::ApiGateway::Method',
        Properties: {
          ...resources.ApiGatewayMethodApiHelloworldsecuredGet.Properties,
          HttpMethod: 'POST',
          ResourceId: { Ref: 'ApiGatewayResourceOrdersIdVar' },
        },
      };
      const functions = {
        helloWorld: STARTER.helloWorld!,
        orders: {
          handler: 'src/functions/hello-world-secured.handler',
          events: [{ http: { path: '/orders/{id}', method: 'post', authorizer: cognito() } }],
        },
      };
      expect(problemsOf(template, service(functions))).toEqual([]);
    });

    it("fails when the authorizer on AWS has another route's settings", () => {
      const template = prodTemplate();
      template.Resources.CognitoUserPoolApiGatewayAuthorizer.Properties.AuthorizerResultTtlInSeconds = 0;
      expect(problemsOf(template)).toEqual([
        'GET /api/helloWorldSecured (function helloWorldSecured): its authorizer CognitoUserPoolApiGatewayAuthorizer is deployed with resultTtlInSeconds 0, but its http event sets 300. ' +
          'Another http event gives the authorizer name "cognitoUserPool" other settings (or resources override it): give each its own name in serverless.yml, or make them equal.',
      ]);
    });

    it('fails, naming both routes, when two http events share an authorizer name with different settings', () => {
      const functions = {
        ...STARTER,
        admin: {
          handler: 'src/functions/hello-world-secured.handler',
          events: [{ http: { path: 'admin', method: 'get', authorizer: cognito({ resultTtlInSeconds: 0 }) } }],
        },
      };
      expect(problemsOf(prodTemplate(), service(functions))[0]).toMatch(
        /^GET \/api\/helloWorldSecured \(function helloWorldSecured\) and GET \/admin \(function admin\) share the authorizer name "cognitoUserPool" but set resultTtlInSeconds differently \(300 vs 0\)/,
      );
    });
  });

  describe('an authorizerId the http event names', () => {
    const named = (authorizerId: unknown, resource?: object) => {
      const template = prodTemplate();
      Object.assign(template.Resources.ApiGatewayMethodApiHelloworldsecuredGet.Properties, { AuthorizerId: authorizerId });
      if (resource) template.Resources.SharedAuthorizer = resource;
      const functions = {
        ...STARTER,
        helloWorldSecured: {
          ...STARTER.helloWorldSecured,
          events: [{ http: { path: 'api/helloWorldSecured', method: 'get', authorizer: { type: 'COGNITO_USER_POOLS', authorizerId } } }],
        },
      };
      return templateFindings(template, service(functions), app());
    };
    const shared = (ProviderARNs: unknown[]) => ({
      Type: 'AWS::ApiGateway::Authorizer',
      Properties: { Type: 'COGNITO_USER_POOLS', IdentitySource: 'method.request.header.X-Auth-Token', ProviderARNs },
    });

    it('accepts an authorizer of the template on a pool that exists', () => {
      expect(named({ Ref: 'SharedAuthorizer' }, shared([poolArn]))).toEqual({ problems: [], notes: [] });
    });

    it('fails when it names no authorizer of the template, or one that trusts no user pool', () => {
      expect(named({ Ref: 'Missing' }).problems).toEqual([
        expect.stringContaining('its authorizerId names Missing, which is not an AWS::ApiGateway::Authorizer of the template'),
      ]);
      expect(named({ Ref: 'SharedAuthorizer' }, shared([{ Ref: 'CognitoUserPool' }])).problems).toEqual([
        expect.stringContaining("which gives a pool's id, not its ARN"),
      ]);
    });

    it('accepts an authorizer made outside the stack, and says it was not checked', () => {
      expect(named('abc123').notes).toEqual([
        'GET /api/helloWorldSecured (function helloWorldSecured) uses the authorizer "abc123", made outside this stack (not checked).',
      ]);
    });
  });

  describe('user pools', () => {
    const withArn = (arn: unknown) => {
      const template = prodTemplate();
      template.Resources.CognitoUserPoolApiGatewayAuthorizer.Properties.ProviderARNs = [arn];
      const functions = {
        ...STARTER,
        helloWorldSecured: {
          ...STARTER.helloWorldSecured,
          events: [{ http: { path: 'api/helloWorldSecured', method: 'get', authorizer: cognito({ arn }) } }],
        },
      };
      return templateFindings(template, service(functions), app());
    };

    it('accepts a pool of another stack, and says so', () => {
      const arn = 'arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Other1';
      expect(withArn(arn)).toEqual({
        problems: [],
        notes: [`GET /api/helloWorldSecured (function helloWorldSecured) trusts the user pool ${arn} of another stack.`],
      });
    });

    it('accepts a pool read from AWS at deploy time, and says it was not checked', () => {
      const arn = placeholderFor('cf:auth-stack.UserPoolArn');
      const findings = withArn(arn);
      expect(findings.problems).toEqual([]);
      expect(findings.notes).toEqual([expect.stringContaining('read from AWS at deploy time (not checked)')]);
    });

    it('fails on an arn that is not a user pool of the template or a pool ARN', () => {
      expect(withArn({ 'Fn::GetAtt': ['CognitoUserPoolClient', 'Arn'] }).problems).toEqual([
        expect.stringContaining(
          "is not the Arn of an AWS::Cognito::UserPool of the template: point its authorizer's arn at a user pool: `Fn::GetAtt: [CognitoUserPool, Arn]`",
        ),
      ]);
      expect(withArn({ Ref: 'CognitoUserPool' }).problems).toEqual([
        expect.stringContaining(
          "which gives a pool's id, not its ARN: point its authorizer's arn at a user pool: `Fn::GetAtt: [CognitoUserPool, Arn]`",
        ),
      ]);
      expect(withArn('arn:aws:cognito-idp:eu-west-1:123456789012:userpool').problems).toEqual([
        expect.stringContaining('is not a user pool ARN'),
      ]);
    });

    it("fails when the authorizer trusts another pool of the stack than the web client's", () => {
      const template = prodTemplate();
      template.Resources.AdminPool = { Type: 'AWS::Cognito::UserPool' };
      const arn = { 'Fn::GetAtt': ['AdminPool', 'Arn'] };
      template.Resources.CognitoUserPoolApiGatewayAuthorizer.Properties.ProviderARNs = [arn];
      const functions = {
        ...STARTER,
        helloWorldSecured: {
          ...STARTER.helloWorldSecured,
          events: [{ http: { path: 'api/helloWorldSecured', method: 'get', authorizer: cognito({ arn }) } }],
        },
      };
      expect(problemsOf(template, service(functions))).toEqual([
        expect.stringContaining(
          "trusts the user pool AdminPool, but the web app's client CognitoUserPoolClient belongs to CognitoUserPool: its users would get 401",
        ),
      ]);
    });

    it('lists the values it could not resolve offline', () => {
      expect(templateFindings(prodTemplate(), service(STARTER, ['aws:accountId', 'ssm:/app/key']), app()).notes).toEqual([
        'Not checked: ${aws:accountId}, ${ssm:/app/key} (read from AWS at deploy time; check:deploy packages without credentials).',
      ]);
    });
  });

  describe('HTTP API routes', () => {
    const issuer = { 'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { Ref: 'CognitoUserPool' }]] };
    const functions: ServiceFunctions = {
      ...STARTER,
      httpHello: { handler: 'src/functions/hello-world.handler', events: [{ httpApi: 'GET /http/hello' }] },
      httpSecured: {
        handler: 'src/functions/hello-world-secured.handler',
        events: [
          { httpApi: { method: 'get', path: '/http/secured', authorizer: { name: 'cognito', scopes: ['aws.cognito.signin.user.admin'] } } },
        ],
      },
    };
    const httpService = () => service(functions, [], { authorizers: { cognito: { type: 'jwt' } } });
    /** The starter with what `serverless package` compiles for those httpApi events (trimmed). */
    const withHttpApi = (jwtConfiguration: object = { Audience: [{ Ref: 'CognitoUserPoolClient' }], Issuer: issuer }) => {
      const template = prodTemplate();
      const route = (RouteKey: string, authorization: object = {}) => ({
        Type: 'AWS::ApiGatewayV2::Route',
        Properties: { ApiId: { Ref: 'HttpApi' }, RouteKey, ...authorization },
      });
      Object.assign(template.Resources, {
        HttpApiAuthorizerCognito: {
          Type: 'AWS::ApiGatewayV2::Authorizer',
          Properties: {
            Name: 'cognito',
            IdentitySource: ['$request.header.Authorization'],
            AuthorizerType: 'JWT',
            JwtConfiguration: jwtConfiguration,
          },
        },
        HttpApiRouteGetHttpHello: route('GET /http/hello'),
        HttpApiRouteGetHttpSecured: route('GET /http/secured', {
          AuthorizationType: 'JWT',
          AuthorizerId: { Ref: 'HttpApiAuthorizerCognito' },
          AuthorizationScopes: ['aws.cognito.signin.user.admin'],
        }),
      });
      return template;
    };

    it("passes routes and a JWT authorizer on the stack's pool, however its issuer is written", () => {
      expect(templateFindings(withHttpApi(), httpService(), app())).toEqual({ problems: [], notes: [] });
      for (const Issuer of [
        { 'Fn::GetAtt': ['CognitoUserPool', 'ProviderURL'] },
        { 'Fn::Sub': 'https://cognito-idp.${AWS::Region}.${AWS::URLSuffix}/${CognitoUserPool}' },
      ]) {
        expect(problemsOf(withHttpApi({ Audience: ['abc'], Issuer }), httpService())).toEqual([]);
      }
    });

    it("notes a pool of another stack, and fails on an issuer that is not a pool's", () => {
      const other = templateFindings(
        withHttpApi({ Audience: ['abc'], Issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other1' }),
        httpService(),
        app(),
      );
      expect(other).toEqual({
        problems: [],
        notes: [
          'GET /http/secured (httpApi, function httpSecured) trusts the user pool https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other1 of another stack.',
        ],
      });
      expect(
        problemsOf(withHttpApi({ Audience: ['abc'], Issuer: { 'Fn::GetAtt': ['CognitoUserPool', 'ProviderName'] } }), httpService()),
      ).toEqual([
        'GET /http/secured (httpApi, function httpSecured): its JWT authorizer HttpApiAuthorizerCognito trusts the issuer {"Fn::GetAtt":["CognitoUserPool","ProviderName"]}, which is not the issuer of a user pool: ' +
          "point its issuerUrl at a user pool: `Fn::GetAtt: [CognitoUserPool, ProviderURL]` for this stack's, or https://cognito-idp.<region>.amazonaws.com/<pool id> for another stack's.",
      ]);
    });

    it('fails on a JWT authorizer without an audience', () => {
      expect(problemsOf(withHttpApi({ Audience: [], Issuer: issuer }), httpService())).toEqual([
        expect.stringContaining('its JWT authorizer HttpApiAuthorizerCognito has no audience, so API Gateway would let no token through'),
      ]);
    });

    it('fails when a route with an authorizer is deployed open, or a public one is not', () => {
      const open = withHttpApi();
      open.Resources.HttpApiRouteGetHttpSecured.Properties = { RouteKey: 'GET /http/secured' };
      open.Resources.HttpApiRouteGetHttpHello.Properties.AuthorizationType = 'AWS_IAM';
      expect(problemsOf(open, httpService())).toEqual([
        'GET /http/hello (httpApi, function httpHello) has no authorizer in serverless.yml but is deployed with AWS_IAM: look for resources or extensions in serverless.yml that change its route.',
        'GET /http/secured (httpApi, function httpSecured) declares an authorizer in serverless.yml but is deployed with NONE instead of JWT: look for resources or extensions in serverless.yml that change its route.',
      ]);
    });
  });

  describe('app clients', () => {
    it('accepts a server-side client with a secret next to the web client', () => {
      const template = prodTemplate();
      template.Resources.ServerClient = {
        Type: 'AWS::Cognito::UserPoolClient',
        Properties: { UserPoolId: { Ref: 'CognitoUserPool' }, GenerateSecret: true, ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH'] },
      };
      expect(problemsOf(template)).toEqual([]);
    });

    it('fails when the web client has a secret or lacks the flows Amplify uses', () => {
      const template = prodTemplate();
      template.Resources.CognitoUserPoolClient.Properties = {
        UserPoolId: { Ref: 'CognitoUserPool' },
        GenerateSecret: true,
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
      };
      expect(problemsOf(template)).toEqual([
        "CognitoUserPoolClient is the web app's client (Output UserPoolClientId) but has GenerateSecret: true; a browser cannot keep a secret. Set it to false, or give the server its own client and point the Output at the web one.",
        expect.stringContaining('does not allow ALLOW_USER_SRP_AUTH'),
        expect.stringContaining('does not allow ALLOW_REFRESH_TOKEN_AUTH'),
      ]);
    });

    it('takes a web client that rotates refresh tokens without ALLOW_REFRESH_TOKEN_AUTH, as AWS advises for it', () => {
      const template = prodTemplate();
      const properties = template.Resources.CognitoUserPoolClient.Properties;
      properties.ExplicitAuthFlows = ['ALLOW_USER_SRP_AUTH'];
      properties.RefreshTokenRotation = { Feature: 'ENABLED', RetryGracePeriodSeconds: 10 };
      expect(problemsOf(template)).toEqual([]);
      properties.RefreshTokenRotation = { Feature: 'DISABLED' };
      expect(problemsOf(template)).toEqual([expect.stringContaining('does not allow ALLOW_REFRESH_TOKEN_AUTH')]);
    });

    it("asks nothing of a stack without any of the web client's Outputs (a team's own front end), and says the web client is not checked", () => {
      const template = prodTemplate();
      template.Outputs = {};
      template.Resources.CognitoUserPoolClient.Properties.GenerateSecret = true;
      const findings = templateFindings(template, service(), app());
      expect(findings.problems).toEqual([]);
      expect(findings.notes).toEqual([expect.stringContaining('Not checked: the web client (web/)')]);
    });

    it('fails without an output the web client is built from', () => {
      const template = prodTemplate();
      delete template.Outputs.ApiUrl;
      template.Outputs.UserPoolClientId = { Value: 'abc' };
      expect(problemsOf(template)).toEqual([
        'Output ApiUrl is missing: deploy/build-web.ts configures the web client from it. Add it to resources.Outputs in serverless.yml.',
        'Output UserPoolClientId is "abc": make it `Ref: <the web app\'s AWS::Cognito::UserPoolClient>` in serverless.yml.',
      ]);
    });
  });

  describe('cognitoUserPool triggers', () => {
    const withTrigger = (cognitoUserPool: object) =>
      service({ ...STARTER, preSignUp: { handler: 'src/functions/hello-world.handler', events: [{ cognitoUserPool }] } });

    it("accepts a trigger on the web client's pool", () => {
      const template = prodTemplate();
      template.Resources.CognitoUserPoolUsers = template.Resources.CognitoUserPool;
      delete template.Resources.CognitoUserPool;
      template.Resources.CognitoUserPoolClient.Properties.UserPoolId = { Ref: 'CognitoUserPoolUsers' };
      template.Resources.CognitoUserPoolApiGatewayAuthorizer.Properties.ProviderARNs = [{ 'Fn::GetAtt': ['CognitoUserPoolUsers', 'Arn'] }];
      const functions = {
        ...STARTER,
        helloWorldSecured: {
          ...STARTER.helloWorldSecured,
          events: [
            {
              http: {
                path: 'api/helloWorldSecured',
                method: 'get',
                authorizer: cognito({ arn: { 'Fn::GetAtt': ['CognitoUserPoolUsers', 'Arn'] } }),
              },
            },
          ],
        },
      };
      const expectations = service({
        ...functions,
        preSignUp: { handler: 'src/functions/hello-world.handler', events: [{ cognitoUserPool: { pool: 'users', trigger: 'PreSignUp' } }] },
      });
      expect(problemsOf(template, expectations)).toEqual([]);
    });

    it('fails on a trigger that makes serverless create a pool the web app does not use, saying how to attach it', () => {
      const template = prodTemplate();
      template.Resources.CognitoUserPoolMyPool = { Type: 'AWS::Cognito::UserPool', Properties: { UserPoolName: 'MyPool' } };
      expect(problemsOf(template, withTrigger({ pool: 'My-Pool', trigger: 'PreSignUp' }))).toEqual([
        "Function preSignUp's PreSignUp trigger (cognitoUserPool pool: My-Pool) makes serverless create another user pool, CognitoUserPoolMyPool, with no app client; " +
          "the web app's users are in CognitoUserPool, where it never runs. To attach it to CognitoUserPool, rename that resource to CognitoUserPoolMyPool in serverless.yml " +
          '(serverless merges it into the pool it generates) and update its references; for a pool made outside this stack, use existing: true.',
      ]);
    });

    it("accepts existing: true on the stack's pool once the trigger waits for the pool", () => {
      const template = prodTemplate();
      template.Resources.PreSignUpCustomCognitoUserPool1 = {
        Type: 'Custom::CognitoUserPool',
        DependsOn: ['PreSignUpLambdaFunction'],
        Properties: { UserPoolName: 'hello-auth-prod-user-pool' },
      };
      const expectations = withTrigger({ pool: 'hello-auth-prod-user-pool', trigger: 'PreSignUp', existing: true });
      expect(problemsOf(template, expectations)).toEqual([
        expect.stringContaining('PreSignUpCustomCognitoUserPool1 (a trigger with existing: true) does not wait for CognitoUserPool'),
      ]);
      template.Resources.PreSignUpCustomCognitoUserPool1.DependsOn.push('CognitoUserPool');
      expect(problemsOf(template, expectations)).toEqual([]);
    });
    describe('LambdaConfig written on the pool', () => {
      const getAtt = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });
      /** As serverless packages it: the functions, the pool's LambdaConfig, and a permission per `permitted` function. */
      function withLambdaConfig(permitted: Record<string, object | undefined>) {
        const template = prodTemplate();
        for (const fn of ['TriggerPreSignUpLambdaFunction', 'TriggerTokensLambdaFunction']) {
          template.Resources[fn] = { Type: 'AWS::Lambda::Function', Properties: { FunctionName: `hello-auth-prod-${fn}` } };
        }
        template.Resources.CognitoUserPool.Properties.LambdaConfig = {
          PreSignUp: getAtt('TriggerPreSignUpLambdaFunction'),
          PreTokenGenerationConfig: { LambdaArn: getAtt('TriggerTokensLambdaFunction'), LambdaVersion: 'V2_0' },
        };
        for (const [fn, sourceArn] of Object.entries(permitted)) {
          template.Resources[`${fn}CognitoPermission`] = {
            Type: 'AWS::Lambda::Permission',
            Properties: {
              Action: 'lambda:InvokeFunction',
              FunctionName: getAtt(fn),
              Principal: 'cognito-idp.amazonaws.com',
              ...(sourceArn && { SourceArn: sourceArn }),
            },
          };
        }
        return template;
      }
      const poolArnOf = getAtt('CognitoUserPool');

      it('accepts it when each function lets Cognito invoke it from the pool', () => {
        const template = withLambdaConfig({ TriggerPreSignUpLambdaFunction: poolArnOf, TriggerTokensLambdaFunction: poolArnOf });
        expect(templateFindings(template, service(), app())).toEqual({ problems: [], notes: [] });
      });

      it("fails on a function without Cognito's permission, or with one for another pool, saying what to add", () => {
        const otherPool = getAtt('PartnerUserPool');
        expect(problemsOf(withLambdaConfig({ TriggerPreSignUpLambdaFunction: poolArnOf, TriggerTokensLambdaFunction: otherPool }))).toEqual(
          [
            'CognitoUserPool.LambdaConfig runs TriggerTokensLambdaFunction (PreTokenGenerationConfig), but no AWS::Lambda::Permission lets Cognito invoke it from CognitoUserPool ' +
              '(TriggerTokensLambdaFunctionCognitoPermission name another SourceArn): on AWS the trigger would fail with ' +
              '"PreTokenGenerationConfig invocation failed due to error AccessDeniedException." Add to resources.Resources in serverless.yml an AWS::Lambda::Permission with ' +
              'Action: lambda:InvokeFunction, FunctionName: { Fn::GetAtt: [TriggerTokensLambdaFunction, Arn] }, Principal: cognito-idp.amazonaws.com, SourceArn: { Fn::GetAtt: [CognitoUserPool, Arn] }.',
          ],
        );
        expect(problemsOf(withLambdaConfig({ TriggerTokensLambdaFunction: poolArnOf }))).toEqual([
          expect.stringContaining(
            'CognitoUserPool.LambdaConfig runs TriggerPreSignUpLambdaFunction (PreSignUp), but no AWS::Lambda::Permission',
          ),
        ]);
      });

      it('notes a permission for any pool, and a function of another stack it cannot check', () => {
        const template = withLambdaConfig({ TriggerPreSignUpLambdaFunction: undefined, TriggerTokensLambdaFunction: poolArnOf });
        template.Resources.CognitoUserPool.Properties.LambdaConfig.UserMigration =
          'arn:aws:lambda:eu-west-1:123456789012:function:legacy-users';
        expect(templateFindings(template, service(), app())).toEqual({
          problems: [],
          notes: [
            'CognitoUserPool.LambdaConfig.UserMigration runs "arn:aws:lambda:eu-west-1:123456789012:function:legacy-users", not a function of this stack: its permission for Cognito is not checked.',
            'TriggerPreSignUpLambdaFunctionCognitoPermission let any user pool invoke TriggerPreSignUpLambdaFunction: give it SourceArn: { Fn::GetAtt: [CognitoUserPool, Arn] } so only CognitoUserPool can.',
          ],
        });
      });
    });
  });

  describe('GatewayResponses', () => {
    it('are not asked of a REST API that no browser calls (no method with cors)', () => {
      const template = prodTemplate();
      for (const [id, resource] of Object.entries(template.Resources)) {
        if (resource.Type === 'AWS::ApiGateway::GatewayResponse') delete template.Resources[id];
        if (resource.Type === 'AWS::ApiGateway::Method' && resource.Properties.HttpMethod === 'OPTIONS') delete template.Resources[id];
      }
      expect(problemsOf(template)).not.toContainEqual(expect.stringContaining('GatewayResponse'));
    });

    it('fails without them, without CORS, or when the deployment does not wait for them', () => {
      const withoutResponse = prodTemplate();
      delete withoutResponse.Resources.GatewayResponseDefault4XX;
      expect(problemsOf(withoutResponse)).toEqual([
        expect.stringContaining("No DEFAULT_4XX GatewayResponse: a browser could not read the API's 4XX errors"),
      ]);

      const withoutCors = prodTemplate();
      withoutCors.Resources.GatewayResponseDefault5XX.Properties.ResponseParameters = {};
      expect(problemsOf(withoutCors)).toEqual([
        expect.stringContaining('GatewayResponseDefault5XX has no gatewayresponse.header.Access-Control-Allow-Origin'),
      ]);

      const notWaiting = prodTemplate();
      notWaiting.Resources.ApiGatewayDeployment1.DependsOn = ['ApiGatewayMethodApiHelloworldGet'];
      expect(problemsOf(notWaiting)).toEqual([
        "ApiGatewayDeployment1 does not depend on GatewayResponseDefault4XX, GatewayResponseDefault5XX, so the first deploy could serve errors without their CORS headers: keep ./deploy/deploy-plugin.cjs in serverless.yml's plugins.",
      ]);
    });
  });

  describe('local-only settings', () => {
    it('fails when one leaks into the stack', () => {
      const template = prodTemplate();
      template.Resources.HelloWorldLambdaFunction.Properties.Environment = { Variables: { COGNITO_ENDPOINT: 'http://127.0.0.1:9229' } };
      expect(problemsOf(template)).toEqual([expect.stringContaining('"127.0.0.1", which only exists in the local emulation')]);
    });

    it("accepts localhost in an app client's sign-in redirects", () => {
      const template = prodTemplate();
      template.Resources.CognitoUserPoolClient.Properties.CallbackURLs = ['http://localhost:5173/'];
      expect(problemsOf(template)).toEqual([]);
    });
  });

  describe('packages', () => {
    it('fails when a handler has no bundle, or the package carries more than handler code', () => {
      expect(problemsOf(prodTemplate(), service(), app(BUNDLE.slice(0, 4)))).toEqual([
        expect.stringContaining('hello-world-secured.handler has no bundle'),
      ]);
      expect(problemsOf(prodTemplate(), service(), app([...BUNDLE, 'local/seed-users.json']))).toEqual([
        'hello-auth.zip contains local/seed-users.json, which is not handler code (only bundles of src/ belong there): check package.patterns in serverless.yml.',
      ]);
      expect(problemsOf(prodTemplate(), service(), app(['src/functions/hello-world.mjs', 'src/functions/hello-world-secured.js']))).toEqual(
        [],
      );
    });

    it("accepts serverless's own custom-resource package, not the app's functions in it", () => {
      const template = prodTemplate();
      template.Resources.CustomDashresourceDashexistingDashcupLambdaFunction = {
        Type: 'AWS::Lambda::Function',
        Properties: { Handler: 'cognito-user-pool/handler.handler', Code: code('custom-resources.zip') },
      };
      const customResources = { zip: 'custom-resources.zip', files: ['README.md', 'cognito-user-pool/handler.js', 'utils.js'] };
      expect(problemsOf(template, service(), [...app(), customResources])).toEqual([]);

      template.Resources.HelloWorldLambdaFunction.Properties.Code = code('custom-resources.zip');
      expect(problemsOf(template, service(), [...app(), customResources])).toEqual([
        "HelloWorldLambdaFunction is packaged in custom-resources.zip, serverless's own code, instead of the app's bundle.",
      ]);
    });
  });
});
