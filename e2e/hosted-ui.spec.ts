// The web page's "Sign in with the hosted UI": Amplify v6's signInWithRedirect() through the local
// managed login (HTTPS, the stack's own CA), as it goes through Cognito's on AWS.
// https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/using-pkce-in-authorization-code.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/logout-endpoint.html
import {
  AssociateSoftwareTokenCommand,
  InitiateAuthCommand,
  SetUserMFAPreferenceCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Page } from '@playwright/test';
import { adminConfirmedUser, cognitoClient } from '../testing/cognito-client.ts';
import { totpCode } from '../testing/totp.ts';
import { uniqueEmail } from '../testing/unique-names.ts';
import { expect, HelloPage, test } from './hello-page.ts';
import { ManagedLoginPage } from './managed-login-page.ts';
import { e2eOutput, e2eStack } from './stack.ts';
import type { ServiceEdit } from './variant-stack.ts';
import { ownPool } from './variant-stack.ts';
import { startVariantSite, type VariantSite } from './variant-site.ts';

const PASSWORD = 'Correct-Horse-1';
const cognito = cognitoClient(e2eStack.urls.cognito);
test.afterAll(() => cognito.destroy());

/** The paths the browser's top frame asked for from now on, each hop of a redirect included. */
function navigations(page: Page): string[] {
  const paths: string[] = [];
  page.on('request', (request) => {
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) paths.push(new URL(request.url()).pathname);
  });
  return paths;
}

test('signInWithRedirect (code + PKCE) through the managed login to the secured route; a second sign-in skips the form; sign-out through /logout', async ({
  helloPage,
  page,
}) => {
  const email = await adminConfirmedUser(cognito, e2eOutput('UserPoolId'), uniqueEmail('hosted'), PASSWORD);
  const managedLogin = new ManagedLoginPage(page);

  await test.step('the page sends the browser to the managed login with a PKCE challenge, back to its own URL', async () => {
    const authorize = page.waitForRequest(/\/oauth2\/authorize\?/);
    await helloPage.signInThroughHostedUi();
    const url = new URL((await authorize).url());
    expect(url.protocol).toBe('https:');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: e2eOutput('UserPoolClientId'),
      redirect_uri: `${e2eStack.urls.web}/`,
      identity_provider: 'COGNITO',
      scope: 'openid email profile aws.cognito.signin.user.admin',
      code_challenge_method: 'S256',
    });
    await expect(managedLogin.username).toBeVisible();
  });

  await test.step("the classic hosted UI's form signs in; Amplify trades the code at /oauth2/token", async () => {
    const token = page.waitForResponse(
      (response) => new URL(response.url()).pathname === '/oauth2/token' && response.request().method() === 'POST',
    );
    await managedLogin.signIn(email, PASSWORD);
    expect((await token).status()).toBe(200);
    await expect(helloPage.currentUser).toHaveText(`Signed in as ${email}`);
    await expect(helloPage.result(helloPage.hostedUi)).toHaveText('Signed in through the hosted UI.');
  });

  await test.step('the secured endpoint takes its ID token', async () => {
    await helloPage.callSecured();
    await expect(helloPage.apiResponse).toContainText('HTTP 200');
    await expect(helloPage.apiResponse).toContainText(`"Hello from an secured endpoint -> ${email}"`);
  });

  await test.step("a second sign-in skips the form: the managed login's session cookie", async () => {
    // A new session of the app (its tokens gone), the browser's cookies kept.
    await page.evaluate(() => localStorage.clear());
    await helloPage.open();
    await expect(helloPage.currentUser).toHaveText('Not signed in');
    const went = navigations(page);
    await helloPage.signInThroughHostedUi();
    await expect(helloPage.currentUser).toHaveText(`Signed in as ${email}`);
    expect(went).toContain('/oauth2/authorize');
    expect(went).not.toContain('/login');
  });

  await test.step("sign-out goes through the hosted UI's /logout, which ends its session", async () => {
    const went = navigations(page);
    await helloPage.signOut();
    await expect(helloPage.currentUser).toHaveText('Not signed in');
    expect(went).toContain('/logout');
    await helloPage.signInThroughHostedUi();
    await expect(managedLogin.username).toBeVisible();
  });
});

/** The starter with a pool of its own and its domain, the web client's OAuth settings changed by `client`. */
const withHostedUi =
  (suffix: string, changes: (service: Record<string, any>) => void): ServiceEdit =>
  (service) => {
    // A pool of its own (with a domain of its own: testing/variant-domain.ts).
    ownPool(service, `hosted-${suffix}`);
    changes(service);
  };

