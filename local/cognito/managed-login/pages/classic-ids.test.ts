import { describe, expect, it } from 'vitest';
import { elements, withAttribute } from '../../testing/page-markup.ts';
import { confirmForgotPasswordPage } from './confirm-forgot-password-page.ts';
import { confirmPage } from './confirm-page.ts';
import { forgotPasswordPage } from './forgot-password-page.ts';
import { loginPage } from './login-page.ts';
import { signUpPage } from './sign-up-page.ts';

// What tests written against AWS's classic hosted UI select (classic-ids.ts has the sources).
const parameters = new URLSearchParams({
  client_id: 'client-1',
  response_type: 'code',
  redirect_uri: 'https://app.example/cb',
  state: 's1',
});

describe("the classic hosted UI's ids and names", () => {
  const login = loginPage({ parameters, clientName: 'web', allowSignUp: true, identityProviders: [], usernameLabel: 'Username' });

  it('/login has the sign-in form twice, one copy for small screens and one for large, as AWS renders it', () => {
    const copies = elements(login).filter(({ tag, attributes }) => tag === 'div' && attributes.class?.startsWith('modal-content'));
    expect(copies.map(({ attributes }) => attributes.class)).toEqual([
      'modal-content visible-xs visible-sm',
      'modal-content visible-md visible-lg',
    ]);
    expect(withAttribute(login, 'id', 'signInFormUsername').map(({ attributes }) => [attributes.name, attributes.type])).toEqual([
      ['username', 'text'],
      ['username', 'text'],
    ]);
    expect(withAttribute(login, 'id', 'signInFormPassword').map(({ attributes }) => [attributes.name, attributes.type])).toEqual([
      ['password', 'password'],
      ['password', 'password'],
    ]);
    expect(
      withAttribute(login, 'name', 'signInSubmitButton').map(({ attributes }) => [
        attributes.type,
        attributes.value,
        attributes['aria-label'],
      ]),
    ).toEqual([
      ['submit', 'Sign in', 'submit'],
      ['submit', 'Sign in', 'submit'],
    ]);
  });

  it('/login posts to /login with the authorize parameters, and links to /forgotPassword and /signup with them', () => {
    const query = parameters.toString();
    expect(withAttribute(login, 'name', 'cognitoSignInForm').map(({ attributes }) => [attributes.action, attributes.method])).toEqual([
      [`/login?${query}`, 'post'],
      [`/login?${query}`, 'post'],
    ]);
    const links = elements(login).flatMap(({ tag, attributes }) => (tag === 'a' ? [attributes.href] : []));
    expect(links).toEqual([`/forgotPassword?${query}`, `/signup?${query}`, `/forgotPassword?${query}`, `/signup?${query}`]);
  });

  it('/login offers no sign-up link where the pool lets only administrators create users', () => {
    const page = loginPage({ parameters, clientName: 'web', allowSignUp: false, identityProviders: [], usernameLabel: 'Username' });
    expect(elements(page).filter(({ attributes }) => attributes.href?.startsWith('/signup'))).toEqual([]);
  });

  it('/login sends each identity provider through /oauth2/authorize with its name', () => {
    const page = loginPage({
      parameters,
      clientName: 'web',
      allowSignUp: true,
      identityProviders: [{ name: 'Google', type: 'Google' }],
      usernameLabel: 'Email',
    });
    const hrefs = elements(page).flatMap(({ attributes }) => (attributes.href?.startsWith('/oauth2/authorize') ? [attributes.href] : []));
    expect(hrefs).toHaveLength(2);
    expect(Object.fromEntries(new URL(hrefs[0]!, 'https://x').searchParams)).toEqual({
      ...Object.fromEntries(parameters),
      identity_provider: 'Google',
    });
  });

  it('/signup names its fields username and password, its button signUpButton, a required attribute requiredAttributes[name]', () => {
    const page = signUpPage({ parameters, usernameKind: 'username', requiredAttributes: ['email'] });
    for (const name of ['username', 'password', 'signUpButton', 'requiredAttributes[email]'])
      expect(withAttribute(page, 'name', name)).toHaveLength(1);
    expect(withAttribute(page, 'name', 'signupform')[0]!.attributes.action).toBe(`/signup?${parameters}`);
  });

  it('/confirm has the code at id verification_code and the button named confirm', () => {
    const page = confirmPage({ parameters, username: 'ada' });
    expect(withAttribute(page, 'id', 'verification_code')).toHaveLength(1);
    expect(withAttribute(page, 'name', 'confirm')[0]!.tag).toBe('button');
    expect(withAttribute(page, 'name', 'username')[0]!.attributes.value).toBe('ada');
  });

  it('/forgotPassword and /confirmforgotPassword have the classic ids', () => {
    const forgot = forgotPasswordPage({ parameters, usernameLabel: 'Username' });
    expect(withAttribute(forgot, 'id', 'username')).toHaveLength(1);
    expect(withAttribute(forgot, 'name', 'reset_my_password')).toHaveLength(1);
    const reset = confirmForgotPasswordPage({ parameters, username: 'ada' });
    for (const id of ['forgot_password_code', 'new_password', 'confirm_password']) expect(withAttribute(reset, 'id', id)).toHaveLength(1);
    expect(withAttribute(reset, 'name', 'reset_password')).toHaveLength(1);
  });
});
