import { describe, expect, it } from 'vitest';
import {
  cognitoResourcesFromTemplate,
  withAwsTokenValidity,
  refTarget,
  TemplateResourceError,
  type TemplateResource,
} from './template-resources.ts';

const passwordPolicy = {
  MinimumLength: 8,
  RequireLowercase: true,
  RequireNumbers: true,
  RequireSymbols: true,
  RequireUppercase: true,
  TemporaryPasswordValidityDays: 7,
};

/** The shape of serverless.yml's resources once serverless has resolved its variables. */
function template(): Record<string, TemplateResource> {
  return {
    CognitoUserPool: {
      Type: 'AWS::Cognito::UserPool',
      Properties: {
        UserPoolName: 'hello-auth-local-user-pool',
        UsernameAttributes: ['email'],
        AutoVerifiedAttributes: ['email'],
        Policies: { PasswordPolicy: passwordPolicy },
      },
    },
    CognitoUserPoolClient: {
      Type: 'AWS::Cognito::UserPoolClient',
      Properties: {
        ClientName: 'hello-auth-local-web-client',
        UserPoolId: { Ref: 'CognitoUserPool' },
        GenerateSecret: false,
        ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        TokenValidityUnits: { IdToken: 'minutes' },
      },
    },
    GatewayResponseDefault4XX: {
      Type: 'AWS::ApiGateway::GatewayResponse',
      Properties: {
        ResponseType: 'DEFAULT_4XX',
        RestApiId: { Ref: 'ApiGatewayRestApi' },
      },
    },
  };
}

function withProperties(logicalId: string, properties: Record<string, unknown>): Record<string, TemplateResource> {
  const resources = template();
  const resource = resources[logicalId];
  if (!resource) throw new Error(`no ${logicalId} in the test template`);
  return { ...resources, [logicalId]: { ...resource, Properties: properties } };
}

function thrown(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    return error as Error;
  }
  return expect.fail('nothing was thrown');
}

