import type { APIGatewayProxyHandler } from 'aws-lambda';
import { jsonResponse } from '../lib/json-response.ts';

/** The tutorial's greeting, word for word. */
export function securedGreeting(email: string): string {
  return `Hello from an secured endpoint -> ${email}`;
}

/**
 * GET /api/helloWorldSecured, behind the Cognito user-pool authorizer. API Gateway only invokes
 * it with a verified ID token, whose claims it places in `requestContext.authorizer.claims`.
 */
export const handler: APIGatewayProxyHandler = async (event) => {
  const email = event.requestContext.authorizer?.claims?.email;
  if (typeof email !== 'string') {
    // Only reachable if the route is deployed without its authorizer: fail loudly, never greet
    // an anonymous caller as someone.
    throw new Error('No email claim: is the Cognito authorizer attached to this route?');
  }
  return jsonResponse(200, securedGreeting(email), {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Credentials': 'true',
  });
};
