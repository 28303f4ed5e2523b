import { describe, expect, it } from 'vitest';
import { elements } from '../../testing/page-markup.ts';
import { mfaSetupPage } from './mfa-setup-page.ts';
import { newPasswordPage } from './new-password-page.ts';
import { challengeRequiredAttributes, readMfaForm, readNewPasswordForm } from './page-forms.ts';

/** What a browser posts for `page`'s form when each named field is filled with `values[name]` (or its own value). */
function posted(page: string, values: Record<string, string>): URLSearchParams {
  const fields = elements(page).filter(
    ({ tag, attributes }) => tag === 'input' && attributes.name !== undefined && attributes.type !== 'submit',
  );
  return new URLSearchParams(
    fields.map(({ attributes }): [string, string] => [attributes.name!, values[attributes.name!] ?? attributes.value ?? '']),
  );
}

describe("the sign-in pages' forms, read back by their readers", () => {
  it('NEW_PASSWORD_REQUIRED: the session, the password twice, the required attributes by name', () => {
    const page = newPasswordPage({ parameters: new URLSearchParams(), session: 'sess-1', requiredAttributes: ['name', 'custom:team'] });
    const form = posted(page, {
      password: 'New-1',
      confirmPassword: 'New-2',
      'requiredAttributes[name]': 'Ada',
      'requiredAttributes[custom:team]': 'x',
    });
    expect(readNewPasswordForm(form)).toEqual({
      session: 'sess-1',
      password: 'New-1',
      confirmPassword: 'New-2',
      attributes: { name: 'Ada', 'custom:team': 'x' },
    });
  });

  it('MFA setup: the session, the code and the device name', () => {
    const page = mfaSetupPage({
      parameters: new URLSearchParams(),
      session: 'sess-2',
      secret: 'ABC',
      otpauthUri: 'otpauth://totp/x?secret=ABC',
    });
    expect(readMfaForm(posted(page, { totpCode: '123456', deviceName: 'phone' }))).toEqual({
      session: 'sess-2',
      code: '123456',
      deviceName: 'phone',
    });
  });

  it("reads a challenge's requiredAttributes without their userAttributes. prefix, and nothing from a broken one", () => {
    expect(challengeRequiredAttributes('["userAttributes.name","userAttributes.custom:team"]')).toEqual(['name', 'custom:team']);
    expect(challengeRequiredAttributes('not json')).toEqual([]);
    expect(challengeRequiredAttributes(undefined)).toEqual([]);
  });
});
