import { test as base, expect, type Locator, type Page } from '@playwright/test';

/** The web client, as a user sees it. */
export class HelloPage {
  readonly currentUser: Locator;
  readonly signUp: Locator;
  readonly confirm: Locator;
  readonly signIn: Locator;
  readonly forgot: Locator;
  readonly hostedUi: Locator;
  readonly api: Locator;
  readonly apiResponse: Locator;
  readonly devInbox: Locator;

  constructor(readonly page: Page) {
    this.currentUser = page.getByRole('status', { name: 'Current user' });
    this.signUp = page.getByRole('region', { name: 'Sign up' });
    this.confirm = page.getByRole('region', { name: 'Confirm email' });
    this.signIn = page.getByRole('region', { name: 'Sign in' });
    this.forgot = page.getByRole('region', { name: 'Forgot password' });
    this.hostedUi = page.getByRole('region', { name: 'Hosted UI' });
    this.api = page.getByRole('region', { name: 'Call the API' });
    this.apiResponse = page.getByRole('status', { name: 'API response' });
    this.devInbox = page.getByRole('complementary', { name: /Dev inbox/ });
  }

  async open() {
    await this.page.goto('/');
    await expect(this.currentUser).toHaveText(/Not signed in|Signed in as/);
  }

  async submitSignUp(email: string, password: string) {
    await this.signUp.getByLabel('Email').fill(email);
    await this.signUp.getByLabel('Password').fill(password);
    await this.signUp.getByRole('button', { name: 'Sign up' }).click();
  }

  async submitConfirmation(email: string, code: string) {
    await this.confirm.getByLabel('Email').fill(email);
    await this.confirm.getByLabel('Confirmation code').fill(code);
    await this.confirm.getByRole('button', { name: 'Confirm' }).click();
  }

  async submitSignIn(email: string, password: string) {
    await this.signIn.getByLabel('Email').fill(email);
    await this.signIn.getByLabel('Password').fill(password);
    await this.signIn.getByRole('button', { name: 'Sign in' }).click();
  }

  async resendCode(email: string) {
    await this.confirm.getByLabel('Email').fill(email);
    await this.confirm.getByRole('button', { name: 'Resend code' }).click();
  }

  /** Clicks "Use this code" on the newest message for `email` in the dev inbox panel. */
  async useLatestCode(email: string) {
    await this.devInbox
      .getByRole('button', { name: new RegExp(`^Use code \\d{6} for ${email.replace(/[.+]/g, '\\$&')}$`) })
      .first()
      .click();
  }

  async requestPasswordReset(email: string) {
    await this.forgot.getByLabel('Email').first().fill(email);
    await this.forgot.getByRole('button', { name: 'Send reset code' }).click();
  }

  async submitNewPassword(newPassword: string) {
    await this.forgot.getByLabel('New password').fill(newPassword);
    await this.forgot.getByRole('button', { name: 'Set new password' }).click();
  }

  /** "Sign in with the hosted UI" (`signInWithRedirect()`), or the button of an identity provider. */
  async signInThroughHostedUi(provider?: string) {
    await this.hostedUi.getByRole('button', { name: provider ? `Sign in with ${provider}` : 'Sign in with the hosted UI' }).click();
  }

  async refreshSession() {
    await this.signIn.getByRole('button', { name: 'Refresh session' }).click();
  }

  async signOut() {
    await this.signIn.getByRole('button', { name: 'Sign out' }).click();
  }

  async callPublic() {
    await this.api.getByRole('button', { name: 'Call public endpoint' }).click();
  }

  async callSecured() {
    await this.api.getByRole('button', { name: 'Call secured endpoint' }).click();
  }

  result(section: Locator): Locator {
    return section.getByRole('status');
  }
}

export const test = base.extend<{ helloPage: HelloPage }>({
  helloPage: async ({ page }, use) => {
    const helloPage = new HelloPage(page);
    await helloPage.open();
    await use(helloPage);
  },
});

export { expect };
