import type { Server } from 'node:http';

// The slices of hapi (serverless-offline's HTTP server) that the local API Gateway emulation
// touches. hapi is offline's dependency, not ours: these name exactly what we lean on, and
// local/offline/offline-contract.test.ts checks each against the installed versions.

export interface HapiResponse {
  statusCode: number;
  source: unknown;
  headers: Record<string, string | string[]>;
  isBoom?: false;
  settings: { charset?: string | null };
  code(status: number): HapiResponse;
  header(name: string, value: string): HapiResponse;
  type(mimeType: string): HapiResponse;
  takeover(): HapiResponse;
}

export interface HapiBoom {
  isBoom: true;
  output: { statusCode: number };
}

export interface HapiRequest {
  method: string;
  path: string;
  headers: Record<string, string | undefined>;
  raw: { req: { rawHeaders: string[] } };
  route: { path: string; method: string };
  info: { cors: { isOriginMatch: boolean } | null };
  /** Per-request state for extensions (hapi's `request.app`). */
  app: Record<string, unknown>;
  response: HapiResponse | HapiBoom | null;
}

export interface HapiToolkit {
  readonly continue: symbol;
  authenticated(result: { credentials: object }): unknown;
  response(body?: unknown): HapiResponse;
}

type Lifecycle = (request: HapiRequest, h: HapiToolkit) => unknown;

export interface HapiServer {
  ext(event: 'onRequest' | 'onPreHandler' | 'onPostHandler' | 'onPreResponse', method: Lifecycle): void;
}

/** A hapi route as its `route` event hands it over; its settings stay live after creation. */
export interface HapiRoute {
  readonly method: string;
  readonly path: string;
  readonly settings: { state: { failAction: 'error' | 'log' | 'ignore' }; response: { ranges: boolean } };
}

/** The rest of a hapi server that the malformed-request handling touches. */
export interface HapiServerInternals extends HapiServer {
  /** The Node HTTP server hapi listens with. */
  readonly listener: Server;
  readonly settings: { port?: number | string | null };
  readonly events: { on(event: 'route', listener: (route: HapiRoute) => void): void };
  /** A request through the server's whole lifecycle, without a socket. */
  inject(options: { method: string; url: string; headers?: Record<string, string>; payload?: string | Buffer }): Promise<unknown>;
}
