import { describe, expect, it } from 'vitest';
import { type ContainerState, parseInspect, stackHealth } from './compose-health.ts';

const SERVICES = ['cognito', 'api', 'web'];

const container = (service: string, status = 'running', health: string | undefined = 'healthy', restartCount = 0): ContainerState => ({
  service,
  status,
  health,
  restartCount,
});

describe('parseInspect', () => {
  it("reads each container's service, state, health and restarts from docker inspect", () => {
    const json = JSON.stringify([
      {
        Config: { Labels: { 'com.docker.compose.service': 'api', 'com.docker.compose.project': 'x' } },
        State: { Status: 'running', Health: { Status: 'starting', Log: [] } },
        RestartCount: 2,
      },
      { Config: { Labels: null }, State: { Status: 'exited' }, RestartCount: 0 },
    ]);
    expect(parseInspect(json)).toEqual([
      { service: 'api', status: 'running', health: 'starting', restartCount: 2 },
      { service: '?', status: 'exited', health: undefined, restartCount: 0 },
    ]);
  });
});

describe('stackHealth', () => {
  it('is healthy once every service has one running container that passed its check', () => {
    expect(
      stackHealth(
        SERVICES,
        SERVICES.map((service) => container(service)),
      ),
    ).toEqual({ state: 'healthy' });
  });

  it('waits for a check still starting and for a container not created yet, naming them', () => {
    expect(stackHealth(SERVICES, [container('cognito'), container('api', 'running', 'starting')])).toEqual({
      state: 'waiting',
      detail: 'cognito running (healthy); api running (starting); web has no container',
    });
  });

  it('waits while Docker restarts a service, and while a check fails (the timeout reports it)', () => {
    expect(
      stackHealth(SERVICES, [
        container('cognito', 'restarting', 'unhealthy', 1),
        container('api', 'running', 'unhealthy'),
        container('web'),
      ]),
    ).toMatchObject({ state: 'waiting', detail: 'cognito restarting (unhealthy); api running (unhealthy); web running (healthy)' });
  });

  it('fails at once when a container stopped for good', () => {
    expect(
      stackHealth(SERVICES, [
        container('cognito'),
        container('api', 'exited', 'unhealthy'),
        { service: 'web', status: 'created', health: undefined, restartCount: 0 },
      ]),
    ).toEqual({
      state: 'failed',
      detail: 'cognito running (healthy); api exited (unhealthy); web created',
    });
  });

  it('does not count a service with two containers as up (a leftover of another run)', () => {
    expect(stackHealth(['api'], [container('api'), container('api', 'running', 'starting')])).toEqual({
      state: 'waiting',
      detail: 'api running (healthy), api running (starting)',
    });
  });
});
