import { STATUS_CODES } from 'node:http';
import { answerClientErrorsWithJson } from '../json-client-errors.ts';
import { gatewayResponse, type GatewayResponseSettings } from './gateway-responses.ts';
import type { HapiServerInternals } from './hapi.ts';

/** By listener: hapi hands each auth strategy a clone of the server. */
const installed = new WeakSet<object>();

/**
 * What the local API answers to requests that never reach a route: the gateway's JSON 4XX
 * (with the DEFAULT_4XX GatewayResponse headers) instead of Node's and hapi's bare
 * `400 Bad Request` for a request its parser refuses (a lowercase or unknown method, a header
 * over 16 KB, a NUL in a header…), a bare 417 for an odd `Expect` or nothing for CONNECT. Cookies
 * and ranges are not the gateway's business: API Gateway hands the Cookie header to the Lambda as
 * it came (hapi would refuse an invalid one with a 400) and sends a Lambda's response whole.
 * Installed once per server (the first auth strategy does it).
 */
export function answerMalformedRequestsLikeApiGateway(server: HapiServerInternals, gatewayResponses: GatewayResponseSettings): void {
  if (installed.has(server.listener)) return;
  installed.add(server.listener);

  // The routes are added after the first auth strategy, which is what installs this.
  server.events.on('route', (route) => {
    route.settings.state.failAction = 'ignore';
    // API Gateway sends a Lambda response whole: no `Range` (206, 416) and no `accept-ranges`.
    route.settings.response.ranges = false;
  });
  answerClientErrorsWithJson(server.listener, ({ status }) => {
    const { headers, body } = gatewayResponse('DEFAULT_4XX', gatewayResponses, {}, STATUS_CODES[status]);
    return { status, headers, body };
  });
}
