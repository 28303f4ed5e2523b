// Custom authentication as a browser does it: Amplify's own signIn with CUSTOM_WITH_SRP and
// CUSTOM_WITHOUT_SRP, in the page, against a pool whose DefineAuthChallenge, CreateAuthChallenge
// and VerifyAuthChallengeResponse are functions of an edited serverless.yml (served beside the e2e
// stack, in the same emulator). docs/aws-behaviour.md, "Cognito custom authentication".
import { expect, type Page, test } from '@playwright/test';
import { adminConfirmedUser, cognitoClient } from '../testing/cognito-client.ts';
import { uniqueEmail } from '../testing/unique-names.ts';
import { usePageAmplify } from './page-amplify.ts';
import { e2eStack } from './stack.ts';
import { attachTrigger, ownPool, type ServiceEdit, startVariantApi, type VariantApi } from './variant-stack.ts';

const PASSWORD = 'Correct-Horse-1';
const HANDLERS = 'e2e/fixtures/custom-auth';
const TRIGGERS = {
  DefineAuthChallenge: 'authDefineChallenge',
  CreateAuthChallenge: 'authCreateChallenge',
  VerifyAuthChallengeResponse: 'authVerifyChallenge',
} as const;
const HANDLER_OF = {
  authDefineChallenge: 'defineAuthChallenge',
  authCreateChallenge: 'createAuthChallenge',
  authVerifyChallenge: 'verifyAuthChallengeResponse',
};
/** The three triggers on the pool's LambdaConfig, with the permissions Cognito needs on AWS, and ALLOW_CUSTOM_AUTH on the client. */
const withCustomAuth: ServiceEdit = (service) => {
  ownPool(service, 'custom-auth');
  for (const [trigger, fn] of Object.entries(TRIGGERS)) {
    service.functions[fn] = { handler: `${HANDLERS}.${HANDLER_OF[fn]}` };
    attachTrigger(service, trigger, fn);
  }
  const client = Object.values<any>(service.resources.Resources).find((resource) => resource.Type === 'AWS::Cognito::UserPoolClient');
  client.Properties.ExplicitAuthFlows = [...client.Properties.ExplicitAuthFlows, 'ALLOW_CUSTOM_AUTH'];
};

interface SignInStep {
  readonly step: string;
  readonly question?: string;
  readonly error?: string;
}

/**
 * Amplify's signIn in the page, pointed at the variant's pool: the page's own Amplify modules (as
 * Vite served them to it), so the flow is the one the browser runs; then confirmSignIn with each answer.
 */
async function signInInPage(
  page: Page,
  pool: Record<string, string>,
  username: string,
  authFlowType: string,
  answers: string[],
  /** null for CUSTOM_WITHOUT_SRP, which takes none (Amplify refuses one). */
  password: string | null = PASSWORD,
): Promise<SignInStep[]> {
  await usePageAmplify(page, pool);
  return page.evaluate(
    async ({ username, password, authFlowType, answers }) => {
      const auth = (window as any).pageAuth;
      const steps: Array<{ step: string; question?: string; error?: string }> = [];
      const record = (output: any) => steps.push({ step: output.nextStep.signInStep, question: output.nextStep.additionalInfo?.question });
      try {
        record(await auth.signIn({ username, password: password ?? undefined, options: { authFlowType } }));
        for (const challengeResponse of answers) record(await auth.confirmSignIn({ challengeResponse }));
        const session = await auth.fetchAuthSession();
        steps.push({ step: `tokens for ${String(session.tokens?.idToken?.payload.email)}` });
      } catch (error) {
        steps.push({ step: 'error', error: `${(error as Error).name}: ${(error as Error).message}` });
      }
      return steps;
    },
    { username, password, authFlowType, answers },
  );
}

test.describe('Amplify custom authentication in the browser', () => {
  let variant: VariantApi;
  const cognito = cognitoClient(e2eStack.urls.cognito);
  const amplifyPool = () => ({
    userPoolId: variant.stack.outputs.UserPoolId!,
    userPoolClientId: variant.stack.outputs.UserPoolClientId!,
    userPoolEndpoint: e2eStack.urls.cognito,
  });
  const confirmedUser = () => adminConfirmedUser(cognito, variant.stack.outputs.UserPoolId!, uniqueEmail('custom-auth'), PASSWORD);

  test.beforeAll(async () => {
    variant = await startVariantApi(withCustomAuth);
  });
  test.afterAll(async () => {
    await variant?.stop();
  });

  test('CUSTOM_WITH_SRP: the password, then a question answered wrong once, then right', async ({ page }) => {
    const email = await confirmedUser();
    await page.goto('/');
    const steps = await test.step('sign in with Amplify in the page', () =>
      signInInPage(page, amplifyPool(), email, 'CUSTOM_WITH_SRP', ['green', 'Blue']));
    expect(steps).toEqual([
      { step: 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE', question: 'What is the colour of the sky?' },
      { step: 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE', question: 'What is the colour of the sky?' },
      { step: 'DONE' },
      { step: `tokens for ${email}` },
    ]);
  });

  test('CUSTOM_WITHOUT_SRP: three wrong answers fail the sign-in as Cognito does', async ({ page }) => {
    const email = await confirmedUser();
    await page.goto('/');
    const steps = await signInInPage(page, amplifyPool(), email, 'CUSTOM_WITHOUT_SRP', ['red', 'green', 'grey'], null);
    expect(steps.at(-1)).toEqual({ step: 'error', error: 'NotAuthorizedException: Incorrect username or password.' });
  });

  test('CUSTOM_WITH_SRP with a wrong password is refused before any question', async ({ page }) => {
    const email = await confirmedUser();
    await page.goto('/');
    const steps = await signInInPage(page, amplifyPool(), email, 'CUSTOM_WITH_SRP', [], 'Wrong-Horse-1');
    expect(steps).toEqual([{ step: 'error', error: 'NotAuthorizedException: Incorrect username or password.' }]);
  });
});
