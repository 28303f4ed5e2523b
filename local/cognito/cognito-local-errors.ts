// cognito-local's error classes, on the ground floor: the catalogue of Cognito's answers
// (cognito-answers.ts) makes them, and its code and ours tell Cognito's errors apart by them.
// With cognito-local.ts and its -types.ts, the only module that reaches into cognito-local's lib/.
export {
  CodeMismatchError,
  CognitoError,
  InvalidParameterError,
  NotAuthorizedError,
  PasswordResetRequiredError,
  ResourceNotFoundError,
  UnsupportedError,
  UserNotConfirmedException,
} from 'cognito-local/lib/errors.js';
