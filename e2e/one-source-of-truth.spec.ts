// The local user pool and app client are the ones serverless.yml describes, so the local stack
// and AWS cannot drift apart silently. (Node only.)
import { readFileSync } from 'node:fs';
import { DescribeUserPoolClientCommand, DescribeUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { expect, test } from '@playwright/test';
import YAML from 'yaml';
import { cognitoClient } from '../testing/cognito-client.ts';
import { e2eOutput, e2eStack } from './stack.ts';

const resources = YAML.parse(readFileSync('serverless.yml', 'utf8')).resources.Resources as Record<
  string,
  { Type: string; Properties: any }
>;
const declared = (type: string) => Object.values(resources).find((resource) => resource.Type === type)!.Properties;

test("the local pool and client have serverless.yml's settings", async () => {
  const cognito = cognitoClient(e2eStack.urls.cognito);
  const pool = declared('AWS::Cognito::UserPool');
  const client = declared('AWS::Cognito::UserPoolClient');

  const { UserPool } = await cognito.send(new DescribeUserPoolCommand({ UserPoolId: e2eOutput('UserPoolId') }));
  expect(UserPool?.UsernameAttributes).toEqual(pool.UsernameAttributes);
  expect(UserPool?.AutoVerifiedAttributes).toEqual(pool.AutoVerifiedAttributes);
  expect(UserPool?.Policies?.PasswordPolicy).toMatchObject(pool.Policies.PasswordPolicy);

  const { UserPoolClient } = await cognito.send(
    new DescribeUserPoolClientCommand({ UserPoolId: e2eOutput('UserPoolId'), ClientId: e2eOutput('UserPoolClientId') }),
  );
  expect(UserPoolClient?.ClientSecret).toBeUndefined();
  expect(client.GenerateSecret).toBe(false);
  expect(UserPoolClient?.ExplicitAuthFlows).toEqual(client.ExplicitAuthFlows);
  expect(UserPoolClient?.PreventUserExistenceErrors).toBe(client.PreventUserExistenceErrors);
  expect(UserPoolClient?.IdTokenValidity).toBe(client.IdTokenValidity);
  expect(UserPoolClient?.AccessTokenValidity).toBe(client.AccessTokenValidity);
  expect(UserPoolClient?.RefreshTokenValidity).toBe(client.RefreshTokenValidity);
  expect(UserPoolClient?.TokenValidityUnits).toEqual(client.TokenValidityUnits);
  cognito.destroy();
});
