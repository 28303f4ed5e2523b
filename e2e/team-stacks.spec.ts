// serverless.yml as a team adopting the starter edits it, each run by the real local stage
// (serverless-offline beside the e2e stack's emulator): it behaves as AWS will, or is refused
// at once with what to do. What AWS does is in docs/aws-behaviour.md and the README's
// "How it maps to AWS".
import {
  AdminConfirmSignUpCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { expect, test } from '@playwright/test';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cognitoClient } from '../testing/cognito-client.ts';
import { latestCode } from '../testing/dev-inbox.ts';
import { uniqueEmail, uniqueName } from '../testing/unique-names.ts';
import { e2eStack, failure } from './stack.ts';
import { refusedVariant, startVariantApi, type ServiceEdit, type VariantApi } from './variant-stack.ts';

const ECHO = 'e2e/fixtures/echo-handler.handler';
/** The user the team stack's AWS::Cognito::UserPoolUser invites (a new address each run: the dev inbox is the shared emulator's). */
const INVITED = uniqueEmail('invited');
const PASSWORD = 'Team-Passw0rd!';

/** A pool of the variant's own, so that it leaves the e2e stack's pool alone. */
const ownPoolName = uniqueName;

/** A confirmed user of `clientId`'s pool and its ID token (USER_PASSWORD_AUTH). */
async function signedInUser(userPoolId: string, clientId: string, email = uniqueEmail('team')): Promise<string> {
  const cognito = cognitoClient(e2eStack.urls.cognito);
  try {
    await cognito.send(new SignUpCommand({ ClientId: clientId, Username: email, Password: PASSWORD }));
    await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: userPoolId, Username: email }));
    return await idToken(clientId, email, PASSWORD);
  } finally {
    cognito.destroy();
  }
}

async function idToken(clientId: string, email: string, password: string): Promise<string> {
  const cognito = cognitoClient(e2eStack.urls.cognito);
  try {
    const { AuthenticationResult } = await cognito.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: email, PASSWORD: password },
      }),
    );
    return AuthenticationResult!.IdToken!;
  } finally {
    cognito.destroy();
  }
}

async function call(url: string, init: RequestInit = {}) {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, body: text.startsWith('{') ? JSON.parse(text) : text };
}

