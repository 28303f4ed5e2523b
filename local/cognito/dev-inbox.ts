import { appendFileSync, readFileSync } from 'node:fs';
import type { DeliveryDetails, Messages } from './cognito-local.ts';

/** Why Cognito sent the message, in cognito-local's terms (SignUp, ResendCode, ForgotPassword…). */
export type MessageKind = Parameters<Messages['deliver']>[1];

/** One message Cognito would have emailed (or texted) to a user. */
export interface InboxMessage {
  /** The address (or phone number) Cognito delivered to. */
  readonly to: string;
  /** The confirmation code the message carries. */
  readonly code: string;
  readonly medium: 'EMAIL' | 'SMS';
  /** What the code is for: SignUp, ResendCode, ForgotPassword, … */
  readonly kind: MessageKind;
  /** ISO 8601 time of delivery. */
  readonly sentAt: string;
}

export class DevInboxError extends Error {
  override name = 'DevInboxError';
}

/**
 * Stands in for the email Cognito sends: cognito-local hands it every code it would deliver; it
 * keeps them in a JSON Lines file so a restart between sign-up and confirmation loses nothing,
 * and tells the terminal about each one. (cognito-local's CustomMessage trigger is not run.)
 */
export class DevInbox implements Messages {
  readonly #messages: InboxMessage[];

  constructor(
    private readonly file: string,
    private readonly announce: (message: InboxMessage) => void = () => {},
  ) {
    this.#messages = readInbox(file);
  }

  list(filter: { to?: string } = {}): readonly InboxMessage[] {
    const to = filter.to?.toLowerCase();
    return to === undefined ? [...this.#messages] : this.#messages.filter((m) => m.to.toLowerCase() === to);
  }

  async deliver(
    _ctx: unknown,
    kind: MessageKind,
    _clientId: unknown,
    _userPoolId: unknown,
    _user: unknown,
    code: string,
    _clientMetadata: unknown,
    delivery: DeliveryDetails,
  ): Promise<void> {
    this.#receive({ to: delivery.Destination, code, medium: delivery.DeliveryMedium, kind, sentAt: new Date().toISOString() });
  }

  #receive(message: InboxMessage) {
    appendFileSync(this.file, `${JSON.stringify(message)}\n`);
    this.#messages.push(message);
    this.announce(message);
  }
}

function readInbox(file: string): InboxMessage[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return text.split('\n').flatMap((line, index) => {
    if (line.trim() === '') return [];
    try {
      const message = JSON.parse(line) as InboxMessage;
      if (typeof message.to !== 'string' || typeof message.code !== 'string') throw new Error('not a message');
      return [message];
    } catch (cause) {
      throw new DevInboxError(
        `${file} line ${index + 1} is not a message (${(cause as Error).message}). Fix or delete that line (or the file) and start again.`,
        { cause },
      );
    }
  });
}
