import { describe, expect, it } from 'vitest';
import { awsClaims, javaDateString } from './aws-claims.ts';

/** 2024-06-18T15:00:04Z, the time of the captured AWS response in docs/aws-behaviour.md. */
const JUNE_18 = 1718722804;
/**
 * 2024-03-05T07:08:09Z, a Tuesday: 2024-01-01 (a Monday) is 1704067200; + 64 days (31 in
 * January, 29 in February, 4 in March) + 7 h 8 min 9 s.
 */
const MARCH_5 = 1704067200 + 64 * 86400 + 7 * 3600 + 8 * 60 + 9;

describe('javaDateString', () => {
  it("formats epoch seconds as Java's Date.toString() in UTC", () => {
    expect(javaDateString(JUNE_18)).toBe('Tue Jun 18 15:00:04 UTC 2024');
  });

  it('zero-pads the day of month, hours, minutes and seconds', () => {
    expect(new Date(MARCH_5 * 1000).toUTCString()).toBe('Tue, 05 Mar 2024 07:08:09 GMT');
    expect(javaDateString(MARCH_5)).toBe('Tue Mar 05 07:08:09 UTC 2024');
  });
});

describe('awsClaims', () => {
  it('turns exp and iat into Java dates', () => {
    const claims = awsClaims({ exp: JUNE_18 + 3600, iat: JUNE_18 });
    expect(claims).toEqual({ exp: 'Tue Jun 18 16:00:04 UTC 2024', iat: 'Tue Jun 18 15:00:04 UTC 2024' });
  });

  it('keeps auth_time as epoch seconds in a string', () => {
    expect(awsClaims({ auth_time: 1718636404 })).toEqual({ auth_time: '1718636404' });
  });

  it('turns booleans into "true" and "false"', () => {
    expect(awsClaims({ email_verified: true, phone_number_verified: false })).toEqual({
      email_verified: 'true',
      phone_number_verified: 'false',
    });
  });

  it('comma-joins cognito:groups', () => {
    expect(awsClaims({ 'cognito:groups': ['admin', 'editor'] })).toEqual({ 'cognito:groups': 'admin,editor' });
  });

  it('gives a single group as its name alone', () => {
    expect(awsClaims({ 'cognito:groups': ['admin'] })).toEqual({ 'cognito:groups': 'admin' });
  });

  it('leaves out claims that are null or undefined', () => {
    expect(awsClaims({ email: 'ada@example.com', name: null, nickname: undefined })).toEqual({ email: 'ada@example.com' });
  });

  it("hands over an ID token's claims as a flat map of strings", () => {
    const claims = awsClaims({
      sub: '7d8ca528-4931-4254-9273-ea5ee853f271',
      'cognito:groups': ['admin', 'editor'],
      email_verified: true,
      iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_example',
      'cognito:username': '7d8ca528-4931-4254-9273-ea5ee853f271',
      aud: '3n4b5urk1ft4fl3mg5e62d9ado',
      event_id: 'b4a5a5b2-8f0a-4a56-9bfa-1d5c8e2a3f4d',
      token_use: 'id',
      auth_time: 1718636404,
      exp: JUNE_18 + 3600,
      iat: JUNE_18,
      email: 'ada@example.com',
    });
    expect(claims).toEqual({
      sub: '7d8ca528-4931-4254-9273-ea5ee853f271',
      'cognito:groups': 'admin,editor',
      email_verified: 'true',
      iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_example',
      'cognito:username': '7d8ca528-4931-4254-9273-ea5ee853f271',
      aud: '3n4b5urk1ft4fl3mg5e62d9ado',
      event_id: 'b4a5a5b2-8f0a-4a56-9bfa-1d5c8e2a3f4d',
      token_use: 'id',
      auth_time: '1718636404',
      exp: 'Tue Jun 18 16:00:04 UTC 2024',
      iat: 'Tue Jun 18 15:00:04 UTC 2024',
      email: 'ada@example.com',
    });
    expect(Object.values(claims).filter((value) => typeof value !== 'string')).toEqual([]);
  });
});
