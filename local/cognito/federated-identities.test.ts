import { describe, expect, it } from 'vitest';
import { federatedUsername, identitiesOf, type LinkedIdentity, linkedUserOf, linksTo, withIdentities } from './federated-identities.ts';
import { userWithAttributes } from './testing/fake-cognito.ts';

const link = (userId: string, primary: 'true' | 'false' = 'false'): LinkedIdentity => ({
  userId,
  providerName: 'Google',
  providerType: 'Google',
  issuer: null,
  primary,
  dateCreated: '1765108800000',
});

// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html (the identities claim)
describe('a user’s identities attribute', () => {
  it('is written as a JSON array and read back; none when absent, removed when emptied', () => {
    const ada = userWithAttributes('ada', { email: 'ada@example.com' });
    expect(identitiesOf(ada)).toEqual([]);
    const linked = withIdentities(ada, [link('111')]);
    expect(linked.Attributes.find((attribute) => attribute.Name === 'identities')?.Value).toBe(
      '[{"userId":"111","providerName":"Google","providerType":"Google","issuer":null,"primary":"false","dateCreated":"1765108800000"}]',
    );
    expect(identitiesOf(linked)).toEqual([link('111')]);
    expect(withIdentities(linked, []).Attributes.some((attribute) => attribute.Name === 'identities')).toBe(false);
  });

  it('reads a broken attribute as no identities', () => {
    expect(identitiesOf(userWithAttributes('ada', { identities: '{not json' }))).toEqual([]);
  });

  it('finds the native user a linked identity signs in as, not the federated user made from it', () => {
    const ada = withIdentities(userWithAttributes('ada', {}), [link('111')]);
    const federated = withIdentities(userWithAttributes('Google_222', {}), [link('222', 'true')]);
    expect(linkedUserOf([federated, ada], 'Google', '111')).toBe(ada);
    expect(linkedUserOf([federated, ada], 'Google', '222')).toBeUndefined();
    expect(linksTo(federated, 'Google', '222')).toBe(true);
    expect(federatedUsername('Google', '222')).toBe('Google_222');
  });
});
