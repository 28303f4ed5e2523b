import type { IncomingMessage } from 'node:http';
import { CognitoRequestError, serializationError, unknownOperation } from './cognito-request-error.ts';
import type { CognitoOperations } from './operation-input.ts';

/** `X-Amz-Target: AWSCognitoIdentityProviderService.<Operation>`, as the AWS SDKs send it. */
export const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';
/** The JSON protocol's media types; cognito-local itself parses only 1.1. */
const JSON_MEDIA_TYPES = new Set(['application/x-amz-json-1.1', 'application/x-amz-json-1.0']);
/** Far above any Cognito request (cognito-local's own parser stopped at 100 KB). */
export const MAX_BODY_BYTES = 1024 * 1024;
/** What is read and thrown away of a body over the limit before the connection is dropped. */
const MAX_DRAINED_BYTES = 64 * 1024 * 1024;

/** The request ended before its body did: there is no one left to answer. */
export class ClientGoneError extends Error {
  override name = 'ClientGoneError';

  constructor() {
    super('The client went away before sending the whole body.');
  }
}

export interface OperationRequest {
  readonly operation: string;
  /** The body as the operation reads it: checked and coerced against Cognito's model. */
  readonly input: Record<string, unknown>;
}

const UNKNOWN_OPERATION_HINT = `Cognito operations are POST / with X-Amz-Target: ${TARGET_PREFIX}<Operation> and Content-Type: application/x-amz-json-1.1.`;

/**
 * A Cognito API call (`POST /`) read the way Cognito's front door reads it, before any
 * operation runs: refused with the error Cognito answers (UnknownOperationException,
 * SerializationException, InvalidParameterException, 413) instead of reaching cognito-local,
 * whose operations fail with a 500 and an empty body on input they do not expect.
 */
export async function readOperationRequest(request: IncomingMessage, operations: CognitoOperations): Promise<OperationRequest> {
  let operation: string;
  try {
    operation = operationOf(request, operations);
  } catch (error) {
    // Answering while the client still sends its body can reset the connection before it reads the answer.
    await readBody(request).catch(() => {});
    throw error;
  }
  const text = await readBody(request);
  let body: unknown;
  try {
    // The SDKs send `{}` for an empty input; an empty body reads the same.
    body = text.trim() === '' ? {} : JSON.parse(text);
  } catch (error) {
    throw serializationError(`Request body is not JSON: ${(error as Error).message}`);
  }
  return { operation, input: operations.readInput(operation, body) };
}

/** The operation the request names, if Cognito knows it and the body is in the JSON protocol. */
function operationOf(request: IncomingMessage, operations: CognitoOperations): string {
  const target = request.headers['x-amz-target'];
  const operation = typeof target === 'string' && target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
  if (operation === undefined) throw unknownOperation(`Missing or unrecognised X-Amz-Target header. ${UNKNOWN_OPERATION_HINT}`);
  if (!operations.has(operation)) throw unknownOperation(`${operation} is not a Cognito user pools operation.`);
  const mediaType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (mediaType === undefined || !JSON_MEDIA_TYPES.has(mediaType)) {
    throw unknownOperation(`Content-Type ${mediaType ?? '(none)'} is not the JSON protocol's. ${UNKNOWN_OPERATION_HINT}`);
  }
  return operation;
}

/**
 * The body as UTF-8 text, up to MAX_BODY_BYTES. A larger one is read to its end and dropped
 * (answering while the client still sends can reset the connection before it reads the 413).
 */
function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else if (size > MAX_DRAINED_BYTES) request.destroy();
    });
    request.on('end', () => {
      if (size > MAX_BODY_BYTES)
        reject(new CognitoRequestError(413, 'RequestEntityTooLargeException', `Request body is over ${MAX_BODY_BYTES} bytes.`));
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    // A client that hangs up (or sends a body Node's parser refuses) gets no answer from us.
    request.on('error', () => reject(new ClientGoneError()));
    request.on('close', () => {
      if (!request.complete) reject(new ClientGoneError());
    });
  });
}