test.describe('a stack that replaces the starter routes', () => {
  let variant: VariantApi;

  test.beforeAll(async () => {
    variant = await startVariantApi((service) => {
      const { CognitoUserPool, CognitoUserPoolClient } = service.resources.Resources;
      CognitoUserPool.Properties.UserPoolName = ownPoolName('team');
      CognitoUserPool.Properties.Schema = [
        { Name: 'tier', AttributeDataType: 'String', Mutable: true, StringAttributeConstraints: { MaxLength: '8' } },
      ];
      // A client reads and writes custom attributes only when it lists them.
      CognitoUserPoolClient.Properties.ReadAttributes = ['email', 'email_verified', 'custom:tier'];
      CognitoUserPoolClient.Properties.WriteAttributes = ['email', 'custom:tier'];
      delete service.functions.helloWorld;
      delete service.functions.helloWorldSecured;
      // Lambda sees these resolved to the local ids and URLs.
      service.provider.environment = {
        APP_USER_POOL_ID: { Ref: 'CognitoUserPool' },
        APP_POOL_ARN: { 'Fn::GetAtt': ['CognitoUserPool', 'Arn'] },
        APP_ISSUER: { 'Fn::Sub': 'https://cognito-idp.${AWS::Region}.amazonaws.com/${CognitoUserPool}' },
        APP_API_URL: {
          'Fn::Join': [
            '',
            ['https://', { Ref: 'ApiGatewayRestApi' }, '.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/local'],
          ],
        },
        APP_REGION: { 'Fn::Select': [3, { 'Fn::Split': [':', { 'Fn::GetAtt': ['CognitoUserPool', 'Arn'] }] }] },
        APP_PLAIN: 'as written',
      };
      service.functions.orders = {
        handler: ECHO,
        environment: { APP_CLIENT_ID: { Ref: 'CognitoUserPoolClient' } },
        events: [
          {
            http: {
              path: 'orders/{id}',
              method: 'post',
              cors: true,
              authorizer: { type: 'COGNITO_USER_POOLS', authorizerId: { Ref: 'SharedAuthorizer' } },
            },
          },
          { http: { path: 'status', method: 'get', cors: true } },
        ],
      };
      Object.assign(service.resources.Resources, {
        // One authorizer for several APIs' methods, declared once.
        SharedAuthorizer: {
          Type: 'AWS::ApiGateway::Authorizer',
          Properties: {
            Name: 'shared',
            Type: 'COGNITO_USER_POOLS',
            IdentitySource: 'method.request.header.X-Auth-Token',
            AuthorizerResultTtlInSeconds: 0,
            RestApiId: { Ref: 'ApiGatewayRestApi' },
            ProviderARNs: [{ 'Fn::GetAtt': ['CognitoUserPool', 'Arn'] }],
          },
        },
        EditorsGroup: {
          Type: 'AWS::Cognito::UserPoolGroup',
          Properties: { GroupName: 'editors', Precedence: 1, UserPoolId: { Ref: 'CognitoUserPool' } },
        },
        // user@example.com is a seed user (local/seed-users.json): it exists before the attachment.
        UserIsEditor: {
          Type: 'AWS::Cognito::UserPoolUserToGroupAttachment',
          Properties: { GroupName: { Ref: 'EditorsGroup' }, Username: 'user@example.com', UserPoolId: { Ref: 'CognitoUserPool' } },
        },
        // A user CloudFormation invites: AdminCreateUser sends the temporary password by email.
        InvitedUser: {
          Type: 'AWS::Cognito::UserPoolUser',
          Properties: {
            UserPoolId: { Ref: 'CognitoUserPool' },
            Username: INVITED,
            DesiredDeliveryMediums: ['EMAIL'],
            UserAttributes: [{ Name: 'email', Value: INVITED }],
          },
        },
        ServerClient: {
          Type: 'AWS::Cognito::UserPoolClient',
          Properties: {
            ClientName: 'server',
            UserPoolId: { Ref: 'CognitoUserPool' },
            GenerateSecret: true,
            ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
          },
        },
        // Refresh-token rotation, without REFRESH_TOKEN_AUTH, as AWS advises for it.
        MobileClient: {
          Type: 'AWS::Cognito::UserPoolClient',
          Properties: {
            ClientName: 'mobile',
            UserPoolId: { Ref: 'CognitoUserPool' },
            ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
            RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 },
          },
        },
      });
    });
  });

  test.afterAll(async () => {
    await variant?.stop();
  });

  test("a POST route with a path parameter opens with a token in the shared authorizer's header, and only there", async () => {
    const { UserPoolClientId, UserPoolId } = variant.stack.outputs;
    // The shared authorizer's settings, as API Gateway will have them.
    expect(variant.stack.routes['POST /orders/{id}']).toEqual({
      type: 'COGNITO_USER_POOLS',
      authorizer: 'SharedAuthorizer',
      identitySource: 'method.request.header.X-Auth-Token',
      resultTtlSeconds: 0,
      userPoolIds: [UserPoolId],
      scopes: [],
    });
    const token = await idToken(UserPoolClientId!, 'user@example.com', 'User-Passw0rd!');

    const opened = await call(`${variant.apiUrl}/orders/42`, { method: 'POST', headers: { 'X-Auth-Token': token } });
    expect(opened.status).toBe(200);
    expect(opened.body.pathParameters).toEqual({ id: '42' });
    expect(opened.body.authorizer.claims.email).toBe('user@example.com');
    // The group serverless.yml declares, with the seed user attached to it.
    expect(opened.body.authorizer.claims['cognito:groups']).toBe('editors');

    // IdentitySource is X-Auth-Token: the Authorization header is not read.
    expect(await call(`${variant.apiUrl}/orders/42`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } })).toEqual({
      status: 401,
      body: { message: 'Unauthorized' },
    });
  });

  test('the starter routes are gone, as they would be from the deployed API', async () => {
    expect(await call(`${variant.apiUrl}/api/helloWorld`)).toEqual({ status: 403, body: { message: 'Missing Authentication Token' } });
    expect((await call(`${variant.apiUrl}/status`)).status).toBe(200);
  });

  test('handlers get their environment with Ref, Fn::GetAtt, Fn::Sub, Fn::Join and Fn::Select resolved to local values', async () => {
    const { UserPoolId, UserPoolClientId } = variant.stack.outputs;
    const { body } = await call(`${variant.apiUrl}/status`);
    expect(body.environment).toEqual({
      APP_USER_POOL_ID: UserPoolId,
      APP_POOL_ARN: `arn:aws:cognito-idp:eu-west-1:000000000000:userpool/${UserPoolId}`,
      // The issuer of the local pool's tokens, AWS's, so a handler verifies them as on AWS.
      APP_ISSUER: `https://cognito-idp.eu-west-1.amazonaws.com/${UserPoolId}`,
      APP_API_URL: variant.apiUrl,
      APP_REGION: 'eu-west-1',
      APP_PLAIN: 'as written',
      APP_CLIENT_ID: UserPoolClientId,
    });
  });

  test('a second app client with GenerateSecret gets a secret, and SECRET_HASH is then required', async () => {
    const { UserPoolId } = variant.stack.outputs;
    const ClientId = variant.stack.physicalIds.ServerClient!;
    const cognito = cognitoClient(e2eStack.urls.cognito);
    try {
      const { UserPoolClient } = await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId, ClientId }));
      const secret = UserPoolClient!.ClientSecret!;
      expect(secret).toMatch(/^\w{24,}$/);
      const signIn = (extra: Record<string, string>) =>
        cognito.send(
          new InitiateAuthCommand({
            ClientId,
            AuthFlow: 'USER_PASSWORD_AUTH',
            AuthParameters: { USERNAME: 'user@example.com', PASSWORD: 'User-Passw0rd!', ...extra },
          }),
        );
      await expect(signIn({})).rejects.toMatchObject({
        name: 'NotAuthorizedException',
        message: `Client ${ClientId} is configured with secret but SECRET_HASH was not received`,
      });
      // https://docs.aws.amazon.com/cognito/latest/developerguide/signing-up-users-in-your-app.html#cognito-user-pools-computing-secret-hash
      const SECRET_HASH = createHmac('sha256', secret).update(`user@example.com${ClientId}`).digest('base64');
      expect((await signIn({ SECRET_HASH })).AuthenticationResult?.IdToken).toBeTruthy();
    } finally {
      cognito.destroy();
    }
  });

  // API_AdminCreateUser: the invitation goes by DesiredDeliveryMediums with a temporary password;
  // the user's first sign-in answers NEW_PASSWORD_REQUIRED.
  test('an AWS::Cognito::UserPoolUser is invited by email: its temporary password, from the dev inbox, signs in to NEW_PASSWORD_REQUIRED', async () => {
    const ClientId = variant.stack.physicalIds.ServerClient!;
    const cognito = cognitoClient(e2eStack.urls.cognito);
    try {
      const { UserPoolClient } = await cognito.send(
        new DescribeUserPoolClientCommand({ UserPoolId: variant.stack.outputs.UserPoolId, ClientId }),
      );
      const SECRET_HASH = createHmac('sha256', UserPoolClient!.ClientSecret!).update(`${INVITED}${ClientId}`).digest('base64');
      const temporary = await latestCode(e2eStack.urls.cognito, INVITED);
      const started = await cognito.send(
        new InitiateAuthCommand({
          ClientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: INVITED, PASSWORD: temporary, SECRET_HASH },
        }),
      );
      expect(started.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    } finally {
      cognito.destroy();
    }
  });

  test('an app client with RefreshTokenRotation rotates: each refresh returns a new refresh token and refuses the one it replaced', async () => {
    const { UserPoolId } = variant.stack.outputs;
    const ClientId = variant.stack.physicalIds.MobileClient!;
    const cognito = cognitoClient(e2eStack.urls.cognito);
    try {
      const { UserPoolClient } = await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId, ClientId }));
      expect(UserPoolClient?.RefreshTokenRotation).toEqual({ Feature: 'ENABLED', RetryGracePeriodSeconds: 0 });
      const { AuthenticationResult: signedIn } = await cognito.send(
        new InitiateAuthCommand({
          ClientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'user@example.com', PASSWORD: 'User-Passw0rd!' },
        }),
      );
      const refresh = (RefreshToken?: string) => cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId, RefreshToken }));
      const { AuthenticationResult: refreshed } = await refresh(signedIn?.RefreshToken);
      expect(refreshed?.RefreshToken).toBeTruthy();
      expect(refreshed?.RefreshToken).not.toBe(signedIn?.RefreshToken);
      await expect(refresh(signedIn?.RefreshToken)).rejects.toMatchObject({ name: 'RefreshTokenReuseException' });
      expect((await refresh(refreshed?.RefreshToken)).AuthenticationResult?.RefreshToken).toBeTruthy();
    } finally {
      cognito.destroy();
    }
  });

  test("the pool's custom attribute is written at sign-up and reaches the handler's claims; an undeclared one is refused", async () => {
    const { UserPoolId, UserPoolClientId } = variant.stack.outputs;
    const cognito = cognitoClient(e2eStack.urls.cognito);
    const email = uniqueEmail('tier');
    try {
      const signUp = (attributes: Record<string, string>, username = email) =>
        cognito.send(
          new SignUpCommand({
            ClientId: UserPoolClientId,
            Username: username,
            Password: PASSWORD,
            UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
          }),
        );
      await expect(signUp({ 'custom:plan': 'pro' }, uniqueEmail('plan'))).rejects.toMatchObject({
        name: 'InvalidParameterException',
        message: 'Attributes did not conform to the schema: Type for attribute {custom:plan} could not be determined',
      });
      await signUp({ 'custom:tier': 'gold' });
      await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId, Username: email }));
    } finally {
      cognito.destroy();
    }
    const token = await idToken(UserPoolClientId!, email, PASSWORD);
    const { body } = await call(`${variant.apiUrl}/orders/7`, { method: 'POST', headers: { 'X-Auth-Token': token } });
    expect(body.authorizer.claims['custom:tier']).toBe('gold');
  });
});

