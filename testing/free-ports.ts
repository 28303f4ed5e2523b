import net from 'node:net';

/** The ports `npm start` listens on, by the variable that sets each. */
export interface StackPorts {
  readonly COGNITO_PORT: number;
  readonly API_PORT: number;
  readonly LAMBDA_PORT: number;
  readonly WEB_PORT: number;
  /** The managed login's HTTPS listener (in the Cognito emulator's process). */
  readonly MANAGED_LOGIN_PORT: number;
}

/**
 * `count` distinct ports that are free on 127.0.0.1 now: each bound as port 0 (the kernel picks
 * one nobody holds), read, and closed once all are read, so that no two are the same.
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const server = net.createServer();
          server.once('error', reject);
          server.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => (server.address() as net.AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

/** Free ports for one stack. */
export async function freeStackPorts(): Promise<StackPorts> {
  const [COGNITO_PORT, API_PORT, LAMBDA_PORT, WEB_PORT, MANAGED_LOGIN_PORT] = (await freePorts(5)) as [
    number,
    number,
    number,
    number,
    number,
  ];
  return { COGNITO_PORT, API_PORT, LAMBDA_PORT, WEB_PORT, MANAGED_LOGIN_PORT };
}
