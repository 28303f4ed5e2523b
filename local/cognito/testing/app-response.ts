import type { AppResponse } from '../cognito-local.ts';

/** An express response as a dev route uses it (`status`, `json`), recording what the route sent. */
export function recordingResponse(): { sent: { status: number; body: unknown }; response: AppResponse } {
  const sent = { status: 200, body: undefined as unknown };
  const response: AppResponse = {
    status(code: number) {
      sent.status = code;
      return response;
    },
    json(body: unknown) {
      sent.body = body;
    },
  };
  return { sent, response };
}
