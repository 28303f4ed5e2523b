/** What came back from an endpoint, as the page shows it. */
export interface ApiResult {
  readonly request: string;
  /** The HTTP status, or undefined when the browser got no readable response (CORS, network). */
  readonly status?: number;
  readonly body: string;
}

/**
 * GETs `path` under the API's base URL, with the ID token as a bearer token when there is one.
 * A response the browser may not read (no CORS headers on it) surfaces as a failed fetch, as it
 * would against API Gateway.
 */
export async function callApi(apiUrl: string, path: string, idToken?: string): Promise<ApiResult> {
  const request = `GET ${path}${idToken ? ' (with ID token)' : ' (no token)'}`;
  try {
    const response = await fetch(`${apiUrl}${path}`, {
      headers: idToken ? { Authorization: `Bearer ${idToken}` } : {},
    });
    return { request, status: response.status, body: await response.text() };
  } catch (error) {
    return { request, body: `The browser could not read a response: ${(error as Error).message}` };
  }
}
