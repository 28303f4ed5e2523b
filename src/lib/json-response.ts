import type { APIGatewayProxyResult } from 'aws-lambda';

/**
 * A Lambda proxy result with a JSON body. API Gateway's proxy integration passes these headers
 * through untouched and adds no CORS headers of its own, so each handler states the ones the
 * browser needs.
 */
export function jsonResponse(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResult {
  return {
    statusCode,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}
