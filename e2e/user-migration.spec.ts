// The UserMigration trigger written in serverless.yml (LambdaConfig on the pool, by Fn::GetAtt)
// moves legacy users into the local pool as Cognito does (docs/aws-behaviour.md, "Cognito
// triggers"): on an edited copy of serverless.yml, served beside the e2e stack.
import {
  AdminGetUserCommand,
  ConfirmForgotPasswordCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { expect, test } from '@playwright/test';
import { decodeJwt } from 'jose';
import { cognitoClient } from '../testing/cognito-client.ts';
import { uniqueEmail } from '../testing/unique-names.ts';
import { failure, e2eStack } from './stack.ts';
import { attachTrigger, ownPool, startVariantApi, type ServiceEdit, type VariantApi } from './variant-stack.ts';

const LEGACY_PASSWORD = 'Legacy-Horse-1';

/** The legacy directory's trigger on the pool, with the permission Cognito needs on AWS. */
const withUserMigration: ServiceEdit = (service) => {
  ownPool(service, 'migration');
  service.functions.triggerMigrateUser = { handler: 'e2e/fixtures/user-migration.migrateUser' };
  attachTrigger(service, 'UserMigration', 'triggerMigrateUser');
};

test.describe('the UserMigration trigger from serverless.yml', () => {
  let variant: VariantApi;
  const cognito = cognitoClient(e2eStack.urls.cognito);
  const pool = () => ({ UserPoolId: variant.stack.outputs.UserPoolId!, ClientId: variant.stack.outputs.UserPoolClientId! });
  const migrations = (email: string) => variant.output().split(`migrating ${email} `).length - 1;
  const signIn = (USERNAME: string, PASSWORD: string) =>
    cognito.send(
      new InitiateAuthCommand({ ClientId: pool().ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME, PASSWORD } }),
    );

  test.beforeAll(async () => {
    variant = await startVariantApi(withUserMigration);
  });
  test.afterAll(async () => {
    await variant?.stop();
  });

  test('a legacy user signs in with their old password through the AWS SDK, once migrated, then as a user of the pool', async () => {
    const email = uniqueEmail('legacy', 'legacy.example.com');
    await test.step('the first sign-in migrates them and hands out tokens', async () => {
      const { AuthenticationResult } = await signIn(email, LEGACY_PASSWORD);
      expect(decodeJwt(AuthenticationResult!.IdToken!)).toMatchObject({ email, name: 'Legacy User', email_verified: true });
      const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: pool().UserPoolId, Username: email }));
      expect(user.UserStatus).toBe('CONFIRMED');
      expect(migrations(email)).toBe(1);
    });
    await test.step('the next sign-in is the pool’s own: no second migration', async () => {
      await signIn(email, LEGACY_PASSWORD);
      expect(migrations(email)).toBe(1);
    });
  });

  test('a wrong legacy password, or a user the legacy directory does not have, is refused and creates no user', async () => {
    const email = uniqueEmail('legacy', 'legacy.example.com');
    // The starter's app client hides whether users exist (PreventUserExistenceErrors: ENABLED).
    expect(await failure(signIn(email, 'Wrong-Horse-1'))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    expect((await failure(cognito.send(new AdminGetUserCommand({ UserPoolId: pool().UserPoolId, Username: email })))).name).toBe(
      'UserNotFoundException',
    );
    expect((await failure(signIn(uniqueEmail('stranger'), LEGACY_PASSWORD))).name).toBe('NotAuthorizedException');
  });

  test('a legacy user who forgot their password is migrated, gets the code, and signs in with the new password', async () => {
    const email = uniqueEmail('forgetful', 'legacy.example.com');
    await cognito.send(new ForgotPasswordCommand({ ClientId: pool().ClientId, Username: email }));
    expect(variant.output()).toContain(`migrating ${email} (UserMigration_ForgotPassword)`);
    const inbox = (await (await fetch(`${e2eStack.urls.cognito}/_dev/inbox?to=${encodeURIComponent(email)}`)).json()) as { code: string }[];
    await cognito.send(
      new ConfirmForgotPasswordCommand({
        ClientId: pool().ClientId,
        Username: email,
        ConfirmationCode: inbox.at(-1)!.code,
        Password: 'New-Horse-1',
      }),
    );
    expect((await signIn(email, 'New-Horse-1')).AuthenticationResult?.IdToken).toBeDefined();
  });
});
