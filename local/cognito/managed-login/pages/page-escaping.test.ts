import { describe, expect, it } from 'vitest';
import { elements, text } from '../../testing/page-markup.ts';
import { confirmForgotPasswordPage } from './confirm-forgot-password-page.ts';
import { confirmPage } from './confirm-page.ts';
import { errorPage } from './error-page.ts';
import { forgotPasswordPage } from './forgot-password-page.ts';
import { loginPage } from './login-page.ts';
import { mfaPage } from './mfa-page.ts';
import { mfaSetupPage } from './mfa-setup-page.ts';
import { newPasswordPage } from './new-password-page.ts';
import { signUpPage } from './sign-up-page.ts';

// Each value a page echoes, hostile: it closes the attribute it sits in and the tag, opens a
// script, an element with a handler, and a javascript: URL.
const hostile = (where: string) => `${where}"'><script>alert(1)</script><img src=x onerror=alert(1)>\`javascript:alert(1)`;

const parameters = new URLSearchParams({
  client_id: hostile('client'),
  redirect_uri: 'javascript:alert(1)//',
  state: hostile('state'),
  login_hint: hostile('hint'),
  lang: hostile('lang'),
  scope: 'openid',
});

const pages: Record<string, string> = {
  login: loginPage({
    parameters,
    clientName: hostile('clientName'),
    error: hostile('error'),
    username: hostile('username'),
    allowSignUp: true,
    identityProviders: [{ name: hostile('idp'), type: 'OIDC' }],
    usernameLabel: 'Username',
  }),
  newPassword: newPasswordPage({
    parameters,
    session: hostile('session'),
    requiredAttributes: [hostile('attribute')],
    error: hostile('error'),
  }),
  mfa: mfaPage({ parameters, session: hostile('session'), error: hostile('error') }),
  mfaSetup: mfaSetupPage({
    parameters,
    session: hostile('session'),
    secret: hostile('secret'),
    otpauthUri: `otpauth://totp/${hostile('uri')}`,
    error: hostile('error'),
  }),
  signUp: signUpPage({
    parameters,
    usernameKind: 'email',
    requiredAttributes: [hostile('attribute')],
    error: hostile('error'),
    values: { username: hostile('value') },
  }),
  confirm: confirmPage({
    parameters,
    username: hostile('username'),
    delivery: { Destination: hostile('destination') },
    error: hostile('error'),
  }),
  forgotPassword: forgotPasswordPage({
    parameters,
    usernameLabel: hostile('label'),
    username: hostile('username'),
    error: hostile('error'),
  }),
  confirmForgotPassword: confirmForgotPasswordPage({
    parameters,
    username: hostile('username'),
    delivery: { Destination: hostile('destination') },
    error: hostile('error'),
  }),
  error: errorPage({ status: 400, message: hostile('message') }),
};

/** The tags the pages are made of: anything else in a page came from an echoed value. */
const OWN_TAGS = new Set([
  'html',
  'head',
  'meta',
  'title',
  'style',
  'body',
  'div',
  'h1',
  'h2',
  'p',
  'span',
  'form',
  'label',
  'input',
  'button',
  'a',
  'code',
]);

describe.each(Object.entries(pages))('the %s page, given hostile values', (_name, page) => {
  it('has only its own tags: no script, no image from an echoed value', () => {
    expect(
      elements(page)
        .map(({ tag }) => tag)
        .filter((tag) => !OWN_TAGS.has(tag)),
    ).toEqual([]);
    expect(page).not.toMatch(/<script|<img/i);
  });

  it('has no event handler attribute', () => {
    expect(elements(page).flatMap(({ attributes }) => Object.keys(attributes).filter((name) => /^on/i.test(name)))).toEqual([]);
  });

  it('links and posts only to its own origin, never to javascript:', () => {
    const targets = elements(page).flatMap(({ attributes }) => [attributes.href, attributes.action].filter((url) => url !== undefined));
    for (const target of targets) expect(new URL(target!, 'https://managed-login.local').origin).toBe('https://managed-login.local');
  });

  it('shows each echoed value whole, as text or in one attribute', () => {
    const shown = [text(page), ...elements(page).flatMap(({ attributes }) => Object.values(attributes))].join('\n');
    expect(shown).toMatch(/"'><script>alert\(1\)<\/script><img src=x onerror=alert\(1\)>`javascript:alert\(1\)/);
  });
});

describe('the page language', () => {
  it('is a language managed login documents, or English', () => {
    expect(pages.login).toMatch(/<html lang="en">/);
    const params = new URLSearchParams({ lang: 'pt-BR' });
    expect(mfaPage({ parameters: params, session: 's' })).toMatch(/<html lang="pt-BR">/);
    expect(mfaPage({ parameters: new URLSearchParams({ lang: 'pt-br' }), session: 's' })).toMatch(/<html lang="en">/);
  });
});
