// What CloudFormation decides about a stack's resources, run by the real local stage from a fresh
// data folder beside the e2e stack's emulator: names it generates when serverless.yml gives none,
// and stack identity `<service>-<stage>` (a renamed service is a new stack; the old one stays).
// Sources: docs/aws-behaviour.md ("Stack identity and generated names").
import {
  AdminConfirmSignUpCommand,
  AdminGetUserCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cognitoClient } from '../testing/cognito-client.ts';
import { uniqueEmail } from '../testing/unique-names.ts';
import { e2eOutput, e2eStack } from './stack.ts';
import { startVariantApi, type ServiceEdit, type VariantApi } from './variant-stack.ts';

const PASSWORD = 'Stack-Passw0rd!';

/** Signs `email` up and confirms it in the variant's pool, through its app client. */
async function signUp(variant: VariantApi, email: string): Promise<void> {
  const cognito = cognitoClient(e2eStack.urls.cognito);
  try {
    await cognito.send(new SignUpCommand({ ClientId: variant.stack.outputs.UserPoolClientId!, Username: email, Password: PASSWORD }));
    await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: variant.stack.outputs.UserPoolId!, Username: email }));
  } finally {
    cognito.destroy();
  }
}

/** Signs `email` in through the variant's app client: its ID token, or the error Cognito answered. */
async function signIn(variant: VariantApi, email: string): Promise<string> {
  const cognito = cognitoClient(e2eStack.urls.cognito);
  try {
    const { AuthenticationResult } = await cognito.send(
      new InitiateAuthCommand({
        ClientId: variant.stack.outputs.UserPoolClientId!,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: email, PASSWORD },
      }),
    );
    return AuthenticationResult!.IdToken!;
  } catch (error) {
    return (error as Error).name;
  } finally {
    cognito.destroy();
  }
}

test('a pool without UserPoolName and a client without ClientName start, named as CloudFormation names them', async () => {
  const variant = await startVariantApi((service) => {
    const { CognitoUserPool, CognitoUserPoolClient } = service.resources.Resources;
    delete CognitoUserPool.Properties.UserPoolName;
    delete CognitoUserPoolClient.Properties.ClientName;
  });
  const cognito = cognitoClient(e2eStack.urls.cognito);
  try {
    const UserPoolId = variant.stack.outputs.UserPoolId!;
    await test.step('the names are <stack>-<logicalId>-<random>', async () => {
      const { UserPool } = await cognito.send(new DescribeUserPoolCommand({ UserPoolId }));
      expect(UserPool!.Name).toMatch(/^hello-auth-local-CognitoUserPool-[a-zA-Z0-9]{12}$/);
      const { UserPoolClient } = await cognito.send(
        new DescribeUserPoolClientCommand({ UserPoolId, ClientId: variant.stack.outputs.UserPoolClientId! }),
      );
      expect(UserPoolClient!.ClientName).toMatch(/^hello-auth-local-CognitoUserPoolClient-[a-zA-Z0-9]{12}$/);
      // Its own pool, not the e2e stack's (the same stack name, another data folder).
      expect(UserPoolId).not.toBe(e2eOutput('UserPoolId'));
    });
    await test.step('a user signs up and in, and calls the secured endpoint', async () => {
      const email = uniqueEmail('unnamed');
      await signUp(variant, email);
      const token = await signIn(variant, email);
      expect(token).toMatch(/^ey/);
      const response = await fetch(`${variant.apiUrl}/api/helloWorldSecured`, { headers: { Authorization: token } });
      expect(response.status).toBe(200);
    });
  } finally {
    cognito.destroy();
    await variant.stop();
  }
});

test.describe('a renamed service', () => {
  let dataDir: string;
  test.beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'hello-auth-renamed-service-'));
  });
  test.afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const suffix = Math.random().toString(36).slice(2, 8);
  /** serverless.yml's `service` renamed; the pool's name follows it (`${self:service}-${sls:stage}-user-pool`). */
  const asService =
    (name: string): ServiceEdit =>
    (service) =>
      void (service.service = name);

  test('is a new stack with a new pool, and the old stack keeps its pool and users', async () => {
    const [before, after] = [`team-a-${suffix}`, `team-b-${suffix}`];
    const email = uniqueEmail('renamed');

    const first = await startVariantApi(asService(before), { dataDir });
    const oldPoolId = first.stack.outputs.UserPoolId!;
    try {
      expect(first.stack.stackName).toBe(`${before}-local`);
      await signUp(first, email);
      expect(await signIn(first, email)).toMatch(/^ey/);
    } finally {
      await first.stop();
    }

    const renamed = await startVariantApi(asService(after), { dataDir });
    try {
      await test.step('the new stack has a new pool, without the user', async () => {
        expect(renamed.stack.stackName).toBe(`${after}-local`);
        expect(renamed.stack.outputs.UserPoolId).not.toBe(oldPoolId);
        expect(await signIn(renamed, email)).toMatch(/UserNotFoundException|NotAuthorizedException/);
      });
      await test.step("the old stack's pool and user are untouched", async () => {
        const cognito = cognitoClient(e2eStack.urls.cognito);
        try {
          const { Username } = await cognito.send(new AdminGetUserCommand({ UserPoolId: oldPoolId, Username: email }));
          expect(Username).toBeTruthy();
        } finally {
          cognito.destroy();
        }
        expect(renamed.output()).not.toContain('is no longer in serverless.yml');
        expect(renamed.output()).toContain(
          `Stack ${after}-local starts for the first time in this data folder, with new resources; the folder also holds ${before}-local, left as they were`,
        );
      });
    } finally {
      await renamed.stop();
    }

    const again = await startVariantApi(asService(before), { dataDir });
    try {
      await test.step('starting the old name again finds its pool and its user', async () => {
        expect(again.stack.outputs.UserPoolId).toBe(oldPoolId);
        expect(await signIn(again, email)).toMatch(/^ey/);
      });
    } finally {
      await again.stop();
    }
  });
});
