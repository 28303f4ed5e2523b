import net from 'node:net';

export class PortTakenError extends Error {
  override name = 'PortTakenError';
}

/** Whether `port` can be bound on `host` now; the probe socket is closed again at once. */
export function isFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/** Fails with one message listing every taken port, before anything is started. */
export async function assertPortsFree(host: string, ports: Readonly<Record<string, { port: number; env: string }>>): Promise<void> {
  const checks = await Promise.all(
    Object.entries(ports).map(async ([service, { port, env }]) => ({ service, port, env, free: await isFree(host, port) })),
  );
  const taken = checks.filter((check) => !check.free);
  if (taken.length > 0) {
    const lines = taken.map(({ service, port, env }) => `  ${host}:${port} (${service}) — stop what uses it, or set ${env}`);
    throw new PortTakenError(`Cannot start: ports already in use (another \`npm start\`?)\n${lines.join('\n')}`);
  }
}
