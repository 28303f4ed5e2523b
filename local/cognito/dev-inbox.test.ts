import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OffsetClock } from '../clock.ts';
import { DevInbox, DevInboxError, type InboxMessage } from './dev-inbox.ts';

// cognito-local's context and user are not read by the inbox.
const ctx = {} as any;
const user = {} as any;

/** What cognito-local does when it "emails" a code. */
function email(inbox: DevInbox, to: string, code: string, kind: 'SignUp' | 'ResendCode' | 'ForgotPassword' = 'SignUp') {
  return inbox.deliver(ctx, kind, 'client-1', 'local_Pool1', user, code, undefined, {
    AttributeName: 'email',
    DeliveryMedium: 'EMAIL',
    Destination: to,
  });
}

let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'dev-inbox-'));
  file = path.join(dir, 'inbox.jsonl');
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('DevInbox', () => {
  it('says what each code is for', async () => {
    const inbox = new DevInbox(file);
    await email(inbox, 'ada@example.com', '111111', 'SignUp');
    await email(inbox, 'ada@example.com', '222222', 'ResendCode');
    await email(inbox, 'ada@example.com', '333333', 'ForgotPassword');
    expect(inbox.list().map((message) => message.kind)).toEqual(['SignUp', 'ResendCode', 'ForgotPassword']);
  });

  it("records an email with its address, code and time (the local clock's, moved or not), and announces it", async () => {
    const announced: InboxMessage[] = [];
    const clock = new OffsetClock(() => Date.parse('2024-06-18T15:00:00.250Z'));
    const inbox = new DevInbox(file, (message) => announced.push(message), undefined, clock);

    await email(inbox, 'ada@example.com', '123456');
    clock.advance(3_600_000);
    await email(inbox, 'ada@example.com', '654321');

    const [message, later] = inbox.list();
    expect(message).toEqual({ to: 'ada@example.com', code: '123456', medium: 'EMAIL', kind: 'SignUp', sentAt: '2024-06-18T15:00:00.250Z' });
    expect(later?.sentAt).toBe('2024-06-18T16:00:00.250Z');
    expect(announced).toEqual([message, later]);
  });

  it('lists messages oldest first, newest last', async () => {
    const inbox = new DevInbox(file);

    await email(inbox, 'ada@example.com', '111111');
    await email(inbox, 'grace@example.com', '222222');
    await email(inbox, 'ada@example.com', '333333');

    expect(inbox.list().map((m) => m.code)).toEqual(['111111', '222222', '333333']);
  });

  it('filters by address regardless of case', async () => {
    const inbox = new DevInbox(file);
    await email(inbox, 'Ada@Example.com', '111111');
    await email(inbox, 'grace@example.com', '222222');
    await email(inbox, 'ada@example.com', '333333');

    expect(inbox.list({ to: 'ADA@example.COM' }).map((m) => m.code)).toEqual(['111111', '333333']);
    expect(inbox.list({ to: 'nobody@example.com' })).toEqual([]);
  });

  it('sees the messages of an earlier inbox on the same file', async () => {
    const earlier = new DevInbox(file);
    await email(earlier, 'ada@example.com', '111111');
    await email(earlier, 'grace@example.com', '222222');

    const restarted = new DevInbox(file);

    expect(restarted.list()).toEqual(earlier.list());
    expect(restarted.list().map((m) => m.code)).toEqual(['111111', '222222']);
  });

  it('starts empty when the file does not exist yet', () => {
    expect(new DevInbox(path.join(dir, 'missing.jsonl')).list()).toEqual([]);
  });

  it('refuses a corrupted file, naming the file and the line', () => {
    const good = JSON.stringify({
      to: 'ada@example.com',
      code: '111111',
      medium: 'EMAIL',
      kind: 'SignUp',
      sentAt: new Date().toISOString(),
    });
    writeFileSync(file, `${good}\n${good}\n{"to": "grace@exa\n`);

    let error: unknown;
    try {
      new DevInbox(file);
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(DevInboxError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toContain('line 3');
  });

  // Blank lines count: the message must point at the line a reader sees in an editor.
  it('names the real line of a corrupted file that has blank lines', () => {
    const good = JSON.stringify({
      to: 'ada@example.com',
      code: '111111',
      medium: 'EMAIL',
      kind: 'SignUp',
      sentAt: new Date().toISOString(),
    });
    writeFileSync(file, `${good}\n\nnot json\n`);

    expect(() => new DevInbox(file)).toThrow(`${file} line 3 is not a message`);
  });
});
