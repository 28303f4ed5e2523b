import { MFA, NEW_PASSWORD } from './classic-ids.ts';

// What the sign-in pages' forms post, read by the names the pages give their fields
// (classic-ids.ts), so that a handler and its page cannot disagree on a name.

/** /login's form: the username and password. */
export function readLoginForm(form: URLSearchParams): { readonly username: string; readonly password: string } {
  return { username: form.get('username') ?? '', password: form.get('password') ?? '' };
}

/** The NEW_PASSWORD_REQUIRED form: the session, the new password twice, and the required attributes by name. */
export function readNewPasswordForm(form: URLSearchParams): {
  readonly session: string;
  readonly password: string;
  readonly confirmPassword: string;
  readonly attributes: Readonly<Record<string, string>>;
} {
  const attributes = Object.fromEntries(
    [...form].flatMap(([field, value]) => {
      const name = /^requiredAttributes\[(.+)\]$/.exec(field)?.[1];
      return name === undefined ? [] : [[name, value]];
    }),
  );
  return {
    session: form.get('session') ?? '',
    password: form.get(NEW_PASSWORD.passwordName) ?? '',
    confirmPassword: form.get(NEW_PASSWORD.confirmName) ?? '',
    attributes,
  };
}

/** The TOTP and TOTP-setup forms: the session, the code, and the device's name (setup only; empty when not given). */
export function readMfaForm(form: URLSearchParams): { readonly session: string; readonly code: string; readonly deviceName: string } {
  return { session: form.get('session') ?? '', code: form.get(MFA.codeName) ?? '', deviceName: form.get(MFA.deviceName) ?? '' };
}

/**
 * The attribute names a NEW_PASSWORD_REQUIRED challenge asks for: its `requiredAttributes`
 * parameter, a JSON list of `userAttributes.<name>`.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RespondToAuthChallenge.html
 */
export function challengeRequiredAttributes(requiredAttributes: string | undefined): string[] {
  if (requiredAttributes === undefined) return [];
  try {
    const names: unknown = JSON.parse(requiredAttributes);
    return Array.isArray(names)
      ? names.filter((name): name is string => typeof name === 'string').map((name) => name.replace(/^userAttributes\./, ''))
      : [];
  } catch {
    return [];
  }
}
