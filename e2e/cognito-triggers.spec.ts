// Cognito Lambda triggers written in serverless.yml, in both of the ways teams declare them, run
// against the local pool as Cognito runs them (docs/aws-behaviour.md, "Cognito triggers"): each
// form on an edited copy of serverless.yml, served beside the e2e stack.
import {
  AdminConfirmSignUpCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { cognitoClient } from '../testing/cognito-client.ts';
import { uniqueEmail } from '../testing/unique-names.ts';
import { expect, test } from './hello-page.ts';
import { failure, e2eStack } from './stack.ts';
import { attachTrigger, functionArnOf, ownPool, startVariantApi, type ServiceEdit, type VariantApi } from './variant-stack.ts';

const PASSWORD = 'Correct-Horse-1';
const HANDLERS = 'e2e/fixtures/cognito-triggers';

/** The trigger functions, as serverless.yml declares them (`events` per form). */
function triggerFunctions(service: Record<string, any>, events: (trigger: string) => object[] = () => []) {
  const fn = (handler: string, trigger: string) => ({ handler: `${HANDLERS}.${handler}`, events: events(trigger) });
  Object.assign(service.functions, {
    triggerPreSignUp: fn('preSignUp', 'PreSignUp'),
    triggerPostConfirmation: fn('postConfirmation', 'PostConfirmation'),
    triggerCustomMessage: fn('customMessage', 'CustomMessage'),
  });
  service.resources.Resources.UsersGroup = {
    Type: 'AWS::Cognito::UserPoolGroup',
    Properties: { GroupName: 'users', UserPoolId: { Ref: 'CognitoUserPool' } },
  };
  service.resources.Resources.VerifiedGroup = {
    Type: 'AWS::Cognito::UserPoolGroup',
    Properties: { GroupName: 'verified', UserPoolId: { Ref: 'CognitoUserPool' } },
  };
}

/** `LambdaConfig` on the pool resource, each function by `Fn::GetAtt`, with the permissions Cognito needs on AWS; tokens by V2. */
const withLambdaConfig: ServiceEdit = (service) => {
  ownPool(service, 'triggers');
  triggerFunctions(service);
  service.functions.triggerPreTokenGeneration = { handler: `${HANDLERS}.preTokenGenerationV2` };
  attachTrigger(service, 'PreSignUp', 'triggerPreSignUp');
  attachTrigger(service, 'PostConfirmation', 'triggerPostConfirmation');
  attachTrigger(service, 'CustomMessage', 'triggerCustomMessage');
  attachTrigger(service, 'PreTokenGenerationConfig', 'triggerPreTokenGeneration', {
    LambdaArn: functionArnOf('triggerPreTokenGeneration'),
    LambdaVersion: 'V2_0',
  });
};

/** `cognitoUserPool` events on the existing pool (`existing: true`), tokens by V1. */
const withTriggerEvents: ServiceEdit = (service) => {
  ownPool(service, 'triggers');
  const pool = service.resources.Resources.CognitoUserPool.Properties.UserPoolName;
  const events = (trigger: string) => [{ cognitoUserPool: { pool, trigger, existing: true } }];
  triggerFunctions(service, events);
  service.functions.triggerPreTokenGeneration = { handler: `${HANDLERS}.preTokenGeneration`, events: events('PreTokenGeneration') };
};

/**
 * `cognitoUserPool` events without `existing`: serverless merges LambdaConfig into the pool
 * `CognitoUserPool<Pool>`, so the starter's pool resource is renamed to that (and every
 * reference with it), as a team would do to attach the triggers to it. Tokens by V1.
 */
const withGeneratedPoolEvents: ServiceEdit = (service) => {
  const renamed = JSON.parse(JSON.stringify(service).replaceAll('"CognitoUserPool"', '"CognitoUserPoolUsers"'));
  Object.assign(service, renamed);
  const events = (trigger: string) => [{ cognitoUserPool: { pool: 'Users', trigger } }];
  triggerFunctions(service, events);
  service.resources.Resources.UsersGroup.Properties.UserPoolId = { Ref: 'CognitoUserPoolUsers' };
  service.resources.Resources.VerifiedGroup.Properties.UserPoolId = { Ref: 'CognitoUserPoolUsers' };
  service.functions.triggerPreTokenGeneration = { handler: `${HANDLERS}.preTokenGeneration`, events: events('PreTokenGeneration') };
};

for (const [form, edit, tokenVersion] of [
  ['LambdaConfig on the pool resource', withLambdaConfig, 'V2'],
  ['cognitoUserPool events with existing: true', withTriggerEvents, 'V1'],
  ['cognitoUserPool events on the pool serverless generates', withGeneratedPoolEvents, 'V1'],
] as const) {
  test.describe(`Cognito triggers from ${form}`, () => {
    let variant: VariantApi;
    const cognito = cognitoClient(e2eStack.urls.cognito);
    const pool = () => ({ UserPoolId: variant.stack.outputs.UserPoolId!, ClientId: variant.stack.outputs.UserPoolClientId! });

    test.beforeAll(async () => {
      variant = await startVariantApi(edit);
    });
    test.afterAll(async () => {
      await variant?.stop();
    });

    const signUp = (email: string) =>
      cognito.send(
        new SignUpCommand({
          ClientId: pool().ClientId,
          Username: email,
          Password: PASSWORD,
          UserAttributes: [{ Name: 'email', Value: email }],
        }),
      );

    test('PreSignUp auto-confirms an invited address, and a throwing PreSignUp refuses the sign-up with its message and creates no user', async () => {
      const invited = uniqueEmail('trigger', 'invited.example.com');
      expect((await signUp(invited)).UserConfirmed).toBe(true);

      const blocked = uniqueEmail('trigger', 'blocked.example.com');
      expect(await failure(signUp(blocked))).toEqual({
        name: 'UserLambdaValidationException',
        message: 'PreSignUp failed with error Sign-ups from blocked.example.com are closed.',
      });
      expect((await failure(cognito.send(new AdminGetUserCommand({ UserPoolId: pool().UserPoolId, Username: blocked })))).name).toBe(
        'UserNotFoundException',
      );
    });

    test(`CustomMessage words the code's email, PostConfirmation adds the user to a group, PreTokenGeneration (${tokenVersion}) adds claims`, async ({
      helloPage,
    }) => {
      const email = uniqueEmail('trigger');
      await signUp(email);
      const inbox = (await (await fetch(`${e2eStack.urls.cognito}/_dev/inbox?to=${encodeURIComponent(email)}`)).json()) as {
        code: string;
        subject?: string;
        message?: string;
      }[];
      const message = inbox.at(-1)!;
      expect(message.subject).toBe('Welcome to Hello');
      expect(message.message).toBe(`Welcome! Your code is ${message.code}.`);
      // The web client's dev inbox panel shows the trigger's subject too.
      await helloPage.devInbox.getByRole('button', { name: 'Refresh' }).click();
      await expect(helloPage.devInbox.getByRole('row', { name: new RegExp(email) })).toContainText('“Welcome to Hello”');

      await cognito.send(new ConfirmSignUpCommand({ ClientId: pool().ClientId, Username: email, ConfirmationCode: message.code }));
      // By the user's username (the sub: the pool signs in by email); AdminListGroupsForUser by email is #16's.
      const { Username } = await cognito.send(new AdminGetUserCommand({ UserPoolId: pool().UserPoolId, Username: email }));
      const { Groups = [] } = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: pool().UserPoolId, Username }));
      // `verified`: PostConfirmation's event carried email_verified "true", the email the code confirmed
      // (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-post-confirmation.html).
      expect(Groups.map((group) => group.GroupName).sort()).toEqual(['users', 'verified']);

      const { AuthenticationResult } = await cognito.send(
        new InitiateAuthCommand({
          ClientId: pool().ClientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: email, PASSWORD },
        }),
      );
      const idToken = decodeJwt(AuthenticationResult!.IdToken!);
      expect(idToken.tenant).toBe('acme');
      expect([...(idToken['cognito:groups'] as string[])].sort()).toEqual(['users', 'verified']);
      const accessToken = decodeJwt(AuthenticationResult!.AccessToken!);
      if (tokenVersion === 'V2') {
        expect(accessToken.tenant).toBe('acme');
        expect(String(accessToken.scope).split(' ')).toContain('hello/read');
      } else {
        expect(accessToken.tenant).toBeUndefined();
      }
    });

    test('AdminConfirmSignUp runs PostConfirmation after its save, with no email verified: the user joins `users`, not `verified`', async () => {
      const email = uniqueEmail('trigger-admin');
      await signUp(email);
      await cognito.send(
        new AdminConfirmSignUpCommand({ UserPoolId: pool().UserPoolId, Username: email, ClientMetadata: { by: 'admin' } }),
      );
      const { Username, UserStatus } = await cognito.send(new AdminGetUserCommand({ UserPoolId: pool().UserPoolId, Username: email }));
      expect(UserStatus).toBe('CONFIRMED');
      const { Groups = [] } = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: pool().UserPoolId, Username }));
      // The trigger's AdminAddUserToGroup found the user already CONFIRMED; no code verified the email
      // (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminConfirmSignUp.html).
      expect(Groups.map((group) => group.GroupName)).toEqual(['users']);
    });
  });
}