test('a custom attribute added to the schema of an existing local pool is added to it, as CloudFormation adds it', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hello-auth-schema-'));
  const poolName = ownPoolName('schema');
  const withSchema =
    (schema: object[]): ServiceEdit =>
    (service) => {
      const { CognitoUserPool, CognitoUserPoolClient } = service.resources.Resources;
      CognitoUserPool.Properties.UserPoolName = poolName;
      CognitoUserPool.Properties.Schema = schema;
      CognitoUserPoolClient.Properties.WriteAttributes = ['email', 'custom:team'];
    };
  try {
    const first = await startVariantApi(withSchema([]), { dataDir });
    await first.stop();
    const second = await startVariantApi(withSchema([{ Name: 'team', AttributeDataType: 'String', Mutable: true }]), { dataDir });
    try {
      expect(second.stack.outputs.UserPoolId).toBe(first.stack.outputs.UserPoolId);
      const cognito = cognitoClient(e2eStack.urls.cognito);
      try {
        const { UserPool } = await cognito.send(new DescribeUserPoolCommand({ UserPoolId: second.stack.outputs.UserPoolId }));
        expect(UserPool?.SchemaAttributes?.map((attribute) => attribute.Name)).toContain('custom:team');
        await cognito.send(
          new SignUpCommand({
            ClientId: second.stack.outputs.UserPoolClientId,
            Username: uniqueEmail('team'),
            Password: PASSWORD,
            UserAttributes: [{ Name: 'custom:team', Value: 'blue' }],
          }),
        );
      } finally {
        cognito.destroy();
      }
    } finally {
      await second.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('RefreshTokenRotation added to an existing local client turns rotation on; taken out again, turns it off', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hello-auth-rotation-'));
  const poolName = ownPoolName('rotation');
  const withRotation =
    (rotation?: object): ServiceEdit =>
    (service) => {
      const { CognitoUserPool, CognitoUserPoolClient } = service.resources.Resources;
      CognitoUserPool.Properties.UserPoolName = poolName;
      if (rotation) CognitoUserPoolClient.Properties.RefreshTokenRotation = rotation;
    };
  const refreshedWith = async (ClientId: string, RefreshToken?: string) => {
    const cognito = cognitoClient(e2eStack.urls.cognito);
    try {
      return (await cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId, RefreshToken }))).AuthenticationResult;
    } finally {
      cognito.destroy();
    }
  };
  const signedIn = async (ClientId: string) => {
    const cognito = cognitoClient(e2eStack.urls.cognito);
    try {
      const { AuthenticationResult } = await cognito.send(
        new InitiateAuthCommand({
          ClientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'user@example.com', PASSWORD: 'User-Passw0rd!' },
        }),
      );
      return AuthenticationResult!;
    } finally {
      cognito.destroy();
    }
  };
  try {
    for (const [rotation, rotates] of [
      [undefined, false],
      [{ Feature: 'ENABLED', RetryGracePeriodSeconds: 30 }, true],
      [undefined, false],
    ] as const) {
      const variant = await startVariantApi(withRotation(rotation), { dataDir });
      try {
        const ClientId = variant.stack.outputs.UserPoolClientId!;
        const { RefreshToken } = await signedIn(ClientId);
        expect(Boolean((await refreshedWith(ClientId, RefreshToken))?.RefreshToken)).toBe(rotates);
      } finally {
        await variant.stop();
      }
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-updating.html: "When
// you submit an update request with just one parameter, Amazon Cognito sets that parameter to the
// value of your choosing and sets all others to a default value."
test("settings taken out of an existing local pool and client are set back to Cognito's defaults, as UpdateUserPool and UpdateUserPoolClient set them", async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hello-auth-defaults-'));
  const poolName = ownPoolName('defaults');
  const LAX = { MinimumLength: 6, RequireLowercase: false, RequireNumbers: false, RequireSymbols: false, RequireUppercase: false };
  const withSettings =
    (lax: boolean): ServiceEdit =>
    (service) => {
      const { CognitoUserPool, CognitoUserPoolClient } = service.resources.Resources;
      CognitoUserPool.Properties.UserPoolName = poolName;
      if (lax) CognitoUserPool.Properties.Policies = { PasswordPolicy: LAX };
      else delete CognitoUserPool.Properties.Policies;
      if (!lax) delete CognitoUserPoolClient.Properties.ExplicitAuthFlows;
    };
  const email = uniqueEmail('defaults');
  const cognito = cognitoClient(e2eStack.urls.cognito);
  const signIn = (ClientId: string) =>
    cognito.send(
      new InitiateAuthCommand({ ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD: 'simple' } }),
    );
  try {
    await test.step('with a lax password policy and USER_PASSWORD_AUTH allowed, a six-letter password signs up and in', async () => {
      const variant = await startVariantApi(withSettings(true), { dataDir });
      try {
        const { UserPoolId, UserPoolClientId } = variant.stack.outputs;
        await cognito.send(new SignUpCommand({ ClientId: UserPoolClientId, Username: email, Password: 'simple' }));
        await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId, Username: email }));
        expect((await signIn(UserPoolClientId!)).AuthenticationResult?.IdToken).toBeTruthy();
      } finally {
        await variant.stop();
      }
    });
    await test.step("both taken out: Cognito's default policy and flows, the client's other settings kept", async () => {
      const variant = await startVariantApi(withSettings(false), { dataDir });
      try {
        const { UserPoolId, UserPoolClientId } = variant.stack.outputs;
        const weak = await failure(
          cognito.send(new SignUpCommand({ ClientId: UserPoolClientId, Username: uniqueEmail('defaults'), Password: 'simple' })),
        );
        expect(weak).toEqual({
          name: 'InvalidPasswordException',
          message: 'Password did not conform with policy: Password not long enough',
        });
        const refused = await failure(signIn(UserPoolClientId!));
        expect(refused).toEqual({ name: 'InvalidParameterException', message: 'USER_PASSWORD_AUTH flow not enabled for this client' });
        const { UserPoolClient } = await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId, ClientId: UserPoolClientId }));
        expect(UserPoolClient?.ExplicitAuthFlows).toBeUndefined();
        expect(UserPoolClient?.PreventUserExistenceErrors).toBe('ENABLED');
      } finally {
        await variant.stop();
      }
    });
  } finally {
    cognito.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test.describe('a user pool that another stack owns on AWS', () => {
  const SHARED_ARN = 'arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Shared1';

  /** The tutorial's pattern: the authorizer names the pool by ARN, through a stage parameter. */
  const sharedPool =
    (standIn: boolean): ServiceEdit =>
    (service) => {
      // Beside the starter's own params (the web page's URL per stage).
      service.params = {
        ...service.params,
        default: { ...service.params?.default, sharedPoolArn: SHARED_ARN },
        // Only AWS can answer this, and only the prod stage uses it: the local stage still starts.
        prod: { ...service.params?.prod, sharedPoolArn: '${cf:shared-auth-prod.UserPoolArn}' },
      };
      service.custom.accountForProd = '${aws:accountId}';
      service.functions.helloWorldSecured.events[0].http.authorizer.arn = '${param:sharedPoolArn}';
      service.functions.echo = {
        handler: ECHO,
        environment: { APP_SHARED_POOL_ID: 'eu-west-1_Shared1', APP_SHARED_POOL_ARN: '${param:sharedPoolArn}' },
        events: [{ http: { path: 'api/echo', method: 'get' } }],
      };
      if (!standIn) return;
      service.custom.localStack = {
        resources: {
          SharedUserPool: {
            StandsFor: '${param:sharedPoolArn}',
            Type: 'AWS::Cognito::UserPool',
            Properties: { UserPoolName: ownPoolName('shared'), UsernameAttributes: ['email'] },
          },
          SharedUserPoolClient: {
            Type: 'AWS::Cognito::UserPoolClient',
            Properties: {
              ClientName: 'shared-web',
              UserPoolId: { Ref: 'SharedUserPool' },
              ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
            },
          },
        },
      };
    };

  test('a pool of this stack stands in for it locally: its tokens open the route, the ARN and id are the local ones', async () => {
    const variant = await startVariantApi(sharedPool(true));
    try {
      const sharedPoolId = variant.stack.physicalIds.SharedUserPool!;
      const token = await signedInUser(sharedPoolId, variant.stack.physicalIds.SharedUserPoolClient!);
      expect((await call(`${variant.apiUrl}/api/helloWorldSecured`, { headers: { Authorization: token } })).status).toBe(200);

      // A token of the stack's own pool is not one of the authorizer's pool.
      const ownToken = await signedInUser(variant.stack.outputs.UserPoolId!, variant.stack.outputs.UserPoolClientId!);
      expect((await call(`${variant.apiUrl}/api/helloWorldSecured`, { headers: { Authorization: ownToken } })).status).toBe(401);

      expect((await call(`${variant.apiUrl}/api/echo`)).body.environment).toEqual({
        APP_SHARED_POOL_ID: sharedPoolId,
        APP_SHARED_POOL_ARN: `arn:aws:cognito-idp:eu-west-1:000000000000:userpool/${sharedPoolId}`,
      });
    } finally {
      await variant.stop();
    }
  });

  test('without a stand-in the local stage refuses at once, saying how to add one', async () => {
    const refused = await refusedVariant(sharedPool(false));
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain(
      `GET /api/helloWorldSecured: its authorizer CognitoUserPoolApiGatewayAuthorizer names the user pool ${SHARED_ARN}`,
    );
    expect(refused.output).toContain(`StandsFor: ${SHARED_ARN}`);
    expect(refused.seconds).toBeLessThan(10);
  });

  test('a value only AWS can answer, used by the local stage, is refused by name', async () => {
    const refused = await refusedVariant((service) => {
      service.provider.environment = { APP_TABLE: '${cf:shared-data-local.TableName}' };
    });
    expect(refused.output).toMatch(
      /Environment\.Variables\.APP_TABLE uses \$\{cf:shared-data-local\.TableName\}, which only AWS can answer\. Give the local stage its own value/,
    );
  });
});

test('two routes that share an authorizer name but not its settings are refused, as serverless deploy refuses them', async () => {
  // serverless compiles one AWS::ApiGateway::Authorizer per name, merging every event's settings
  // into it: on AWS the first route would silently read the second one's header
  // (deploy/deploy-plugin.ts stops the deploy; the local stage stops the same way).
  const refused = await refusedVariant((service) => {
    const authorizer = service.functions.helloWorldSecured.events[0].http.authorizer;
    service.functions.other = {
      handler: ECHO,
      events: [
        { http: { path: 'api/other', method: 'get', authorizer: { ...authorizer, identitySource: 'method.request.header.X-Other' } } },
      ],
    };
  });
  expect(refused.output).toContain('share the authorizer name "cognitoUserPool" but set identitySource differently');
  expect(refused.output).toContain("Give each http event's authorizer its own name in serverless.yml, or make these settings equal.");
  expect(refused.seconds).toBeLessThan(10);
});

test.describe('renaming the user pool', () => {
  let dataDir: string;
  test.beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'hello-auth-rename-'));
  });
  test.afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const poolName = ownPoolName('rename');
  const renamed: ServiceEdit = (service) => {
    const resources = service.resources.Resources;
    resources.CognitoUserPool.Properties.UserPoolName = poolName;
    resources.AppUserPool = resources.CognitoUserPool;
    delete resources.CognitoUserPool;
    resources.CognitoUserPoolClient.Properties.UserPoolId = { Ref: 'AppUserPool' };
    resources.CognitoUserPoolDomain.Properties.UserPoolId = { Ref: 'AppUserPool' };
    service.resources.Outputs.UserPoolId.Value = { Ref: 'AppUserPool' };
  };

  test('a forgotten reference to the old logical id is refused at start, naming it', async () => {
    const refused = await refusedVariant(renamed, { dataDir });
    expect(refused.output).toMatch(
      /CognitoUserPoolApiGatewayAuthorizer\.Properties\.ProviderARNs\[0\] refers to CognitoUserPool, but there is no resource CognitoUserPool/,
    );
    expect(refused.seconds).toBeLessThan(10);
  });

  test('replaces the pool as CloudFormation would, and says that on AWS its users would be gone', async () => {
    const first = await startVariantApi(
      (service) => void (service.resources.Resources.CognitoUserPool.Properties.UserPoolName = poolName),
      { dataDir },
    );
    const oldPoolId = first.stack.outputs.UserPoolId!;
    await first.stop();

    const second = await startVariantApi(
      (service) => {
        renamed(service);
        service.functions.helloWorldSecured.events[0].http.authorizer.arn = { 'Fn::GetAtt': ['AppUserPool', 'Arn'] };
      },
      { dataDir },
    );
    try {
      expect(second.output()).toContain(
        'CognitoUserPool (AWS::Cognito::UserPool) is no longer in serverless.yml (renamed or deleted), and the old one is deleted',
      );
      expect(second.output()).toContain('On AWS, every user in it would be deleted with it.');
      expect(second.stack.outputs.UserPoolId).not.toBe(oldPoolId);
      const cognito = cognitoClient(e2eStack.urls.cognito);
      await expect(cognito.send(new DescribeUserPoolCommand({ UserPoolId: oldPoolId }))).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
      });
      cognito.destroy();
      // The seed users are in the new pool.
      expect(await idToken(second.stack.outputs.UserPoolClientId!, 'user@example.com', 'User-Passw0rd!')).toMatch(/^ey/);
    } finally {
      await second.stop();
    }
  });
});

