import { describe, expect, it } from 'vitest';
import { devInboxRoute } from './dev-inbox-route.ts';
import type { InboxMessage } from './dev-inbox.ts';
import { recordingResponse } from './testing/app-response.ts';

const message = (to: string): InboxMessage => ({ to, code: '123456', medium: 'EMAIL', kind: 'SignUp', sentAt: '2024-06-18T15:00:04.000Z' });
const inbox = {
  list: ({ to }: { to?: string } = {}) =>
    [message('ada@example.com'), message('bob@example.com')].filter((m) => to === undefined || m.to === to),
};

function answer(query: Record<string, unknown>): { status: number; body: unknown } {
  const { sent, response } = recordingResponse();
  devInboxRoute(inbox)({ query }, response);
  return sent;
}

describe('GET /_dev/inbox', () => {
  it("lists every message without `to`, one address's with it", () => {
    expect((answer({}).body as unknown[]).length).toBe(2);
    expect(answer({ to: 'bob@example.com' })).toEqual({ status: 200, body: [message('bob@example.com')] });
  });

  it("refuses `to` given twice or as a structure with a 400, instead of listing everyone's codes", () => {
    expect(answer({ to: ['ada@example.com', 'bob@example.com'] })).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining('`to` once') },
    });
    expect(answer({ to: { x: '1' } }).status).toBe(400);
  });
});
