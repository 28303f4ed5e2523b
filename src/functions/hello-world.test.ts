import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handler } from './hello-world.ts';

async function invoke(event: Partial<APIGatewayProxyEvent>): Promise<APIGatewayProxyResult> {
  const result = await handler(event as APIGatewayProxyEvent, {} as Context, () => {});
  if (!result) throw new Error('the handler returned nothing');
  return result;
}

describe('helloWorld handler', () => {
  it('greets anyone with the public greeting as JSON', async () => {
    const response = await invoke({ httpMethod: 'GET', path: '/api/helloWorld', headers: {} });

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toBe('Hello from an unsecured endpoint');
    expect(response.headers).toMatchObject({
      'Content-Type': 'application/json',
      'Access-Control-Allow-Origin': '*',
    });
  });
});
