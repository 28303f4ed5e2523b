import { appendFileSync, readFileSync } from 'node:fs';
import type { MessageSender } from 'cognito-local/lib/services/messageDelivery/messageSender.js';
import type { Message } from 'cognito-local/lib/services/messages.js';

/** One message Cognito would have emailed (or texted) to a user. */
export interface InboxMessage {
  /** The address (or phone number) Cognito delivered to. */
  readonly to: string;
  /** The confirmation code the message carries. */
  readonly code: string;
  readonly medium: 'EMAIL' | 'SMS';
  /** ISO 8601 time of delivery. */
  readonly sentAt: string;
}

export class DevInboxError extends Error {
  override name = 'DevInboxError';
}

/**
 * Stands in for the email Cognito sends: collects every code the emulator delivers, keeps them
 * in a JSON Lines file so a restart between sign-up and confirmation loses nothing, and tells
 * the terminal about each one.
 */
export class DevInbox implements MessageSender {
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

  async sendEmail(_ctx: unknown, _user: unknown, destination: string, message: Message) {
    this.#receive(destination, message.__code, 'EMAIL');
  }

  async sendSms(_ctx: unknown, _user: unknown, destination: string, message: Message) {
    this.#receive(destination, message.__code, 'SMS');
  }

  #receive(to: string, code: string | undefined, medium: InboxMessage['medium']) {
    const message: InboxMessage = { to, code: code ?? '', medium, sentAt: new Date().toISOString() };
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
