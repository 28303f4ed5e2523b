import { describe, expect, it } from 'vitest';
import { readableAttributes, STANDARD_ATTRIBUTES, writableAttributes } from './standard-attributes.ts';

describe('readableAttributes', () => {
  it('lets a client without ReadAttributes read every standard attribute and no custom one', () => {
    const readable = readableAttributes({});
    for (const name of STANDARD_ATTRIBUTES) expect(readable.has(name)).toBe(true);
    expect(readable.has('custom:team')).toBe(false);
  });

  it('lets a client with ReadAttributes read those and sub, nothing else', () => {
    expect([...readableAttributes({ ReadAttributes: ['email', 'custom:team'] })].sort()).toEqual(['custom:team', 'email', 'sub']);
  });
});

describe('writableAttributes', () => {
  it('lets a client without WriteAttributes write the standard attributes, not sub, the verified flags or custom ones', () => {
    const writable = writableAttributes({});
    expect(writable.has('email')).toBe(true);
    expect(writable.has('given_name')).toBe(true);
    for (const name of ['sub', 'email_verified', 'phone_number_verified', 'custom:team']) expect(writable.has(name)).toBe(false);
  });

  it('lets a client with WriteAttributes write exactly those', () => {
    expect([...writableAttributes({ WriteAttributes: ['email', 'custom:team'] })].sort()).toEqual(['custom:team', 'email']);
  });
});
