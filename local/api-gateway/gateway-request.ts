/** A request as the local API Gateway decides on it, whichever server received it. */
export interface GatewayRequest {
  /** Lower-case (`get`, `options`). */
  readonly method: string;
  /** With the stage prefix, as in the invoke URL: `/local/api/helloWorld`. */
  readonly path: string;
  /** By lower-cased name. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The headers as they came, name then value, repeats and case kept. */
  readonly rawHeaders: readonly string[];
  /** The request target as sent, path and query string (a Lambda authorizer's event reads its query string). */
  readonly url?: string;
  /** The route's path parameters, decoded, by name (`{id}` → `id`). */
  readonly pathParameters?: Readonly<Record<string, string>>;
  /** The caller's address (`requestContext.identity.sourceIp`). */
  readonly sourceIp?: string;
}

/** How many times `name` (lower-case) came in the request's headers. */
export function headerCount(request: GatewayRequest, name: string): number {
  return request.rawHeaders.filter((header, index) => index % 2 === 0 && header.toLowerCase() === name).length;
}
