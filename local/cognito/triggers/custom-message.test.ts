import { describe, expect, it } from 'vitest';
import { customMessageOf } from './custom-message.ts';

const params = (source: 'CustomMessage_SignUp' | 'CustomMessage_AdminCreateUser') => ({
  source,
  userPoolId: 'eu-west-1_Ab12',
  clientId: 'client-1',
  username: 'ada',
  code: '123456',
  userAttributes: [{ Name: 'email', Value: 'ada@example.com' }],
  clientMetadata: undefined,
});

describe('customMessageOf', () => {
  it('fills the code into the answer of the custom message trigger page’s sign-up example', async () => {
    let request: Record<string, unknown> = {};
    const message = await customMessageOf(params('CustomMessage_SignUp'), async (sent) => {
      request = sent;
      return {
        smsMessage: `Welcome to the service. Your confirmation code is ${sent.codeParameter}`,
        emailMessage: `Thank you for signing up. ${sent.codeParameter} is your verification code`,
        emailSubject: 'Welcome to the service',
      };
    });
    expect(request).toEqual({ codeParameter: '{####}', linkParameter: '{##Click Here##}', usernameParameter: null, clientMetadata: {} });
    expect(message).toEqual({
      emailSubject: 'Welcome to the service',
      emailMessage: 'Thank you for signing up. 123456 is your verification code',
      smsMessage: 'Welcome to the service. Your confirmation code is 123456',
    });
  });

  it('gives AdminCreateUser the username placeholder and needs both in the message', async () => {
    const invite = await customMessageOf(params('CustomMessage_AdminCreateUser'), async (sent) => ({
      emailMessage: `Sign in as ${sent.usernameParameter} with ${sent.codeParameter}`,
    }));
    expect(invite.emailMessage).toBe('Sign in as ada with 123456');
    await expect(
      customMessageOf(params('CustomMessage_AdminCreateUser'), async () => ({ emailMessage: 'Your password: {####}' })),
    ).rejects.toThrow('Unrecognizable lambda output');
  });

  it('keeps the default for what the answer leaves out, and refuses a message without the code', async () => {
    expect(await customMessageOf(params('CustomMessage_SignUp'), async () => ({ emailSubject: 'Hi', emailMessage: null }))).toEqual({
      emailSubject: 'Hi',
      emailMessage: undefined,
      smsMessage: undefined,
    });
    await expect(customMessageOf(params('CustomMessage_SignUp'), async () => ({ emailMessage: 'Welcome!' }))).rejects.toThrow(
      'Unrecognizable lambda output',
    );
  });
});
