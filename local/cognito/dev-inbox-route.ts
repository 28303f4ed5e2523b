import type { DevInbox } from './dev-inbox.ts';

/** The slice of an express request and response the route touches. */
interface InboxRequest {
  readonly query: Record<string, unknown>;
}
interface InboxResponse {
  status(code: number): InboxResponse;
  json(body: unknown): void;
}

/**
 * `GET /_dev/inbox[?to=<address>]`: the codes the emulator "emailed", all of them or one
 * address's (case-insensitive). A `to` that is not one plain value is refused rather than
 * read as "no filter", which would hand back everyone's codes.
 */
export function devInboxRoute(inbox: Pick<DevInbox, 'list'>) {
  return (request: InboxRequest, response: InboxResponse): void => {
    const { to } = request.query;
    if (to !== undefined && typeof to !== 'string') {
      response.status(400).json({ message: 'Give `to` once, as one address: /_dev/inbox?to=user@example.com' });
      return;
    }
    response.json(inbox.list({ to }));
  };
}
