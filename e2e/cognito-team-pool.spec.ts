// A team's own pool and client, written in serverless.yml, run by the local stage as Cognito runs
// them: TOTP MFA from the template's MfaConfiguration and EnabledMfas (which CloudFormation sets
// through SetUserPoolMfaConfig), the client's ExplicitAuthFlows enforced, choice-based sign-in
// (USER_AUTH), and email MFA refused at start. docs/aws-behaviour.md, "Cognito sign-in
// challenges" and "Cognito sign-in gates".
import {
  AssociateSoftwareTokenCommand,
  DeleteUserAttributesCommand,
  DeleteUserCommand,
  GetUserCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  UpdateUserAttributesCommand,
  VerifySoftwareTokenCommand,
  VerifyUserAttributeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { expect, test } from '@playwright/test';
import { adminConfirmedUser, cognitoClient } from '../testing/cognito-client.ts';
import { latestCode } from '../testing/dev-inbox.ts';
import { totpCode } from '../testing/totp.ts';
import { uniqueEmail } from '../testing/unique-names.ts';
import { e2eStack, failure } from './stack.ts';
import { ownPool, refusedVariant, type ServiceEdit, startVariantApi, type VariantApi } from './variant-stack.ts';

const PASSWORD = 'Correct-Horse-1';

/** The starter's pool and client, edited as a team would. */
const resourceOf = (service: Parameters<ServiceEdit>[0], type: string) =>
  Object.values<any>(service.resources.Resources).find((resource) => resource.Type === type);
const withMfa =
  (EnabledMfas: string[]): ServiceEdit =>
  (service) => {
    ownPool(service, 'mfa');
    Object.assign(resourceOf(service, 'AWS::Cognito::UserPool').Properties, { MfaConfiguration: 'OPTIONAL', EnabledMfas });
    resourceOf(service, 'AWS::Cognito::UserPoolClient').Properties.ExplicitAuthFlows = [
      'ALLOW_USER_AUTH',
      'ALLOW_USER_SRP_AUTH',
      'ALLOW_REFRESH_TOKEN_AUTH',
    ];
  };

test.describe('a pool with TOTP MFA and a client for choice-based sign-in, from serverless.yml', () => {
  let variant: VariantApi;
  const cognito = cognitoClient(e2eStack.urls.cognito);
  const ClientId = () => variant.stack.outputs.UserPoolClientId!;

  test.beforeAll(async () => {
    variant = await startVariantApi(withMfa(['SOFTWARE_TOKEN_MFA']));
  });
  test.afterAll(async () => {
    await variant?.stop();
    cognito.destroy();
  });

  const user = () => adminConfirmedUser(cognito, variant.stack.outputs.UserPoolId!, uniqueEmail('team-mfa'), PASSWORD);

  const passwordChoice = (email: string) =>
    cognito.send(
      new InitiateAuthCommand({
        ClientId: ClientId(),
        AuthFlow: 'USER_AUTH',
        AuthParameters: { USERNAME: email, PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD },
      }),
    );

  test('the client refuses USER_PASSWORD_AUTH, which its ExplicitAuthFlows leave out', async () => {
    const email = await user();
    const signIn = cognito.send(
      new InitiateAuthCommand({ ClientId: ClientId(), AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD } }),
    );
    expect(await failure(signIn)).toEqual({
      name: 'InvalidParameterException',
      message: 'USER_PASSWORD_AUTH flow not enabled for this client',
    });
  });

  test('a user sets up TOTP, and USER_AUTH with the PASSWORD choice then asks for the code', async () => {
    const email = await user();
    const { AuthenticationResult } = await passwordChoice(email);
    const AccessToken = AuthenticationResult!.AccessToken!;
    const { SecretCode } = await cognito.send(new AssociateSoftwareTokenCommand({ AccessToken }));
    const verified = await cognito.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: totpCode(SecretCode!) }));
    expect(verified.Status).toBe('SUCCESS');
    await cognito.send(new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));

    const challenge = await passwordChoice(email);
    expect(challenge.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    expect(challenge.AuthenticationResult).toBeUndefined();
    const answer = await cognito.send(
      new RespondToAuthChallengeCommand({
        ClientId: ClientId(),
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: totpCode(SecretCode!) },
      }),
    );
    expect(answer.AuthenticationResult?.IdToken).toBeTruthy();
  });

  // API_AssociateSoftwareToken.html: "Amazon Cognito disassociates an existing software token when
  // you verify the new token in a VerifySoftwareToken API request".
  test('a user replacing their TOTP token signs in with the old one until a code of the new one is verified', async () => {
    const email = await user();
    const AccessToken = (await passwordChoice(email)).AuthenticationResult!.AccessToken!;
    const { SecretCode: first } = await cognito.send(new AssociateSoftwareTokenCommand({ AccessToken }));
    await cognito.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: totpCode(first!) }));
    await cognito.send(new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
    const answerWith = async (secret: string) => {
      const challenge = await passwordChoice(email);
      return cognito.send(
        new RespondToAuthChallengeCommand({
          ClientId: ClientId(),
          ChallengeName: 'SOFTWARE_TOKEN_MFA',
          Session: challenge.Session,
          ChallengeResponses: { USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: totpCode(secret) },
        }),
      );
    };

    const { SecretCode: second } = await cognito.send(new AssociateSoftwareTokenCommand({ AccessToken }));
    expect(second).not.toBe(first);
    expect((await answerWith(first!)).AuthenticationResult?.IdToken).toBeTruthy();
    const wrong = totpCode(second!) === '000000' ? '111111' : '000000';
    expect((await failure(cognito.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: wrong })))).name).toBe(
      'EnableSoftwareTokenMFAException',
    );

    await cognito.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: totpCode(second!) }));
    expect((await answerWith(second!)).AuthenticationResult?.IdToken).toBeTruthy();
    expect((await failure(answerWith(first!))).name).toBe('CodeMismatchException');
  });
});

