/** A message the local Cognito "emailed", as its dev inbox lists it. */
export interface InboxMessage {
  readonly to: string;
  readonly code: string;
  /** What the code is for, in Cognito's terms: SignUp, ResendCode, ForgotPassword, … */
  readonly kind: string;
  readonly sentAt: string;
  /** The subject and message a CustomMessage trigger wrote, when the pool has one. */
  readonly subject?: string;
  readonly message?: string;
}

export async function fetchInbox(inboxUrl: string): Promise<readonly InboxMessage[]> {
  const response = await fetch(inboxUrl);
  if (!response.ok) throw new Error(`dev inbox answered ${response.status}`);
  return (await response.json()) as InboxMessage[];
}
