// Where each managed login page is served. The documented ones are Cognito's paths
// (https://docs.aws.amazon.com/cognito/latest/developerguide/managed-login-endpoints.html); the
// sign-in's further steps (a new password, TOTP) are pages of /login's flow whose paths AWS does
// not document: these are ours ([U], docs/aws-behaviour.md "Managed login pages").
export const PAGE_PATHS = {
  login: '/login',
  signUp: '/signup',
  confirm: '/confirm',
  resendCode: '/resendcode',
  forgotPassword: '/forgotPassword',
  confirmForgotPassword: '/confirmforgotPassword',
  newPassword: '/login/new-password',
  mfa: '/login/mfa',
  mfaSetup: '/login/mfa-setup',
} as const;
