import type { Triggers } from '../cognito-local.ts';
import { invalidLambdaResponse } from '../cognito-answers.ts';

/** What a CustomMessage trigger may change; what it leaves out keeps Cognito's default. */
export interface CustomMessage {
  readonly emailSubject?: string;
  readonly emailMessage?: string;
  readonly smsMessage?: string;
}

/** The placeholders Cognito gives the trigger and then replaces (custom message trigger page). */
export const CODE_PARAMETER = '{####}';
export const USERNAME_PARAMETER = '{username}';
export const LINK_PARAMETER = '{##Click Here##}';

type Run = (request: Record<string, unknown>, response: Record<string, unknown>) => Promise<Record<string, unknown>>;

/**
 * The pool's CustomMessage trigger's message for a code Cognito sends: the request carries
 * `codeParameter` (and, for AdminCreateUser, `usernameParameter`), which Cognito replaces in the
 * answer with the code (and username). A message that leaves out a placeholder it needs could
 * not deliver the code: refused as an unusable answer (docs/aws-behaviour.md, [U]).
 */
export async function customMessageOf(params: Parameters<Triggers['customMessage']>[1], run: Run): Promise<CustomMessage> {
  const admin = params.source === 'CustomMessage_AdminCreateUser';
  const response = await run(
    {
      codeParameter: CODE_PARAMETER,
      linkParameter: LINK_PARAMETER,
      usernameParameter: admin ? USERNAME_PARAMETER : null,
      clientMetadata: params.clientMetadata ?? {},
    },
    { smsMessage: null, emailMessage: null, emailSubject: null },
  );
  const fill = (text: string | undefined) => {
    if (text === undefined) return undefined;
    if (!text.includes(CODE_PARAMETER) || (admin && !text.includes(USERNAME_PARAMETER))) throw invalidLambdaResponse();
    return text.replaceAll(CODE_PARAMETER, params.code).replaceAll(USERNAME_PARAMETER, params.username);
  };
  return {
    emailSubject: text(response.emailSubject),
    emailMessage: fill(text(response.emailMessage)),
    smsMessage: fill(text(response.smsMessage)),
  };
}

/** A message field: absent, null or "" keep Cognito's default; anything but a string is not an answer. */
function text(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw invalidLambdaResponse();
  return value;
}
