// Teams' stacks start from nothing (a fresh data folder): their triggers, pool schemas, phone
// pools, secret clients, no Outputs, no http events. The seed users (local/seed-users.json, or
// SEED_USERS_FILE) are added once every service answers, so the pools' triggers run for them
// as they would for users an administrator creates on AWS; what a pool cannot take is skipped
// with one line. Whole `npm start`s of an edited serverless.yml where the web page or the banner
// matter, variant APIs beside the e2e stack where only the API service does.
import {
  AdminGetUserCommand,
  ForgotPasswordCommand,
  AdminListGroupsForUserCommand,
  ConfirmSignUpCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { cognitoClient } from '../testing/cognito-client.ts';
import { latestCode } from '../testing/dev-inbox.ts';
import { type LaunchedStack, launchStack } from '../testing/launch-stack.ts';
import { uniqueName } from '../testing/unique-names.ts';
import { writeVariantConfig } from '../testing/variant-api.ts';
import { HelloPage, expect, test } from './hello-page.ts';
import { e2eStack } from './stack.ts';
import { attachTrigger, refusedVariant, type ServiceEdit, startVariantApi } from './variant-stack.ts';

const RECORDING = 'e2e/fixtures/recording-triggers';
const SEEDS = JSON.parse(readFileSync('local/seed-users.json', 'utf8')).users as { email: string; password: string; confirmed: boolean }[];
const admin = SEEDS.find((user) => user.email === 'admin@example.com')!;
const pending = SEEDS.find((user) => !user.confirmed)!;

interface TriggerRecord {
  triggerSource: string;
  userName: string;
  userAttributes: Record<string, string>;
}

/** A scratch folder per test: the trigger log, seed files. Removed after the test. */
function scratch() {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'team-starts-'));
  const log = path.join(folder, 'triggers.jsonl');
  writeFileSync(log, '');
  return {
    folder,
    log,
    triggers: (): TriggerRecord[] =>
      readFileSync(log, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line)),
    seedFile(users: object[]): string {
      const file = path.join(folder, 'seed-users.json');
      writeFileSync(file, JSON.stringify({ users }));
      return file;
    },
    remove: () => rmSync(folder, { recursive: true, force: true }),
  };
}

/** The recording triggers (e2e/fixtures/recording-triggers.ts) on the starter's pool, through LambdaConfig; each call written to `log`. */
const withRecordingTriggers =
  (log: string, triggers: readonly ('PreSignUp' | 'PostConfirmation' | 'PreTokenGeneration')[] = ['PreSignUp']): ServiceEdit =>
  (service) => {
    service.provider.environment = { ...service.provider.environment, TRIGGER_LOG: log };
    const handlers = { PreSignUp: 'preSignUp', PostConfirmation: 'postConfirmation', PreTokenGeneration: 'preTokenGeneration' };
    for (const trigger of triggers) {
      service.functions[`record${trigger}`] = { handler: `${RECORDING}.${handlers[trigger]}` };
      attachTrigger(service, trigger, `record${trigger}`);
    }
  };

const both =
  (...edits: ServiceEdit[]): ServiceEdit =>
  (service) => {
    for (const edit of edits) edit(service);
  };

/** A whole `npm start` of serverless.yml with `edit` applied (`npm start -- --config <file>`), from a fresh data folder. */
async function npmStartEdited(edit: ServiceEdit, env: Record<string, string> = {}): Promise<LaunchedStack & { remove(): Promise<void> }> {
  const variant = writeVariantConfig(edit);
  try {
    const stack = await launchStack({ args: ['--config', variant.configFile], env });
    return Object.assign(stack, {
      async remove() {
        await stack.stop();
        variant.remove();
      },
    });
  } catch (error) {
    variant.remove();
    throw error;
  }
}

/** The first screen: the banner, and nothing that looks like an error when nothing is wrong. */
function expectQuietStart(output: string): void {
  expect(output).toContain('Local stack is up');
  expect(output).not.toContain('Missing Authentication Token');
  expect(output, "serverless-offline's route box").not.toContain('┌');
  expect(output).not.toMatch(/Error|\n\s+at /);
}

async function signInOnPage(page: Page, stack: LaunchedStack, email: string, password: string): Promise<HelloPage> {
  const hello = new HelloPage(page);
  await page.goto(stack.urls.web);
  await expect(hello.currentUser).toHaveText('Not signed in');
  await hello.submitSignIn(email, password);
  await expect(hello.currentUser).toHaveText(new RegExp(`^Signed in as ${email}`));
  return hello;
}

