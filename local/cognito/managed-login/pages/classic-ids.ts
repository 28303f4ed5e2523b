// The ids and names of the classic hosted UI's form fields, so that Playwright, Cypress and
// Selenium tests written against AWS's pages select the same elements here. Sources, tagged as
// docs/aws-behaviour.md tags them ([C] seen in public tests or page captures against AWS; [U]
// remembered from the classic pages' markup, no public capture found: kept, and listed in
// docs/aws-behaviour.md "Managed login pages").

/** /login. [C] DevExpress/testcafe#5480 (page source), public Selenium/Playwright tests, inrupt/typescript-sdk-tools#277 (`aria-label=submit`). */
export const LOGIN = {
  form: 'cognitoSignInForm',
  username: 'signInFormUsername',
  password: 'signInFormPassword',
  submit: 'signInSubmitButton',
  /** [U] */
  error: 'loginErrorMessage',
} as const;

/** /signup. [C] a public behave/Selenium suite against the hosted UI: fields by name `username` and `password`, button by name `signUpButton`. */
export const SIGN_UP = {
  username: 'username',
  password: 'password',
  submit: 'signUpButton',
  /** [U] the name of a required attribute's field: `requiredAttributes[email]`. */
  attribute: (name: string) => `requiredAttributes[${name}]`,
} as const;

/** /confirm. [C] the same suite: the code by id `verification_code`, the button by name `confirm`; [U] the code's name. */
export const CONFIRM = {
  code: 'verification_code',
  codeName: 'confirmation_code',
  submit: 'confirm',
} as const;

/** /forgotPassword. [U] */
export const FORGOT_PASSWORD = {
  username: 'username',
  submit: 'reset_my_password',
} as const;

/** /confirmforgotPassword and the NEW_PASSWORD_REQUIRED page. [U] */
export const NEW_PASSWORD = {
  code: 'forgot_password_code',
  codeName: 'code',
  password: 'new_password',
  passwordName: 'password',
  confirm: 'confirm_password',
  confirmName: 'confirmPassword',
  submit: 'reset_password',
} as const;

/** The TOTP MFA and MFA setup pages. [U] */
export const MFA = {
  code: 'totpCodeInput',
  codeName: 'totpCode',
  deviceName: 'deviceName',
  submit: 'signInButton',
} as const;
