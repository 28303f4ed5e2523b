// docker-compose.yml run as a compose project of its own (its name unique to the run, so its
// containers and volume are the test's alone), driven the same way under Compose v2 and v1.
import { setTimeout as sleep } from 'node:timers/promises';
import { type ComposeProgram, ComposeTestError, lastLines, mustRun, runCommand } from './compose-cli.ts';
import { type ContainerState, parseInspect, type StackHealth, stackHealth } from './compose-health.ts';

/** A build from scratch takes ~3 min here; a registry-less engine never pulls. */
const BUILD_TIMEOUT_MS = 15 * 60_000;
const COMMAND_TIMEOUT_MS = 60_000;

export class ComposeStack {
  constructor(
    private readonly program: ComposeProgram,
    /** The compose project name: containers `<project>-<service>-1`, volume `<project>_local-data`. */
    readonly project: string,
    /** Its services, as docker-compose.yml names them. */
    readonly services: readonly string[],
  ) {}

  private args(...args: string[]): string[] {
    return [...this.program.baseArgs, '-p', this.project, ...args];
  }

  /** `up -d`, building the image first when asked; returns once the containers are started, not yet healthy. */
  async up({ build }: { build: boolean }): Promise<void> {
    const args = this.args('up', '-d', ...(build ? ['--build'] : []));
    await mustRun(build ? 'Building the image and starting the stack' : 'Starting the stack', this.program.command, args, {
      timeoutMs: build ? BUILD_TIMEOUT_MS : COMMAND_TIMEOUT_MS * 3,
      showAs: 'compose',
    });
  }

  /** `down`: containers and network removed; with `volumes`, the data volume too. */
  async down({ volumes }: { volumes: boolean }): Promise<void> {
    const args = this.args('down', '--remove-orphans', ...(volumes ? ['-v'] : []));
    await mustRun(volumes ? 'Removing the stack and its volume' : 'Stopping the stack', this.program.command, args, {
      timeoutMs: COMMAND_TIMEOUT_MS * 2,
      showAs: 'compose',
    });
  }

  /** Runs a command in a service's running container; its output and exit code, whatever they are. */
  exec(service: string, command: readonly string[]) {
    return runCommand(this.program.command, this.args('exec', '-T', service, ...command), { timeoutMs: COMMAND_TIMEOUT_MS });
  }

  /** The project's containers as Docker sees them now (by label: the same under v1 and v2). */
  async containers(): Promise<ContainerState[]> {
    const docker = (what: string, args: string[]) => mustRun(what, 'docker', args, { timeoutMs: COMMAND_TIMEOUT_MS });
    const ids = (
      await docker('Listing the containers', ['ps', '-aq', '--filter', `label=com.docker.compose.project=${this.project}`])
    ).stdout
      .split('\n')
      .filter(Boolean);
    if (ids.length === 0) return [];
    // A container removed between the two commands makes inspect fail; the next poll sees the new one.
    const inspected = await runCommand('docker', ['inspect', ...ids], { timeoutMs: COMMAND_TIMEOUT_MS });
    return inspected.code === 0 ? parseInspect(inspected.stdout) : [];
  }

  /**
   * Polls the containers until every service is healthy and `also` holds (default: nothing more);
   * fails at once when a container stopped for good, and after `timeoutMs` with what each is doing.
   */
  async untilHealthy(
    what: string,
    timeoutMs: number,
    also: (containers: ContainerState[]) => boolean = () => true,
  ): Promise<ContainerState[]> {
    const deadline = Date.now() + timeoutMs;
    let health: StackHealth;
    for (;;) {
      const containers = await this.containers();
      health = stackHealth(this.services, containers);
      if (health.state === 'healthy' && also(containers)) return containers;
      if (health.state === 'failed' || Date.now() > deadline) break;
      await sleep(1_000);
    }
    const status = health.state === 'healthy' ? 'all healthy, but not yet as expected' : health.detail;
    const ending = health.state === 'failed' ? 'a container stopped' : `not within ${timeoutMs / 1000} s`;
    throw new ComposeTestError(`${what}: ${ending} (${status}).${await this.logTail()}`);
  }

  /** The last lines each service logged, for a failure's message. */
  async logTail(): Promise<string> {
    const logs = await runCommand(this.program.command, this.args('logs', '--no-color', '--tail', '20'), {
      timeoutMs: COMMAND_TIMEOUT_MS,
    }).catch(() => undefined);
    return logs ? `\n  Their last log lines:${lastLines(logs.stdout + logs.stderr, 60)}` : '';
  }
}