test.describe('teams’ stacks start from a fresh data folder', () => {
  test.setTimeout(180_000);

  test('PreSignUp, PostConfirmation and PreTokenGeneration in serverless.yml: the stack starts and the triggers run for the seed users', async ({
    page,
  }) => {
    const files = scratch();
    const stack = await npmStartEdited(withRecordingTriggers(files.log, ['PreSignUp', 'PostConfirmation', 'PreTokenGeneration']));
    try {
      await test.step('the seed users were made through the admin API after the Lambda port answered, so PreSignUp saw each', async () => {
        expectQuietStart(stack.output());
        expect(stack.output()).toContain(
          'Seed users created (local/seed-users.json): admin@example.com, user@example.com, pending@example.com',
        );
        const signUps = files.triggers().filter((call) => call.triggerSource.startsWith('PreSignUp_'));
        expect(signUps.map((call) => [call.triggerSource, call.userAttributes.email])).toEqual([
          ['PreSignUp_AdminCreateUser', 'admin@example.com'],
          ['PreSignUp_AdminCreateUser', 'user@example.com'],
          ['PreSignUp_SignUp', 'pending@example.com'],
        ]);
      });

      await test.step('the unconfirmed seed user confirms with the dev inbox code: PostConfirmation runs', async () => {
        const cognito = cognitoClient(stack.urls.cognito);
        const { UserPoolClientId } = JSON.parse(readFileSync(path.join(stack.dataDir, 'stack.json'), 'utf8')).outputs;
        const code = await latestCode(stack.urls.cognito, pending.email);
        await cognito.send(new ConfirmSignUpCommand({ ClientId: UserPoolClientId, Username: pending.email, ConfirmationCode: code }));
        cognito.destroy();
        expect(
          files
            .triggers()
            .filter((call) => call.triggerSource === 'PostConfirmation_ConfirmSignUp')
            .map((call) => call.userAttributes.email),
        ).toEqual([pending.email]);
      });

      await test.step('a seed user signs in on the page: PreTokenGeneration runs', async () => {
        await signInOnPage(page, stack, admin.email, admin.password);
        expect(
          files
            .triggers()
            .some((call) => call.triggerSource === 'TokenGeneration_Authentication' && call.userAttributes.email === admin.email),
        ).toBe(true);
      });
    } finally {
      await stack.remove();
      files.remove();
    }
  });

  test('no Outputs at all: the web client takes the template’s pool and client, and says so', async ({ page }) => {
    const files = scratch();
    const stack = await npmStartEdited(
      both(withRecordingTriggers(files.log), (service) => {
        delete service.resources.Outputs;
      }),
    );
    try {
      expectQuietStart(stack.output());
      expect(stack.output()).toMatch(
        /web client: user pool \S+, client \S+, from the template: CognitoUserPool, client CognitoUserPoolClient\)/,
      );
      expect(files.triggers().map((call) => call.triggerSource)).toContain('PreSignUp_AdminCreateUser');
      const hello = await signInOnPage(page, stack, admin.email, admin.password);
      await hello.callSecured();
      await expect(hello.apiResponse).toContainText('HTTP 200');
      await expect(hello.apiResponse).toContainText(admin.email);
    } finally {
      await stack.remove();
      files.remove();
    }
  });

  test('no http events (a pool and its triggers): the stack starts without an API, the page without its API section', async ({ page }) => {
    const files = scratch();
    const triggersOnly: ServiceEdit = (service) => {
      delete service.functions.helloWorld;
      delete service.functions.helloWorldSecured;
      // What needs the REST API goes with it, as a team's auth stack has none.
      delete service.resources.Resources.GatewayResponseDefault4XX;
      delete service.resources.Resources.GatewayResponseDefault5XX;
      delete service.resources.Outputs.ApiUrl;
    };
    const stack = await npmStartEdited(both(triggersOnly, withRecordingTriggers(files.log)));
    try {
      expectQuietStart(stack.output());
      expect(stack.output()).toContain('API      none (serverless.yml has no http or httpApi event)');
      expect(files.triggers().map((call) => [call.triggerSource, call.userAttributes.email])).toContainEqual([
        'PreSignUp_AdminCreateUser',
        admin.email,
      ]);
      const hello = await signInOnPage(page, stack, admin.email, admin.password);
      await expect(hello.api.getByRole('note')).toHaveText('Not available: serverless.yml has no http or httpApi event.');
      await expect(hello.api.getByRole('button', { name: 'Call secured endpoint' })).toBeDisabled();
    } finally {
      await stack.remove();
      files.remove();
    }
  });

  test('a client with a secret as the only client: seeding signs up with its SECRET_HASH, and the page says Amplify cannot use it', async ({
    page,
  }) => {
    const files = scratch();
    const stack = await npmStartEdited(
      both(withRecordingTriggers(files.log), (service) => {
        service.resources.Resources.CognitoUserPoolClient.Properties.GenerateSecret = true;
      }),
    );
    try {
      const why =
        'app client CognitoUserPoolClient has a secret (GenerateSecret), which a browser cannot keep: Amplify cannot sign in with it. Add a client without one for the web.';
      expectQuietStart(stack.output());
      expect(stack.output()).toContain(`Sign-in is off on the web page: ${why}`);
      // The unconfirmed seed user signed up through that client: its SECRET_HASH was right.
      expect(files.triggers().map((call) => [call.triggerSource, call.userAttributes.email])).toContainEqual([
        'PreSignUp_SignUp',
        pending.email,
      ]);
      expect(await latestCode(stack.urls.cognito, pending.email)).toMatch(/^\d{6}$/);

      const hello = new HelloPage(page);
      await page.goto(stack.urls.web);
      await expect(hello.currentUser).toHaveText(`Sign-in is off: ${why}.`);
      await expect(hello.signIn.getByRole('note')).toHaveText(`Not available: ${why}.`);
      await expect(hello.signIn.getByRole('button', { name: 'Sign in' })).toBeDisabled();
      // The API still answers the page.
      await hello.callPublic();
      await expect(hello.apiResponse).toContainText('HTTP 200');
    } finally {
      await stack.remove();
      files.remove();
    }
  });

  test('a pool with a required custom attribute is refused at start, by name, as CreateUserPool refuses it', async () => {
    const refused = await refusedVariant((service) => {
      Object.assign(service.resources.Resources.CognitoUserPool.Properties, {
        UserPoolName: uniqueName('required-custom'),
        Schema: [{ Name: 'team', AttributeDataType: 'String', Mutable: true, Required: true }],
      });
    });
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain('CognitoUserPool (AWS::Cognito::UserPool)');
    expect(refused.output).toContain('InvalidParameterException: Required custom attributes are not supported currently.');
    expect(refused.output).not.toMatch(/\n\s+at /);
  });

  test('required standard attributes: a seed user that has them is created (its trigger runs), one without is skipped with one line', async () => {
    const files = scratch();
    const seeds = files.seedFile([
      { email: 'ada@example.com', password: 'Ada-Passw0rd!', attributes: { given_name: 'Ada' } },
      { email: 'nameless@example.com', password: 'Nameless-Passw0rd!' },
    ]);
    const variant = await startVariantApi(
      both(withRecordingTriggers(files.log), (service) => {
        Object.assign(service.resources.Resources.CognitoUserPool.Properties, {
          UserPoolName: uniqueName('required-name'),
          Schema: [{ Name: 'given_name', AttributeDataType: 'String', Mutable: true, Required: true }],
        });
      }),
      { env: { SEED_USERS_FILE: seeds } },
    );
    try {
      // The ready file is written once the seeding is done; its lines (stdout and stderr) may reach the pipes just after.
      await expect.poll(() => variant.output()).toContain(`Seed users created (${path.relative(process.cwd(), seeds)}): ada@example.com`);
      await expect
        .poll(() => variant.output())
        .toContain(
          `Seed user nameless@example.com skipped: user pool CognitoUserPool requires given_name. Give it "attributes": { "given_name": "…" } in ${path.relative(process.cwd(), seeds)}.`,
        );
      expect(files.triggers().map((call) => [call.triggerSource, call.userAttributes.given_name])).toEqual([
        ['PreSignUp_AdminCreateUser', 'Ada'],
      ]);
    } finally {
      await variant.stop();
      files.remove();
    }
  });

  test('a phone-number pool: a seed user with a phone number is created and signs in by it; an email-only one is skipped, saying what to add', async () => {
    const files = scratch();
    const phone = `+1555${String(Date.now()).slice(-7)}`;
    const seeds = files.seedFile([
      { phone_number: phone, password: 'Phone-Passw0rd!' },
      { email: 'ada@example.com', password: 'Ada-Passw0rd!' },
    ]);
    const variant = await startVariantApi(
      both(withRecordingTriggers(files.log), (service) => {
        Object.assign(service.resources.Resources.CognitoUserPool.Properties, {
          UserPoolName: uniqueName('phone-pool'),
          UsernameAttributes: ['phone_number'],
          AutoVerifiedAttributes: [],
          AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_phone_number', Priority: 1 }] },
        });
      }),
      { env: { SEED_USERS_FILE: seeds } },
    );
    try {
      await expect
        .poll(() => variant.output())
        .toContain(
          `Seed user ada@example.com skipped: user pool CognitoUserPool signs users in by phone_number (UsernameAttributes). Give it "phone_number" in ${path.relative(process.cwd(), seeds)}.`,
        );
      expect(files.triggers().map((call) => [call.triggerSource, call.userAttributes.phone_number])).toEqual([
        ['PreSignUp_AdminCreateUser', phone],
      ]);
      const cognito = cognitoClient(e2eStack.urls.cognito);
      const { UserPoolId, UserPoolClientId } = variant.stack.outputs;
      const { UserAttributes = [] } = await cognito.send(new AdminGetUserCommand({ UserPoolId, Username: phone }));
      expect(UserAttributes).toContainEqual({ Name: 'phone_number_verified', Value: 'true' });
      const { AuthenticationResult } = await cognito.send(
        new InitiateAuthCommand({
          ClientId: UserPoolClientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: phone, PASSWORD: 'Phone-Passw0rd!' },
        }),
      );
      // The template's AccountRecoverySetting sends a reset code to the verified phone number (API_AccountRecoverySettingType).
      const { CodeDeliveryDetails } = await cognito.send(new ForgotPasswordCommand({ ClientId: UserPoolClientId, Username: phone }));
      expect(CodeDeliveryDetails).toMatchObject({ DeliveryMedium: 'SMS', AttributeName: 'phone_number' });
      cognito.destroy();
      expect(decodeJwt(AuthenticationResult!.IdToken!).phone_number).toBe(phone);
    } finally {
      await variant.stop();
      files.remove();
    }
  });

  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpooluser.html
  test('AWS::Cognito::UserPoolUser: made with AdminCreateUser once the functions answer (PreSignUp runs), FORCE_CHANGE_PASSWORD, and a group attachment can name it', async () => {
    const files = scratch();
    const seeds = files.seedFile([]);
    const username = 'cfn-admin@example.com';
    const variant = await startVariantApi(
      both(withRecordingTriggers(files.log), (service) => {
        service.resources.Resources.CognitoUserPool.Properties.UserPoolName = uniqueName('pool-user');
        Object.assign(service.resources.Resources, {
          AdminUser: {
            Type: 'AWS::Cognito::UserPoolUser',
            Properties: {
              UserPoolId: { Ref: 'CognitoUserPool' },
              Username: username,
              MessageAction: 'SUPPRESS',
              UserAttributes: [{ Name: 'email', Value: username }],
            },
          },
          Admins: { Type: 'AWS::Cognito::UserPoolGroup', Properties: { GroupName: 'admins', UserPoolId: { Ref: 'CognitoUserPool' } } },
          AdminIsAdmin: {
            Type: 'AWS::Cognito::UserPoolUserToGroupAttachment',
            Properties: { GroupName: { Ref: 'Admins' }, Username: { Ref: 'AdminUser' }, UserPoolId: { Ref: 'CognitoUserPool' } },
          },
        });
      }),
      { env: { SEED_USERS_FILE: seeds } },
    );
    const cognito = cognitoClient(e2eStack.urls.cognito);
    try {
      expect(files.triggers().map((call) => [call.triggerSource, call.userAttributes.email])).toEqual([
        ['PreSignUp_AdminCreateUser', username],
      ]);
      const UserPoolId = variant.stack.physicalIds.CognitoUserPool!;
      const user = await cognito.send(new AdminGetUserCommand({ UserPoolId, Username: username }));
      expect(user.UserStatus).toBe('FORCE_CHANGE_PASSWORD');
      const { Groups = [] } = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId, Username: username }));
      expect(Groups.map((group) => group.GroupName)).toEqual(['admins']);
    } finally {
      cognito.destroy();
      await variant.stop();
      files.remove();
    }
  });
});
