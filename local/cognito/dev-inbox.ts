import { appendFileSync, readFileSync } from 'node:fs';
import { type Clock, dateOf, realClock } from '../clock.ts';
import type { Context, DeliveryDetails, Messages, User, UserPool } from './cognito-local.ts';

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
  /** The subject the pool's CustomMessage trigger wrote, when it wrote one. */
  readonly subject?: string;
  /** The message (email or SMS, as delivered) the pool's CustomMessage trigger wrote, the code in it. */
  readonly message?: string;
}

/**
 * Delivers the codes Cognito sends: cognito-local's Messages, and what our operations call, naming
 * the `pool` the code is from (its CustomMessage trigger words the message).
 */
export interface PoolMessages {
  deliver(...message: Delivery): Promise<void>;
}

/** A code to deliver: cognito-local's Messages.deliver arguments, and the pool when the caller has it. */
export type Delivery = [
  ctx: Context,
  kind: MessageKind,
  clientId: string | null,
  userPoolId: string,
  user: User,
  code: string,
  clientMetadata: Record<string, string> | undefined,
  delivery: DeliveryDetails,
  pool?: UserPool,
];

/** What a message's sender may change: the pool's CustomMessage trigger (triggers/custom-messages.ts). */
export interface MessageCustomizer {
  /** Whether pool `userPoolId` (`pool`, when the caller has it at hand) has one; checked first, so a pool without triggers pays nothing. */
  enabled(userPoolId: string, pool?: UserPool): boolean;
  /** The subject and message for `code`, as the trigger writes them; undefined fields keep the default. */
  customize(
    kind: MessageKind,
    delivery: DeliveryDetails,
    message: {
      clientId: string | null;
      userPoolId: string;
      user: User;
      code: string;
      clientMetadata: Record<string, string> | undefined;
      pool?: UserPool;
    },
  ): Promise<{ subject?: string; message?: string }>;
}

/** The terminal's line for a message: who, why and the code; a CustomMessage trigger's subject and message too. */
export function inboxLine(message: InboxMessage, inboxUrl: string): string {
  const line = `✉  ${message.to}: ${message.kind} code ${message.code}  (${inboxUrl})`;
  const custom = [message.subject && `Subject: ${message.subject}`, message.message].filter(Boolean).join('\n   ');
  return custom ? `${line}\n   ${custom}` : line;
}

export class DevInboxError extends Error {
  override name = 'DevInboxError';
}

/**
 * Stands in for the email Cognito sends: cognito-local hands it every code it would deliver; it
 * keeps them in a JSON Lines file so a restart between sign-up and confirmation loses nothing,
 * and tells the terminal about each one. With a `customizer`, the pool's CustomMessage trigger
 * writes the subject and message first (and a failing trigger fails the operation, as on AWS).
 */
export class DevInbox implements Messages, PoolMessages {
  readonly #messages: InboxMessage[];

  constructor(
    private readonly file: string,
    private readonly announce: (message: InboxMessage) => void = () => {},
    private readonly customizer?: MessageCustomizer,
    /** When each message is sent (`sentAt`). */
    private readonly clock: Clock = realClock,
  ) {
    this.#messages = readInbox(file);
  }

  list(filter: { to?: string } = {}): readonly InboxMessage[] {
    const to = filter.to?.toLowerCase();
    return to === undefined ? [...this.#messages] : this.#messages.filter((m) => m.to.toLowerCase() === to);
  }

  async deliver(...[, kind, clientId, userPoolId, user, code, clientMetadata, delivery, pool]: Delivery): Promise<void> {
    const custom = this.customizer?.enabled(userPoolId, pool)
      ? await this.customizer.customize(kind, delivery, { clientId, userPoolId, user, code, clientMetadata, pool })
      : {};
    this.#receive({
      to: delivery.Destination,
      code,
      medium: delivery.DeliveryMedium,
      kind,
      sentAt: dateOf(this.clock).toISOString(),
      ...(custom.subject !== undefined && { subject: custom.subject }),
      ...(custom.message !== undefined && { message: custom.message }),
    });
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
