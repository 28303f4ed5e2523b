import type { APIGatewayProxyHandler } from 'aws-lambda';
import { jsonResponse } from '../lib/json-response.ts';

export const PUBLIC_GREETING = 'Hello from an unsecured endpoint';

/** GET /api/helloWorld: open to everyone. */
export const handler: APIGatewayProxyHandler = async () => jsonResponse(200, PUBLIC_GREETING, { 'Access-Control-Allow-Origin': '*' });
