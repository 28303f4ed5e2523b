// How API Gateway reads what a Lambda proxy integration returned: the response it sends, or why
// the result is malformed (the gateway then answers with its own 5XX). One reader per format:
// REST and HTTP API payload 1.0 share one (set-up-lambda-proxy-integrations.html
// #api-gateway-simple-proxy-for-lambda-output-format), payload 2.0 has its own
// (http-api-develop-integrations-lambda.html#http-api-develop-integrations-lambda.response).

/** The response a proxy integration's result describes, as the gateway sends it. */
export interface ProxyResponse {
  readonly statusCode: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly multiValueHeaders?: Readonly<Record<string, readonly string[]>>;
  /** Payload 2.0: each becomes a `set-cookie` header. */
  readonly cookies?: readonly string[];
  readonly body?: string | null;
  readonly isBase64Encoded?: boolean;
}

export type ProxyResult = { readonly ok: true; readonly response: ProxyResponse } | { readonly ok: false; readonly reason: string };

/** The event format of a route's integration: REST APIs use 1.0. */
export type PayloadFormatVersion = '1.0' | '2.0';

/** The keys each format's response may have; any other makes the result malformed [U: strict side, README]. */
const KEYS: Readonly<Record<PayloadFormatVersion, readonly string[]>> = {
  '1.0': ['statusCode', 'headers', 'multiValueHeaders', 'body', 'isBase64Encoded'],
  '2.0': ['statusCode', 'headers', 'cookies', 'body', 'isBase64Encoded'],
};

/**
 * What API Gateway receives from Lambda: the handler's result as Lambda serializes it (JSON; an
 * `undefined` result is `null`). A result JSON cannot carry (a cycle, a BigInt) fails the
 * invocation itself: undefined.
 */
export function lambdaPayload(result: unknown): { readonly payload: unknown } | undefined {
  try {
    return { payload: JSON.parse(JSON.stringify(result) ?? 'null') };
  } catch {
    return undefined;
  }
}

/** The response API Gateway makes of a Lambda's `payload` in this format, or why it is malformed. */
export function readProxyResult(payload: unknown, format: PayloadFormatVersion): ProxyResult {
  if (format === '2.0' && !(isObject(payload) && 'statusCode' in payload)) {
    // "If your Lambda function returns valid JSON and doesn't return a statusCode, API Gateway
    // assumes…" (http-api-develop-integrations-lambda.html): a string is the body as it is.
    const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
    return { ok: true, response: { statusCode: 200, headers: { 'content-type': 'application/json' }, body, isBase64Encoded: false } };
  }
  if (!isObject(payload)) return malformed(`the result is ${kindOf(payload)}, not an object`);
  const unknown = Object.keys(payload).find((key) => !KEYS[format].includes(key));
  if (unknown !== undefined) return malformed(`unknown key "${unknown}" (payload ${format} allows ${KEYS[format].join(', ')})`);
  const { statusCode, headers, multiValueHeaders, cookies, body, isBase64Encoded } = payload;
  if (!Number.isInteger(statusCode) || (statusCode as number) < 100 || (statusCode as number) > 599) {
    return malformed(statusCode === undefined ? 'no statusCode' : `statusCode ${JSON.stringify(statusCode)} is not an HTTP status number`);
  }
  if (headers != null && !isScalarMap(headers)) return malformed('headers must map names to strings');
  if (multiValueHeaders != null && !isListMap(multiValueHeaders)) return malformed('multiValueHeaders must map names to lists of strings');
  if (cookies != null && !isStringList(cookies)) return malformed('cookies must be a list of strings');
  if (body != null && typeof body !== 'string') return malformed(`body is ${kindOf(body)}: it must be a string (JSON.stringify it)`);
  if (isBase64Encoded != null && typeof isBase64Encoded !== 'boolean') return malformed('isBase64Encoded must be a boolean');
  const response = payload as unknown as ProxyResponse;
  return { ok: true, response: headers == null ? response : { ...response, headers: asText(headers as Record<string, Scalar>) } };
}

function malformed(reason: string): ProxyResult {
  return { ok: false, reason };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isStringList = (value: unknown) => Array.isArray(value) && value.every((item) => typeof item === 'string');
type Scalar = string | number | boolean;
/**
 * Header values that are numbers or booleans are sent as their text: the serverless blog's CORS
 * guide has handlers return `'Access-Control-Allow-Credentials': true` to API Gateway, and
 * LocalStack's REST emulation, built against AWS's answers, takes them [C]. Objects, lists and
 * null are malformed.
 */
const isScalarMap = (value: unknown) =>
  isObject(value) && Object.values(value).every((item) => ['string', 'number', 'boolean'].includes(typeof item));
const asText = (headers: Readonly<Record<string, Scalar>>) =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)]));
const isListMap = (value: unknown) => isObject(value) && Object.values(value).every(isStringList);

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
