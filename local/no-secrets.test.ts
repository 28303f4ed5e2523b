import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** What a committed credential looks like: AWS keys, private keys, secrets in config. */
const SECRET_PATTERNS = [/\bAKIA[0-9A-Z]{16}\b/, /-----BEGIN (?:RSA |EC |OPENSSH )?PRIVATE KEY-----/, /aws_secret_access_key\s*=\s*\S+/i];

const secretsIn = (text: string) => SECRET_PATTERNS.filter((pattern) => pattern.test(text)).map(String);

describe('the repository', () => {
  it('recognises a credential when it sees one', () => {
    // Assembled here, so that this file does not hold what it looks for.
    expect(secretsIn(`aws_access_key_id = ${'AKIA'}IOSFODNN7EXAMPLE`)).toHaveLength(1);
    expect(secretsIn(`${'-----BEGIN'} PRIVATE KEY-----\nMIIE…`)).toHaveLength(1);
    expect(secretsIn('const region = "eu-west-1";')).toEqual([]);
  });

  it('commits no secret (the emulator signs with the key inside the cognito-local package)', () => {
    const files = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' }).split('\0').filter(Boolean);
    const found = files.flatMap((file) => {
      if (/\.(png|jpg|ico)$/.test(file)) return [];
      return secretsIn(readFileSync(file, 'utf8')).map((pattern) => `${file}: ${pattern}`);
    });
    expect(found).toEqual([]);
  });
});