test("a Lambda authorizer of another service's function is refused at start, naming the route: locally it would be open", async () => {
  const refused = await refusedVariant((service) => {
    service.functions.helloWorldSecured.events[0].http.authorizer = {
      name: 'shared',
      arn: 'arn:aws:lambda:eu-west-1:123456789012:function:shared-auth-prod-authorize',
      type: 'TOKEN',
    };
  });
  expect(refused.output).toMatch(
    /: its Lambda authorizer SharedApiGatewayAuthorizer invokes arn:aws:lambda:eu-west-1:123456789012:function:shared-auth-prod-authorize, which is not a function of this service/,
  );
  expect(refused.seconds).toBeLessThan(10);
});

test("a group attachment for a user the pool does not have is refused, naming the resource, as CloudFormation's call would fail", async () => {
  const refused = await refusedVariant((service) => {
    service.resources.Resources.CognitoUserPool.Properties.UserPoolName = ownPoolName('attach');
    Object.assign(service.resources.Resources, {
      Editors: { Type: 'AWS::Cognito::UserPoolGroup', Properties: { GroupName: 'editors', UserPoolId: { Ref: 'CognitoUserPool' } } },
      NobodyIsEditor: {
        Type: 'AWS::Cognito::UserPoolUserToGroupAttachment',
        Properties: { GroupName: { Ref: 'Editors' }, Username: 'nobody@example.com', UserPoolId: { Ref: 'CognitoUserPool' } },
      },
    });
  });
  expect(refused.output).toMatch(
    /NobodyIsEditor \(AWS::Cognito::UserPoolUserToGroupAttachment\): the Cognito emulator refused it \(UserNotFoundException: /,
  );
  expect(refused.seconds).toBeLessThan(10);
});

test("serverless-offline's AUTHORIZER variable, set where the API starts, makes no caller up", async () => {
  const forged = JSON.stringify({ principalId: 'mallory', claims: { email: 'mallory@example.com' } });
  const variant = await startVariantApi(
    (service) => {
      service.functions.echo = { handler: ECHO, events: [{ http: { path: 'api/echo', method: 'get' } }] };
    },
    { env: { AUTHORIZER: forged } },
  );
  try {
    expect((await call(`${variant.apiUrl}/api/echo`)).body.authorizer).toEqual({});
    expect((await call(`${variant.apiUrl}/api/helloWorldSecured`)).status).toBe(401);
  } finally {
    await variant.stop();
  }
});

test('a literal provider.stage and region (say `stage: dev`) give way to the stage being started, as `--stage` overrides them on deploy', async () => {
  const variant = await startVariantApi((service) => {
    service.provider.stage = 'dev';
    service.provider.region = 'us-west-2';
    service.resources.Resources.CognitoUserPool.Properties.UserPoolName = ownPoolName('literal-stage');
    service.functions.echo = { handler: ECHO, events: [{ http: { path: 'api/echo', method: 'get' } }] };
    service.resources.Outputs.PoolArn = { Value: { 'Fn::GetAtt': ['CognitoUserPool', 'Arn'] } };
  });
  try {
    expect(variant.stack.stage).toBe('local');
    expect(variant.apiUrl).toMatch(/\/local$/);
    expect((await call(`${variant.apiUrl}/api/echo`)).status).toBe(200);
    // serverless's own region, not a copy of the file's text: the pool's ARN carries it.
    expect(variant.stack.outputs.PoolArn).toMatch(/^arn:aws:cognito-idp:us-west-2:/);
  } finally {
    await variant.stop();
  }
});

test("a stack with the Serverless Dashboard's org and app starts without a dashboard login, as the local stage talks to no dashboard", async () => {
  const variant = await startVariantApi((service) => {
    service.org = 'some-team';
    service.app = 'some-app';
    service.resources.Resources.CognitoUserPool.Properties.UserPoolName = ownPoolName('dashboard');
  });
  try {
    expect(variant.output()).not.toContain('You are not currently logged in');
    expect((await call(`${variant.apiUrl}/api/helloWorld`)).status).toBe(200);
  } finally {
    await variant.stop();
  }
});
