import { describe, expect, it } from 'vitest';
import { httpApiResponse, internalServerError, notFound, refusedRequest } from './http-api-responses.ts';

describe('the HTTP API’s own answers', () => {
  it('are JSON messages with a fresh request id', () => {
    const first = httpApiResponse(401, 'Unauthorized', { 'www-authenticate': 'Bearer' });
    expect(first).toEqual({
      statusCode: 401,
      headers: {
        'content-type': 'application/json',
        'apigw-requestid': expect.stringMatching(/^[A-Za-z0-9+/]{15}=$/),
        'www-authenticate': 'Bearer',
      },
      body: '{"message":"Unauthorized"}',
    });
    expect(httpApiResponse(401, 'Unauthorized').headers['apigw-requestid']).not.toBe(first.headers['apigw-requestid']);
  });

  it('spell Not Found and Internal Server Error as the HTTP API does', () => {
    expect(notFound()).toMatchObject({ statusCode: 404, body: '{"message":"Not Found"}' });
    expect(internalServerError()).toMatchObject({ statusCode: 500, body: '{"message":"Internal Server Error"}' });
  });

  it('answer a request the server refused with its status, 404 for no route, 500 for its own failures', () => {
    expect(refusedRequest(413)).toMatchObject({ statusCode: 413, body: '{"message":"Payload Too Large"}' });
    expect(refusedRequest(405).statusCode).toBe(404);
    expect(refusedRequest(503)).toMatchObject({ statusCode: 500, body: '{"message":"Internal Server Error"}' });
  });
});
