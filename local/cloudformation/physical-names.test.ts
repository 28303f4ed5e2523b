import { describe, expect, it } from 'vitest';
import { generatedPhysicalName } from './physical-names.ts';

describe('generatedPhysicalName', () => {
  it('names a resource <stack>-<logicalId>-<12 random characters>, as CloudFormation does', () => {
    expect(generatedPhysicalName('hello-auth-local', 'CognitoUserPool', 128, () => 'abcdefghijk1')).toBe(
      'hello-auth-local-CognitoUserPool-abcdefghijk1',
    );
    expect(generatedPhysicalName('app-local', 'Pool')).toMatch(/^app-local-Pool-[a-zA-Z0-9]{12}$/);
  });

  it('differs between two resources of the same logical id (a replacement, another stack)', () => {
    expect(generatedPhysicalName('app-local', 'Pool')).not.toBe(generatedPhysicalName('app-local', 'Pool'));
  });

  it("keeps within the name's limit and pattern, the random part whole", () => {
    const name = generatedPhysicalName('s'.repeat(200), 'L'.repeat(200), 128, () => 'abcdefghijk1');
    expect(name).toHaveLength(128);
    expect(name).toMatch(/^[\w\s+=,.@-]+-abcdefghijk1$/);
    expect(generatedPhysicalName('my_stack', 'Pool:1', 128, () => 'r'.repeat(12))).toBe('my_stack-Pool-1-rrrrrrrrrrrr');
  });
});
