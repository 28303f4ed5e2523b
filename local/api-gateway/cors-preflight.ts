/** An http event's `cors` setting in serverless.yml. */
export type CorsSetting =
  | boolean
  | {
      origin?: string;
      origins?: string[];
      headers?: string | string[];
      methods?: string[];
      allowCredentials?: boolean;
      maxAge?: number;
      cacheControl?: string;
    };

interface PathCors {
  origin?: string;
  origins: string[];
  headers: string[];
  methods: string[];
  allowCredentials: boolean;
  maxAge?: number;
  cacheControl?: string;
}

/** serverless's default `Access-Control-Allow-Headers` for `cors: true`. */
const DEFAULT_HEADERS = [
  'Content-Type',
  'X-Amz-Date',
  'Authorization',
  'X-Api-Key',
  'X-Amz-Security-Token',
  'X-Amz-User-Agent',
  'X-Amzn-Trace-Id',
];

const union = (first: readonly string[], second: readonly string[]) => [...new Set([...first, ...second])];

/**
 * The OPTIONS methods that serverless adds to API Gateway for `cors:` settings: a MOCK
 * integration per path that answers 200 with fixed headers, merged over the path's methods the
 * way serverless v3 merges them (lib/plugins/aws/package/compile/events/api-gateway).
 */
export class CorsPreflights {
  readonly #byPath = new Map<string, PathCors>();

  add(path: string, method: string, setting: CorsSetting | undefined): void {
    if (!setting) return;
    const event = eventCors(method.toUpperCase(), setting);
    const existing = this.#byPath.get(path);
    this.#byPath.set(path, {
      origin: event.origin,
      origins: union(event.origins, existing?.origins ?? []),
      headers: union(event.headers, existing?.headers ?? []),
      methods: union(event.methods, existing?.methods ?? []),
      allowCredentials: (existing?.allowCredentials ?? false) || event.allowCredentials,
      maxAge: event.maxAge ?? existing?.maxAge,
      cacheControl: event.cacheControl ?? existing?.cacheControl,
    });
  }

  /** The preflight answer's headers for `path`, or undefined when it has no OPTIONS method. */
  headersFor(path: string, requestOrigin: string | undefined): Record<string, string> | undefined {
    const cors = this.#byPath.get(path) ?? [...this.#byPath].find(([pattern]) => pathPattern(pattern).test(path))?.[1];
    if (!cors) return undefined;
    // A list of origins (or a comma-separated `origin`) becomes a response template that echoes
    // a matching request Origin.
    const origins = cors.origins.length > 0 ? cors.origins : cors.origin?.includes(',') ? cors.origin.split(',').map((o) => o.trim()) : [];
    const origin = origins.length > 0 ? pickOrigin(origins, requestOrigin) : (cors.origin ?? '*');
    return {
      'Content-Type': 'application/json',
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Headers': cors.headers.join(','),
      'Access-Control-Allow-Methods': cors.methods.join(',').replace('ANY', 'DELETE,GET,HEAD,PATCH,POST,PUT'),
      ...(cors.allowCredentials && { 'Access-Control-Allow-Credentials': 'true' }),
      ...(cors.maxAge && { 'Access-Control-Max-Age': String(cors.maxAge) }),
      ...(cors.cacheControl && { 'Cache-Control': cors.cacheControl }),
    };
  }
}

function eventCors(method: string, setting: CorsSetting): PathCors {
  if (typeof setting !== 'object') {
    return { origin: '*', origins: [], headers: DEFAULT_HEADERS, methods: ['OPTIONS', method], allowCredentials: false };
  }
  const headers = setting.headers === undefined ? DEFAULT_HEADERS : [setting.headers].flat();
  return {
    origin: setting.origins ? setting.origin : (setting.origin ?? '*'),
    origins: setting.origins ?? [],
    headers,
    methods: union(union(setting.methods ?? [], ['OPTIONS']), [method]),
    allowCredentials: Boolean(setting.allowCredentials),
    maxAge: setting.maxAge,
    cacheControl: setting.cacheControl,
  };
}

/**
 * With several origins, the MOCK integration echoes the request's when one matches (`*` in an
 * origin standing for any characters), else answers the first.
 */
function pickOrigin(origins: readonly string[], requestOrigin: string | undefined): string {
  const matches = (origin: string) =>
    new RegExp(
      `^${origin
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.+')}$`,
    ).test(requestOrigin ?? '');
  return requestOrigin && origins.some(matches) ? requestOrigin : origins[0]!;
}

/** `users/{id}` matches `users/42`; `files/{proxy+}` matches `files/a/b`. */
function pathPattern(path: string): RegExp {
  const segments = path.split('/').map((segment) => {
    if (/^\{.+\+\}$/.test(segment)) return '.+';
    if (/^\{.+\}$/.test(segment)) return '[^/]+';
    return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  });
  return new RegExp(`^${segments.join('/')}$`);
}
