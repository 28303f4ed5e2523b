/** The latest code the dev inbox of the Cognito emulator at `cognitoUrl` holds for `email`. */
export async function latestCode(cognitoUrl: string, email: string): Promise<string> {
  const response = await fetch(`${cognitoUrl}/_dev/inbox?to=${encodeURIComponent(email)}`);
  const messages = (await response.json()) as { code: string }[];
  const code = messages.at(-1)?.code;
  if (!code) throw new Error(`The dev inbox has no code for ${email}`);
  return code;
}
