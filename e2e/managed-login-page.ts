import type { Locator, Page } from '@playwright/test';

/**
 * The managed login's pages as tests written against AWS's classic hosted UI select them: by its
 * field ids and names. The classic page renders its sign-in form twice (one for small screens,
 * one for large), so each field is the visible one.
 */
export class ManagedLoginPage {
  readonly username: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly totpCode: Locator;
  readonly totpSubmit: Locator;

  constructor(readonly page: Page) {
    const visible = (selector: string) => page.locator(selector).filter({ visible: true }).first();
    this.username = visible('#signInFormUsername');
    this.password = visible('#signInFormPassword');
    this.submit = visible('[name="signInSubmitButton"]');
    this.totpCode = visible('#totpCodeInput');
    this.totpSubmit = visible('[name="signInButton"]');
  }

  async signIn(username: string, password: string) {
    await this.username.fill(username);
    await this.password.fill(password);
    await this.submit.click();
  }

  async enterTotpCode(code: string) {
    await this.totpCode.fill(code);
    await this.totpSubmit.click();
  }
}
