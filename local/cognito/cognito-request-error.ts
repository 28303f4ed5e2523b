/**
 * An error Cognito's front door answers before any operation runs (unknown operation, body that
 * is not JSON, a member of the wrong type, a required member missing), in the JSON 1.1
 * protocol's shape: `{"__type": …, "message": …}` with a 4xx status.
 */
export class CognitoRequestError extends Error {
  override name = 'CognitoRequestError';

  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    /** Cognito spells it `Message` in SerializationException (observed: `{"__type":"SerializationException","Message":"Expected map or null"}`). */
    readonly messageKey: 'message' | 'Message' = 'message',
  ) {
    super(message);
  }

  toJSON(): Record<string, string> {
    return { __type: this.type, [this.messageKey]: this.message };
  }
}

export const unknownOperation = (message: string) => new CognitoRequestError(400, 'UnknownOperationException', message);
export const serializationError = (message: string) => new CognitoRequestError(400, 'SerializationException', message, 'Message');
export const invalidParameter = (message: string) => new CognitoRequestError(400, 'InvalidParameterException', message);
