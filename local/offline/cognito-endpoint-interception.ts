import { syncBuiltinESMExports } from 'node:module';
import { BatchInterceptor } from '@mswjs/interceptors';
import { ClientRequestInterceptor } from '@mswjs/interceptors/ClientRequest';
import { FetchInterceptor } from '@mswjs/interceptors/fetch';
import { cognitoEndpointRequest, otherRegionCall } from '../cognito/cognito-endpoint-requests.ts';

export class CognitoEndpointError extends Error {
  override name = 'CognitoEndpointError';
}

/**
 * Makes this process (serverless-offline's, where the handlers run: `useInProcess`) answer what
 * its code asks of Cognito's public endpoint `https://cognito-idp.<region>.amazonaws.com` from the
 * local Cognito at `cognitoUrl`, so that a verifier that derives its URLs from the pool id, as
 * aws-jwt-verify's CognitoJwtVerifier does, works unchanged and nothing leaves the machine:
 *
 * - `GET /<pool id>/.well-known/jwks.json` and `…/openid-configuration`: the emulator's, for the
 *   pools it has (another pool is its 404, as Cognito answers an unknown pool); the discovery
 *   document's `jwks_uri` is the same host's, as on AWS.
 * - `POST /`, Cognito's JSON API (`X-Amz-Target: AWSCognitoIdentityProviderService.<Operation>`), as
 *   the AWS SDK v2, amazon-cognito-identity-js, Amplify or a plain fetch send it: sent to the
 *   emulator with its body and headers, and the emulator's answer (status, headers, body) returned
 *   as it is, so that code reaching Cognito any way AWS allows runs against the local pools. A call
 *   signed for, or naming a pool of, another region than the endpoint's is answered as Cognito
 *   answers it there (otherRegionCall).
 * - anything else at that host: an error naming the request and what is answered, never a call to AWS.
 *
 * Both of Node's HTTP clients are covered (http/https.request, which aws-jwt-verify uses, and
 * fetch, which jose uses), through @mswjs/interceptors. Requests to any other host go on unchanged.
 * Returns what uninstalls it.
 */
export function interceptCognitoEndpoint(cognitoUrl: string): () => void {
  const interceptor = new BatchInterceptor({
    name: 'local-cognito-endpoint',
    interceptors: [new ClientRequestInterceptor(), new FetchInterceptor()],
  });
  interceptor.on('request', async ({ request, controller }) => {
    const asked = cognitoEndpointRequest(request.method, new URL(request.url));
    if (asked === undefined) return; // not Cognito's endpoint: on to its host
    if (asked.kind === 'refused') {
      controller.errorWith(new CognitoEndpointError(asked.message));
      return;
    }
    if (asked.kind === 'api') {
      const answer = await forwardedApiCall(cognitoUrl, asked.region, request).catch((error: Error) => error);
      if (answer instanceof Error) controller.errorWith(answer);
      else controller.respondWith(answer);
      return;
    }
    const from = `${cognitoUrl}/${encodeURIComponent(asked.userPoolId)}/.well-known/${asked.document}`;
    let answer: Response;
    try {
      answer = await fetch(from, { signal: AbortSignal.timeout(3000) });
    } catch (cause) {
      controller.errorWith(
        new CognitoEndpointError(`${request.url} is answered by the local Cognito, which did not answer at ${from}: is it running?`, {
          cause,
        }),
      );
      return;
    }
    const body = await answer.text();
    controller.respondWith(
      new Response(answer.ok && body !== '' && asked.document === 'openid-configuration' ? withJwksAt(body, asked.jwksUri) : body, {
        status: answer.status,
        headers: { 'content-type': answer.headers.get('content-type') ?? 'application/json' },
      }),
    );
  });
  interceptor.apply();
  // ES modules that import { request } from 'node:https' (aws-jwt-verify's ESM build) see the patched functions too.
  syncBuiltinESMExports();
  return () => {
    interceptor.dispose();
    syncBuiltinESMExports();
  };
}

/** How long a forwarded API call may take. */
const API_TIMEOUT_MS = 10_000;

/** Headers of one hop, or that fetch sets itself for the emulator's URL and the body it sends. */
const NOT_FORWARDED = new Set([
  'host',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'expect',
  'accept-encoding',
  'upgrade',
]);
/** Headers of the emulator's answer that described its bytes on the wire, which fetch has already decoded. */
const NOT_RETURNED = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding']);

/**
 * A call to Cognito's API sent to the emulator as it came (its body, and its headers: the target,
 * the content type, the signature whose scope names the region), and the emulator's answer as it is.
 */
async function forwardedApiCall(cognitoUrl: string, region: string, request: Request): Promise<Response> {
  const body = await request.text();
  const wrongRegion = otherRegionCall(region, request.headers.get('authorization'), body);
  if (wrongRegion) {
    const { status, ...error } = wrongRegion;
    return new Response(JSON.stringify(error), {
      status,
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': error.__type },
    });
  }
  const headers = new Headers();
  request.headers.forEach((value, name) => {
    if (!NOT_FORWARDED.has(name)) headers.set(name, value);
  });
  let answer: Response;
  try {
    // Longer than the 5 s Cognito gives a trigger (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html),
    // which the emulator may run, in this very process, before it answers.
    answer = await fetch(`${cognitoUrl}/`, { method: 'POST', headers, body, signal: AbortSignal.timeout(API_TIMEOUT_MS) });
  } catch (cause) {
    const why =
      (cause as Error).name === 'TimeoutError'
        ? `did not answer within ${API_TIMEOUT_MS / 1000} s at ${cognitoUrl}/`
        : `did not answer at ${cognitoUrl}/: is it running?`;
    throw new CognitoEndpointError(`${request.url} is answered by the local Cognito, which ${why}`, { cause });
  }
  const returned = new Headers();
  answer.headers.forEach((value, name) => {
    if (!NOT_RETURNED.has(name)) returned.append(name, value);
  });
  return new Response(await answer.arrayBuffer(), { status: answer.status, statusText: answer.statusText, headers: returned });
}

let intercepting = false;

/** {@link interceptCognitoEndpoint}, for the rest of this process: installed by the first call (the patch is process-wide). */
export function interceptCognitoEndpointOnce(cognitoUrl: string): void {
  if (intercepting) return;
  interceptCognitoEndpoint(cognitoUrl);
  intercepting = true;
}

/** The discovery document with its keys at `jwksUri`: the emulator names where it was reached, this process answers the issuer's URL. */
function withJwksAt(document: string, jwksUri: string): string {
  return JSON.stringify({ ...(JSON.parse(document) as object), jwks_uri: jwksUri });
}
