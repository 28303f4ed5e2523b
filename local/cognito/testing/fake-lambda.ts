import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A trigger's handler: what it returns is the invocation's payload; what it throws, an Unhandled error. */
export type FakeHandler = (event: Record<string, any>) => unknown;

/** Lambda's Invoke API as serverless-offline's Lambda port serves it, with handlers given by the test. */
export interface FakeLambda {
  readonly url: string;
  /** Every event invoked, with the function's name, in order. */
  readonly invoked: Array<{ functionName: string; event: Record<string, any> }>;
  /** Sets (or replaces) what `functionName` does. */
  handle(functionName: string, handler: FakeHandler): void;
  close(): Promise<void>;
}

/**
 * serverless-offline's `POST /2015-03-31/functions/<name>/invocations` (its InvocationsController):
 * 200 with the handler's result; 200 with `X-Amz-Function-Error: Unhandled` and
 * `{errorMessage, errorType}` when it throws; 404 with `x-amzn-ErrorType: ResourceNotFoundException`
 * for a function it does not have.
 */
export async function startFakeLambda(): Promise<FakeLambda> {
  const handlers = new Map<string, FakeHandler>();
  const invoked: FakeLambda['invoked'] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const functionName = decodeURIComponent(/^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(request.url ?? '')?.[1] ?? '');
      const handler = handlers.get(functionName);
      if (!handler) {
        response.writeHead(404, { 'x-amzn-ErrorType': 'ResourceNotFoundException' });
        response.end(JSON.stringify({ Message: `Function not found: ${functionName}`, Type: 'User' }));
        return;
      }
      const event = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      invoked.push({ functionName, event: structuredClone(event) });
      try {
        const result = await handler(event);
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(result === undefined ? '' : JSON.stringify(result));
      } catch (error) {
        if (response.destroyed) return;
        response.writeHead(200, { 'Content-Type': 'application/json', 'X-Amz-Function-Error': 'Unhandled' });
        response.end(JSON.stringify({ errorMessage: (error as Error).message, errorType: 'Error', trace: [] }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    invoked,
    handle: (functionName, handler) => void handlers.set(functionName, handler),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The ARN the local CloudFormation gives a function of this service. */
export const functionArn = (name: string) => `arn:aws:lambda:eu-west-1:000000000000:function:${name}`;