/** A team's pool of its own name, keeping a changed email until its code is verified. */
const verifyingEmailChanges: ServiceEdit = (service) => {
  Object.assign(resourceOf(service, 'AWS::Cognito::UserPool').Properties, {
    UserPoolName: 'team-verifies-email-changes',
    UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
  });
};

test.describe('a pool that keeps the original email until the new one is verified, from serverless.yml', () => {
  let variant: VariantApi;
  const cognito = cognitoClient(e2eStack.urls.cognito);

  test.beforeAll(async () => {
    variant = await startVariantApi(verifyingEmailChanges);
  });
  test.afterAll(async () => {
    await variant?.stop();
    cognito.destroy();
  });

  // API_VerifyUserAttribute.html: "If your user pool requires verification before Amazon Cognito
  // updates the attribute value, this operation updates the affected attribute to its pending value."
  test('a user changes their email with its code, removes an attribute, and deletes themselves', async () => {
    const email = await adminConfirmedUser(cognito, variant.stack.outputs.UserPoolId!, uniqueEmail('team-verify'), PASSWORD);
    const signIn = new InitiateAuthCommand({
      ClientId: variant.stack.outputs.UserPoolClientId!,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD },
    });
    const AccessToken = (await cognito.send(signIn)).AuthenticationResult!.AccessToken!;
    const attributes = async () =>
      Object.fromEntries(((await cognito.send(new GetUserCommand({ AccessToken }))).UserAttributes ?? []).map((a) => [a.Name, a.Value]));

    const changed = uniqueEmail('team-verify-new');
    await cognito.send(
      new UpdateUserAttributesCommand({
        AccessToken,
        UserAttributes: [
          { Name: 'email', Value: changed },
          { Name: 'given_name', Value: 'Ada' },
        ],
      }),
    );
    expect(await attributes()).toMatchObject({ email, email_verified: 'true', given_name: 'Ada' });
    const wrong = await failure(cognito.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: '000000x' })));
    expect(wrong.name).toBe('CodeMismatchException');
    const Code = await latestCode(e2eStack.urls.cognito, changed);
    await cognito.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code }));
    expect(await attributes()).toMatchObject({ email: changed, email_verified: 'true' });

    await cognito.send(new DeleteUserAttributesCommand({ AccessToken, UserAttributeNames: ['given_name'] }));
    expect(await attributes()).not.toHaveProperty('given_name');
    await cognito.send(new DeleteUserCommand({ AccessToken }));
    expect((await failure(cognito.send(signIn))).name).toMatch(/NotAuthorizedException|UserNotFoundException/);
  });
});

test('a pool with email MFA (EnabledMfas EMAIL_OTP) is refused at start, by name, saying what to do', async () => {
  const { code, output, seconds } = await refusedVariant(withMfa(['EMAIL_OTP']));
  expect(code).not.toBe(0);
  expect(output).toMatch(/CognitoUserPool\w*\.EnabledMfas: EMAIL_OTP \(email MFA\) is not emulated locally\. Remove it, or list/);
  expect(seconds).toBeLessThan(30);
});
