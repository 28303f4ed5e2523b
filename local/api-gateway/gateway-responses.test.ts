import { describe, expect, it } from 'vitest';
import type { GatewayResponseSettings } from '../cloudformation/gateway-response-settings.ts';
import { gatewayResponse } from './gateway-responses.ts';

const ALLOW_ANY_ORIGIN = { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" };

describe('gatewayResponse', () => {
  const none: GatewayResponseSettings = {};
  const withDefaults: GatewayResponseSettings = {
    DEFAULT_4XX: { responseParameters: ALLOW_ANY_ORIGIN },
    DEFAULT_5XX: { responseParameters: { 'gatewayresponse.header.X-Family': "'5xx'" } },
  };

  it('answers UNAUTHORIZED with 401 Unauthorized and no CORS header when nothing is configured', () => {
    expect(gatewayResponse('UNAUTHORIZED', none, {})).toEqual({
      statusCode: 401,
      headers: { 'Content-Type': 'application/json', 'x-amzn-ErrorType': 'UnauthorizedException' },
      body: '{"message":"Unauthorized"}',
    });
  });

  it('sends no Access-Control-* header to a request with an Origin when nothing is configured', () => {
    const { headers } = gatewayResponse('UNAUTHORIZED', none, { origin: 'http://localhost:5173' });
    expect(Object.keys(headers).filter((name) => name.toLowerCase().startsWith('access-control-'))).toEqual([]);
  });

  it('puts a custom message in the body, as for an expired token', () => {
    const response = gatewayResponse('UNAUTHORIZED', none, {}, 'The incoming token has expired');
    expect(response.statusCode).toBe(401);
    expect(response.body).toBe('{"message":"The incoming token has expired"}');
  });

  it('answers MISSING_AUTHENTICATION_TOKEN with 403 Missing Authentication Token', () => {
    expect(gatewayResponse('MISSING_AUTHENTICATION_TOKEN', none, {})).toEqual({
      statusCode: 403,
      headers: { 'Content-Type': 'application/json', 'x-amzn-ErrorType': 'MissingAuthenticationTokenException' },
      body: '{"message":"Missing Authentication Token"}',
    });
  });

  it('answers AUTHORIZER_FAILURE with 500 and a null message', () => {
    expect(gatewayResponse('AUTHORIZER_FAILURE', none, {})).toEqual({
      statusCode: 500,
      headers: { 'Content-Type': 'application/json', 'x-amzn-ErrorType': 'AuthorizerConfigurationException' },
      body: '{"message":null}',
    });
  });

  it('answers DEFAULT_5XX with 502 Internal server error', () => {
    expect(gatewayResponse('DEFAULT_5XX', none, {})).toEqual({
      statusCode: 502,
      headers: { 'Content-Type': 'application/json', 'x-amzn-ErrorType': 'InternalServerErrorException' },
      body: '{"message":"Internal server error"}',
    });
  });

  it('adds DEFAULT_4XX headers to a 401', () => {
    expect(gatewayResponse('UNAUTHORIZED', withDefaults, {}).headers).toEqual({
      'Content-Type': 'application/json',
      'x-amzn-ErrorType': 'UnauthorizedException',
      'Access-Control-Allow-Origin': '*',
    });
  });

  it('adds DEFAULT_4XX headers to a 403', () => {
    expect(gatewayResponse('MISSING_AUTHENTICATION_TOKEN', withDefaults, {}).headers).toEqual({
      'Content-Type': 'application/json',
      'x-amzn-ErrorType': 'MissingAuthenticationTokenException',
      'Access-Control-Allow-Origin': '*',
    });
  });

  it('adds DEFAULT_5XX headers, not DEFAULT_4XX ones, to a 500', () => {
    expect(gatewayResponse('AUTHORIZER_FAILURE', withDefaults, {}).headers).toEqual({
      'Content-Type': 'application/json',
      'x-amzn-ErrorType': 'AuthorizerConfigurationException',
      'X-Family': '5xx',
    });
  });

  it('adds DEFAULT_5XX headers, not DEFAULT_4XX ones, to a 502', () => {
    expect(gatewayResponse('DEFAULT_5XX', withDefaults, {}).headers).toEqual({
      'Content-Type': 'application/json',
      'x-amzn-ErrorType': 'InternalServerErrorException',
      'X-Family': '5xx',
    });
  });

  it('adds no DEFAULT_4XX header to a 5xx when only DEFAULT_4XX is configured', () => {
    const only4xx: GatewayResponseSettings = { DEFAULT_4XX: { responseParameters: ALLOW_ANY_ORIGIN } };
    expect(gatewayResponse('DEFAULT_5XX', only4xx, {}).headers).toEqual({
      'Content-Type': 'application/json',
      'x-amzn-ErrorType': 'InternalServerErrorException',
    });
  });

  it('adds no DEFAULT_5XX header to a 4xx when only DEFAULT_5XX is configured', () => {
    const only5xx: GatewayResponseSettings = { DEFAULT_5XX: { responseParameters: ALLOW_ANY_ORIGIN } };
    expect(gatewayResponse('UNAUTHORIZED', only5xx, {}).headers).toEqual({
      'Content-Type': 'application/json',
      'x-amzn-ErrorType': 'UnauthorizedException',
    });
  });

  it('uses the UNAUTHORIZED GatewayResponse instead of DEFAULT_4XX, without merging the two', () => {
    const settings: GatewayResponseSettings = {
      ...withDefaults,
      UNAUTHORIZED: { responseParameters: { 'gatewayresponse.header.WWW-Authenticate': "'Bearer'" } },
    };
    expect(gatewayResponse('UNAUTHORIZED', settings, {}).headers).toEqual({
      'Content-Type': 'application/json',
      'x-amzn-ErrorType': 'UnauthorizedException',
      'WWW-Authenticate': 'Bearer',
    });
    // The other 4xx types still fall back to DEFAULT_4XX.
    expect(gatewayResponse('MISSING_AUTHENTICATION_TOKEN', settings, {}).headers['Access-Control-Allow-Origin']).toBe('*');
  });

  it('answers with the StatusCode of the GatewayResponse when it overrides the default', () => {
    const settings: GatewayResponseSettings = { UNAUTHORIZED: { statusCode: '403', responseParameters: {} } };
    const response = gatewayResponse('UNAUTHORIZED', settings, {});
    expect(response.statusCode).toBe(403);
    expect(response.body).toBe('{"message":"Unauthorized"}');
  });

  it("copies the request's Origin into a header mapped from method.request.header.Origin", () => {
    const settings: GatewayResponseSettings = {
      DEFAULT_4XX: {
        responseParameters: {
          'gatewayresponse.header.Access-Control-Allow-Origin': 'method.request.header.Origin',
          'gatewayresponse.header.Access-Control-Allow-Credentials': "'true'",
        },
      },
    };
    expect(gatewayResponse('UNAUTHORIZED', settings, { origin: 'http://localhost:5173' }).headers).toEqual({
      'Content-Type': 'application/json',
      'x-amzn-ErrorType': 'UnauthorizedException',
      'Access-Control-Allow-Origin': 'http://localhost:5173',
      'Access-Control-Allow-Credentials': 'true',
    });
  });

  it('omits a header mapped from a request header the request does not have', () => {
    const settings: GatewayResponseSettings = {
      DEFAULT_4XX: { responseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': 'method.request.header.Origin' } },
    };
    expect(gatewayResponse('UNAUTHORIZED', settings, {}).headers).toEqual({
      'Content-Type': 'application/json',
      'x-amzn-ErrorType': 'UnauthorizedException',
    });
  });
});
