import { beforeAll, describe, expect, it } from 'vitest';
import { CognitoRequestError } from './cognito-request-error.ts';
import { CognitoOperations } from './operation-input.ts';

let operations: CognitoOperations;
beforeAll(async () => {
  operations = await CognitoOperations.load();
});

/** The error Cognito answers for `body`, as its JSON. */
function refusal(operation: string, body: unknown): Record<string, string> {
  try {
    operations.readInput(operation, body);
  } catch (error) {
    expect(error).toBeInstanceOf(CognitoRequestError);
    expect((error as CognitoRequestError).status).toBe(400);
    return (error as CognitoRequestError).toJSON();
  }
  throw new Error('the input was accepted');
}

describe('CognitoOperations', () => {
  it('knows every Cognito user pools operation, the ones cognito-local lacks included, and nothing else', () => {
    expect(operations.has('InitiateAuth')).toBe(true);
    expect(operations.has('GetTokensFromRefreshToken')).toBe(true);
    expect(operations.has('ListWebAuthnCredentials')).toBe(true);
    for (const name of ['Nope', 'initiateAuth', '', '__proto__', 'constructor', 'InitiateAuthCommand', 'InitiateAuthRequest']) {
      expect(operations.has(name), name).toBe(false);
    }
    expect(refusal('Nope', {})).toEqual({ __type: 'UnknownOperationException', message: 'Nope is not a Cognito user pools operation.' });
  });

  it('refuses a body that is not a JSON object with SerializationException, spelled `Message` as Cognito does', () => {
    expect(refusal('InitiateAuth', [])).toEqual({ __type: 'SerializationException', Message: 'Start of list found where not expected.' });
    expect(refusal('InitiateAuth', 'x')).toEqual({ __type: 'SerializationException', Message: 'Unexpected field type' });
    expect(refusal('InitiateAuth', null)).toEqual({ __type: 'SerializationException', Message: 'Unexpected field type' });
  });

  it("refuses a member of the wrong JSON kind with Cognito's deserializer messages", () => {
    const base = { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'client' };
    expect(refusal('InitiateAuth', { ...base, ClientId: { a: 1 } }).Message).toBe('Start of structure or map found where not expected.');
    expect(refusal('InitiateAuth', { ...base, ClientId: ['a'] }).Message).toBe('Start of list found where not expected.');
    expect(refusal('InitiateAuth', { ...base, AuthParameters: 'x' }).Message).toBe('Expected map or null');
    expect(refusal('InitiateAuth', { ...base, AuthParameters: { USERNAME: { a: 1 } } }).Message).toBe(
      'Start of structure or map found where not expected.',
    );
    expect(refusal('SignUp', { ClientId: 'c', Username: 'u', UserAttributes: 'email' }).Message).toBe('Unexpected field type');
    expect(refusal('ListUsers', { UserPoolId: 'p', Limit: 'ten' }).Message).toBe('Unexpected field type');
  });

  it('lists every missing required member, nested ones with their path, as InvalidParameterException', () => {
    expect(refusal('InitiateAuth', {})).toEqual({
      __type: 'InvalidParameterException',
      message:
        "2 validation errors detected: Value null at 'authFlow' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'clientId' failed to satisfy constraint: Member must not be null",
    });
    expect(refusal('SignUp', { ClientId: 'c', Username: 'u', UserAttributes: [{ Name: 'email' }, { Value: 'x' }] }).message).toBe(
      "1 validation error detected: Value null at 'userAttributes.2.member.name' failed to satisfy constraint: Member must not be null",
    );
  });

  it('reads JSON null as an absent member', () => {
    expect(refusal('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: null }).message).toContain("Value null at 'clientId'");
    expect(operations.readInput('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'c', Session: null })).toEqual({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: 'c',
    });
  });

  it('refuses a sign-in AuthFlow or ChallengeName outside its enum, listing the values', () => {
    const { message } = refusal('InitiateAuth', { AuthFlow: 'USER_PASS_AUTH', ClientId: 'c' });
    expect(message).toMatch(
      /^1 validation error detected: Value 'USER_PASS_AUTH' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: \[.*USER_SRP_AUTH.*\]$/,
    );
    expect(refusal('RespondToAuthChallenge', { ClientId: 'c', ChallengeName: 'NOPE' }).message).toContain(
      "Value 'NOPE' at 'challengeName'",
    );
  });

  it("coerces scalars as Cognito's lenient deserializer does and keeps only the model's members", () => {
    const input = operations.readInput('AdminCreateUser', {
      UserPoolId: 42,
      Username: true,
      ForceAliasCreation: 'TRUE',
      Unknown: 'dropped',
      ClientMetadata: { a: 1, b: null },
    });
    expect(input).toEqual({ UserPoolId: '42', Username: 'true', ForceAliasCreation: true, ClientMetadata: { a: '1' } });
    expect(operations.readInput('ListUsers', { UserPoolId: 'p', Limit: '10' })).toEqual({ UserPoolId: 'p', Limit: 10 });
  });

  it('keeps a map key named __proto__ as a key, without touching the prototype', () => {
    const input = operations.readInput(
      'InitiateAuth',
      JSON.parse('{"AuthFlow":"USER_PASSWORD_AUTH","ClientId":"c","AuthParameters":{"__proto__":"x"}}'),
    );
    const parameters = input.AuthParameters as Record<string, unknown>;
    expect(Object.keys(parameters)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(parameters)).toBe(Object.prototype);
  });
});
