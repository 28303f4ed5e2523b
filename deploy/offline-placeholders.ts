/**
 * What `npm run check:deploy` puts where serverless.yml reads a value from AWS (`${cf:…}`,
 * `${ssm:…}`, `${s3:…}`, `${aws:accountId}`): it packages without credentials, so those values
 * are stand-ins, and the checks say so instead of judging them.
 */
export const placeholderFor = (variable: string) => `unresolved(${variable})`;

/** Whether a template value is, or is built from, a stand-in. */
export const isPlaceholder = (value: unknown) => JSON.stringify(value ?? null).includes('unresolved(');