test.describe('the implicit grant, on a stack whose web client allows only it', () => {
  let site: VariantSite;
  test.beforeAll(async () => {
    site = await startVariantSite(
      withHostedUi('implicit', (service) => {
        service.resources.Resources.CognitoUserPoolClient.Properties.AllowedOAuthFlows = ['implicit'];
      }),
    );
  });
  test.afterAll(async () => site?.stop());

  test('signInWithRedirect gets the tokens in the redirect fragment, and the secured endpoint takes them', async ({ page }) => {
    const email = await adminConfirmedUser(cognito, site.api.stack.outputs.UserPoolId!, uniqueEmail('implicit'), PASSWORD);
    const hello = new HelloPage(page);
    await page.goto(site.webUrl);
    await expect(hello.currentUser).toHaveText('Not signed in');
    const authorize = page.waitForRequest(/\/oauth2\/authorize\?/);
    await hello.signInThroughHostedUi();
    expect(new URL((await authorize).url()).searchParams.get('response_type')).toBe('token');
    const back = page.waitForURL((url) => url.href.startsWith(site.webUrl) && url.hash.includes('access_token='));
    await new ManagedLoginPage(page).signIn(email, PASSWORD);
    await back;
    await expect(hello.currentUser).toHaveText(`Signed in as ${email}`);
    await hello.callSecured();
    await expect(hello.apiResponse).toContainText('HTTP 200');
    await expect(hello.apiResponse).toContainText(`-> ${email}`);
  });
});

test.describe('a user with TOTP MFA, on a stack whose pool has MFA', () => {
  let site: VariantSite;
  test.beforeAll(async () => {
    site = await startVariantSite(
      withHostedUi('mfa', (service) => {
        Object.assign(service.resources.Resources.CognitoUserPool.Properties, {
          MfaConfiguration: 'OPTIONAL',
          EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        });
      }),
    );
  });
  test.afterAll(async () => site?.stop());

  test('the managed login asks for the authenticator code after the password, then the page is signed in', async ({ page }) => {
    const { UserPoolId, UserPoolClientId: ClientId } = site.api.stack.outputs;
    const email = await adminConfirmedUser(cognito, UserPoolId!, uniqueEmail('hosted-mfa'), PASSWORD);
    const secret = await test.step('the user sets up TOTP through the API', async () => {
      const { AuthenticationResult } = await cognito.send(
        new InitiateAuthCommand({ ClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD } }),
      );
      const AccessToken = AuthenticationResult!.AccessToken!;
      const { SecretCode } = await cognito.send(new AssociateSoftwareTokenCommand({ AccessToken }));
      await cognito.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: totpCode(SecretCode!) }));
      await cognito.send(new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
      return SecretCode!;
    });

    const hello = new HelloPage(page);
    const managedLogin = new ManagedLoginPage(page);
    await page.goto(site.webUrl);
    await hello.signInThroughHostedUi();
    await managedLogin.signIn(email, PASSWORD);
    await expect(managedLogin.totpCode).toBeVisible();
    await expect(hello.currentUser).not.toBeVisible();
    await managedLogin.enterTotpCode(totpCode(secret));
    await expect(hello.currentUser).toHaveText(`Signed in as ${email}`);
    await hello.callSecured();
    await expect(hello.apiResponse).toContainText('HTTP 200');
  });
});

test.describe('a social identity provider, on a stack whose web client supports Google', () => {
  let site: VariantSite;
  test.beforeAll(async () => {
    site = await startVariantSite(
      withHostedUi('google', (service) => {
        const resources = service.resources.Resources;
        resources.GoogleIdentityProvider = {
          Type: 'AWS::Cognito::UserPoolIdentityProvider',
          Properties: {
            UserPoolId: { Ref: 'CognitoUserPool' },
            ProviderName: 'Google',
            ProviderType: 'Google',
            ProviderDetails: {
              client_id: 'local-google-client',
              client_secret: 'local-google-secret',
              authorize_scopes: 'openid email profile',
            },
            AttributeMapping: { email: 'email' },
          },
        };
        resources.CognitoUserPoolClient.Properties.SupportedIdentityProviders = ['COGNITO', 'Google'];
        // CloudFormation must create the provider before the client that names it.
        resources.CognitoUserPoolClient.DependsOn = ['GoogleIdentityProvider'];
      }),
    );
  });
  test.afterAll(async () => site?.stop());

  test("signInWithRedirect({ provider: 'Google' }) goes straight to the provider (the local stand-in), and back signed in", async ({
    page,
  }) => {
    const hello = new HelloPage(page);
    await page.goto(site.webUrl);
    const authorize = page.waitForRequest(/\/oauth2\/authorize\?/);
    await hello.signInThroughHostedUi('Google');
    expect(new URL((await authorize).url()).searchParams.get('identity_provider')).toBe('Google');
    const email = uniqueEmail('google');
    // The stand-in's own form: the provider's subject and the email its AttributeMapping reads.
    const typed = (claim: string) => page.locator(`input[type="text"][name="claim.${claim}"]`);
    await typed('sub').fill(`${Date.now()}`);
    await typed('email').fill(email);
    await page.locator('#standInSubmit').click();
    // A federated user is in the group Cognito makes for its provider, <pool id>_Google (cognito:groups).
    await expect(hello.currentUser).toHaveText(`Signed in as ${email} (${site.api.stack.outputs.UserPoolId}_Google)`);
    await hello.callSecured();
    await expect(hello.apiResponse).toContainText('HTTP 200');
  });
});
