// What a compose project's containers say about themselves (`docker inspect`), and whether the
// stack is up: each service one running container whose health check passes. Read the same way
// under Compose v2 and v1 (both label their containers), and without `up --wait`, which v1 lacks.

/** One container of a compose project, as the compose test needs it. */
export interface ContainerState {
  /** Its compose service (label com.docker.compose.service). */
  readonly service: string;
  /** Docker's state: created, running, restarting, exited, dead… */
  readonly status: string;
  /** Its health check's verdict (starting, healthy, unhealthy); undefined without a check. */
  readonly health: string | undefined;
  /** How often Docker restarted it (its restart policy at work). */
  readonly restartCount: number;
}

interface InspectedContainer {
  Config: { Labels: Record<string, string> | null };
  State: { Status: string; Health?: { Status: string } };
  RestartCount: number;
}

/** `docker inspect <ids…>`'s JSON, read into ContainerStates. */
export function parseInspect(json: string): ContainerState[] {
  return (JSON.parse(json) as InspectedContainer[]).map((container) => ({
    service: container.Config.Labels?.['com.docker.compose.service'] ?? '?',
    status: container.State.Status,
    health: container.State.Health?.Status,
    restartCount: container.RestartCount,
  }));
}

export type StackHealth =
  | { readonly state: 'healthy' }
  /** Not yet: still starting, restarting, or not created. */
  | { readonly state: 'waiting'; readonly detail: string }
  /** Will not come up by waiting: a container that stopped for good. */
  | { readonly state: 'failed'; readonly detail: string };

const GONE = ['exited', 'dead'];

/** Whether each of `services` has one running, healthy container, and if not, what each is doing. */
export function stackHealth(services: readonly string[], containers: readonly ContainerState[]): StackHealth {
  const describe = (service: string): string => {
    const own = containers.filter((container) => container.service === service);
    if (own.length === 0) return `${service} has no container`;
    return own.map(({ status, health }) => `${service} ${status}${health ? ` (${health})` : ''}`).join(', ');
  };
  const healthy = (service: string) =>
    containers.filter((container) => container.service === service).length === 1 &&
    containers.some((container) => container.service === service && container.status === 'running' && container.health === 'healthy');
  const gone = services.filter((service) =>
    containers.some((container) => container.service === service && GONE.includes(container.status)),
  );
  if (gone.length > 0) return { state: 'failed', detail: services.map(describe).join('; ') };
  if (services.every(healthy)) return { state: 'healthy' };
  return { state: 'waiting', detail: services.map(describe).join('; ') };
}
