import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handler } from './hello-world-secured.ts';

function eventWithClaims(claims: Record<string, string> | undefined): APIGatewayProxyEvent {
  return {
    httpMethod: 'GET',
    path: '/api/helloWorldSecured',
    headers: {},
    requestContext: { authorizer: claims === undefined ? null : { claims } },
  } as unknown as APIGatewayProxyEvent;
}

async function invoke(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const result = await handler(event, {} as Context, () => {});
  if (!result) throw new Error('the handler returned nothing');
  return result;
}

describe('helloWorldSecured handler', () => {
  it("greets the caller by the email claim of the authorizer's verified token", async () => {
    const response = await invoke(eventWithClaims({ sub: 'user-1', email: 'ada@example.com', token_use: 'id' }));

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toBe('Hello from an secured endpoint -> ada@example.com');
    expect(response.headers).toMatchObject({
      'Content-Type': 'application/json',
      'Access-Control-Allow-Origin': '*',
    });
  });

  it('refuses to greet when the authorizer passed no claims', async () => {
    await expect(invoke(eventWithClaims(undefined))).rejects.toThrow(/No email claim/);
  });

  it('refuses to greet when the claims carry no email', async () => {
    await expect(invoke(eventWithClaims({ sub: 'user-1' }))).rejects.toThrow(/No email claim/);
  });
});
