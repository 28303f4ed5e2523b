// What a Lambda proxy event needs beyond what serverless-offline builds: the request as it came
// (offline's events carry headers it rebuilt and a query string it re-encoded) and the ids of the
// API that served it. Shared by proxy-event-v1.ts and proxy-event-v2.ts.

export interface ProxyEventFacts {
  /** The request's header lines as sent: name, value, name, value… (Node's `rawHeaders`). */
  readonly rawHeaders: readonly string[];
  /** The request target as sent: path and query string. */
  readonly url: string;
  /** The API's id (`requestContext.apiId`, the first label of its execute-api host). */
  readonly apiId: string;
  /** The account the API belongs to (`requestContext.accountId`). */
  readonly accountId: string;
}

/** The query string as sent, without its `?` (empty when none). */
export function rawQueryString(url: string): string {
  const start = url.indexOf('?');
  return start < 0 ? '' : url.slice(start + 1);
}

/** The Host the request named: API Gateway's `domainName` (on AWS, `<apiId>.execute-api.<region>.amazonaws.com`). */
export function domainName(rawHeaders: readonly string[]): string {
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i]!.toLowerCase() === 'host') return rawHeaders[i + 1]!;
  }
  return '';
}

/** `domainName`'s first label (`domainPrefix`). */
export const domainPrefix = (domain: string) => domain.split('.')[0]!.split(':')[0]!;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `12/Mar/2020:19:03:58 +0000`: API Gateway's request time, always in UTC (offline uses the machine's zone). */
export function clfTime(epochMillis: number): string {
  const time = new Date(epochMillis);
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${two(time.getUTCDate())}/${MONTHS[time.getUTCMonth()]}/${time.getUTCFullYear()}:` +
    `${two(time.getUTCHours())}:${two(time.getUTCMinutes())}:${two(time.getUTCSeconds())} +0000`
  );
}
