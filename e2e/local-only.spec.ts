import net from 'node:net';
import os from 'node:os';
import { expect, test } from '@playwright/test';
import { e2eStack } from './stack.ts';

// Every service of `npm start` listens on the loopback interface only: nothing on the network
// reaches the emulator, its inbox or the API (BIND_HOST changes that for containers only).
const connects = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect({ host, port, timeout: 2000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });

/** This machine's addresses other than loopback: where a LAN neighbour would connect. */
const networkAddresses = Object.values(os.networkInterfaces())
  .flat()
  .filter((address) => address && !address.internal && address.family === 'IPv4')
  .map((address) => address!.address);

test('every service answers on 127.0.0.1 and on no other address of the machine', async () => {
  test.skip(networkAddresses.length === 0, 'this machine has no network address besides loopback');
  for (const [name, port] of Object.entries(e2eStack.ports)) {
    expect(await connects('127.0.0.1', port), `${name} on 127.0.0.1`).toBe(true);
    for (const address of networkAddresses) expect(await connects(address, port), `${name} on ${address}`).toBe(false);
  }
});
