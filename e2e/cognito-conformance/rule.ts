/** The real client a rule is checked with: each talks to the local Cognito exactly as to AWS. */
export type ConformanceClient = 'AWS SDK v3' | 'amazon-cognito-identity-js' | 'Amplify v6';

/**
 * One of Cognito's rules as the suite checks it: what AWS does, where AWS says so, and the local
 * emulator's answer asserted by `run` (which throws when the local answer differs).
 */
export interface ConformanceRule {
  /** The rule, as the test's title. */
  readonly rule: string;
  /** What Cognito does, in a sentence. */
  readonly aws: string;
  /** The AWS page (or, where AWS documents no message, the community report) the answer comes from. */
  readonly source: string;
  readonly client: ConformanceClient;
  readonly run: () => Promise<void>;
}

/** A group of rules: a describe block of the spec. */
export interface ConformanceTopic {
  readonly title: string;
  readonly rules: readonly ConformanceRule[];
}