describe('cognitoResourcesFromTemplate', () => {
  it('maps a user pool to CreateUserPool input, renaming UserPoolName to PoolName', () => {
    const { userPools } = cognitoResourcesFromTemplate(template());

    expect(userPools).toEqual([
      {
        logicalId: 'CognitoUserPool',
        input: {
          PoolName: 'hello-auth-local-user-pool',
          UsernameAttributes: ['email'],
          AutoVerifiedAttributes: ['email'],
          Policies: { PasswordPolicy: passwordPolicy },
        },
      },
    ]);
    expect(userPools[0]?.input).not.toHaveProperty('UserPoolName');
  });

  it('maps an app client to its pool by Ref and keeps the rest as input, with AWS\'s token lifetimes filled in', () => {
    const { clients } = cognitoResourcesFromTemplate(template());

    expect(clients).toEqual([
      {
        logicalId: 'CognitoUserPoolClient',
        userPoolLogicalId: 'CognitoUserPool',
        input: {
          ClientName: 'hello-auth-local-web-client',
          GenerateSecret: false,
          ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
          // The template names a unit but no lifetime: AWS's default lifetime, in its unit.
          IdTokenValidity: 1,
          AccessTokenValidity: 1,
          RefreshTokenValidity: 30,
          TokenValidityUnits: { IdToken: 'hours', AccessToken: 'hours', RefreshToken: 'days' },
        },
      },
    ]);
    expect(clients[0]?.input).not.toHaveProperty('UserPoolId');
  });

  it('ignores resources that are not Cognito pools or clients', () => {
    const resources = template();
    delete resources.CognitoUserPool;
    delete resources.CognitoUserPoolClient;

    expect(cognitoResourcesFromTemplate(resources)).toEqual({ userPools: [], clients: [] });
  });

  it('rejects a pool without UserPoolName, naming the resource and property', () => {
    const error = thrown(() =>
      cognitoResourcesFromTemplate(withProperties('CognitoUserPool', { UsernameAttributes: ['email'] })),
    );

    expect(error).toBeInstanceOf(TemplateResourceError);
    expect(error.message).toContain('CognitoUserPool.Properties.UserPoolName');
  });

  it.each([
    ['a pool that is not in the template', { Ref: 'SomeOtherPool' }],
    ['a resource that is not a pool', { Ref: 'GatewayResponseDefault4XX' }],
    ['a literal pool id', 'eu-west-1_AbCdEf12'],
    ['a Ref with extra keys', { Ref: 'CognitoUserPool', Extra: 1 }],
    ['nothing', undefined],
  ])('rejects a client whose UserPoolId refers to %s', (_, UserPoolId) => {
    const error = thrown(() =>
      cognitoResourcesFromTemplate(withProperties('CognitoUserPoolClient', { ClientName: 'web', UserPoolId })),
    );

    expect(error).toBeInstanceOf(TemplateResourceError);
    expect(error.message).toContain('CognitoUserPoolClient.Properties.UserPoolId');
  });

  it('rejects a client without ClientName, naming the resource and property', () => {
    const error = thrown(() =>
      cognitoResourcesFromTemplate(withProperties('CognitoUserPoolClient', { UserPoolId: { Ref: 'CognitoUserPool' } })),
    );

    expect(error).toBeInstanceOf(TemplateResourceError);
    expect(error.message).toContain('CognitoUserPoolClient.Properties.ClientName');
  });

  it('rejects a pool property built with Fn::Sub, naming the property and the intrinsic', () => {
    const error = thrown(() =>
      cognitoResourcesFromTemplate(
        withProperties('CognitoUserPool', { UserPoolName: { 'Fn::Sub': '${AWS::StackName}-pool' } }),
      ),
    );

    expect(error).toBeInstanceOf(TemplateResourceError);
    expect(error.message).toContain('CognitoUserPool.Properties.UserPoolName uses Fn::Sub');
  });

  it('rejects a Ref nested inside a pool property', () => {
    const error = thrown(() =>
      cognitoResourcesFromTemplate(
        withProperties('CognitoUserPool', {
          UserPoolName: 'pool',
          LambdaConfig: { PreSignUp: { Ref: 'PreSignUpFunction' } },
        }),
      ),
    );

    expect(error).toBeInstanceOf(TemplateResourceError);
    expect(error.message).toContain('CognitoUserPool.Properties.LambdaConfig uses Ref');
  });

  it('rejects an intrinsic inside a list in a client property', () => {
    const error = thrown(() =>
      cognitoResourcesFromTemplate(
        withProperties('CognitoUserPoolClient', {
          ClientName: 'web',
          UserPoolId: { Ref: 'CognitoUserPool' },
          CallbackURLs: ['http://localhost:5173', { 'Fn::GetAtt': ['Site', 'Url'] }],
        }),
      ),
    );

    expect(error).toBeInstanceOf(TemplateResourceError);
    expect(error.message).toContain('CognitoUserPoolClient.Properties.CallbackURLs uses Fn::GetAtt');
  });
});

describe('refTarget', () => {
  it('returns the logical id of a Ref', () => {
    expect(refTarget({ Ref: 'CognitoUserPool' })).toBe('CognitoUserPool');
  });

  it.each([
    ['a string', 'CognitoUserPool'],
    ['null', null],
    ['undefined', undefined],
    ['a Ref with other keys', { Ref: 'CognitoUserPool', Other: true }],
    ['a Ref to a non-string', { Ref: 42 }],
    ['another intrinsic', { 'Fn::GetAtt': ['CognitoUserPool', 'Arn'] }],
  ])('returns undefined for %s', (_, value) => {
    expect(refTarget(value)).toBeUndefined();
  });
});

describe('withAwsTokenValidity', () => {
  it('gives a client without lifetimes AWS\'s: 1 h ID and access tokens, 30-day refresh tokens', () => {
    expect(withAwsTokenValidity({ ClientName: 'web' })).toEqual({
      ClientName: 'web',
      IdTokenValidity: 1,
      AccessTokenValidity: 1,
      RefreshTokenValidity: 30,
      TokenValidityUnits: { IdToken: 'hours', AccessToken: 'hours', RefreshToken: 'days' },
    });
  });

  it('keeps lifetimes and units the template sets', () => {
    const client = { IdTokenValidity: 5, AccessTokenValidity: 10, RefreshTokenValidity: 60, TokenValidityUnits: { IdToken: 'minutes', AccessToken: 'minutes', RefreshToken: 'minutes' } };
    expect(withAwsTokenValidity(client)).toEqual(client);
  });

  it('reads a lifetime without a unit in the API\'s default unit (hours, or days for refresh tokens)', () => {
    expect(withAwsTokenValidity({ IdTokenValidity: 2, RefreshTokenValidity: 7 }).TokenValidityUnits).toEqual({
      IdToken: 'hours',
      AccessToken: 'hours',
      RefreshToken: 'days',
    });
  });
});
