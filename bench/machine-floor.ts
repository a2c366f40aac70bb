import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { killWithThisProcess, percentile, postWebhooks, type AckFigures, type CapturedWebhook } from './bench-support';

/** Each benchmark's figures beside what a bare server does on the same machine with the same client. */

async function startFloorServer(mode: 'http' | 'ws'): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(path.resolve(__dirname, 'floor-server.js'), [mode], { stdio: 'ignore' });
  killWithThisProcess(child);
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message: { port: number }) => resolve(message.port));
    child.once('exit', (code) => reject(new Error(`the ${mode} floor server exited (${code})`)));
  });
  return { child, port };
}

async function stop(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
}

/** The same POSTs, from the same client at the same concurrency, to a server that only answers 200. */
export async function httpFloor(webhooks: CapturedWebhook[], concurrency: number): Promise<AckFigures> {
  const { child, port } = await startFloorServer('http');
  try {
    return await postWebhooks(`http://127.0.0.1:${port}`, webhooks, concurrency);
  } finally {
    await stop(child);
  }
}

/** One message, already serialised, sent by a bare WebSocket server to `connections` sockets: time to the last arrival. */
export async function broadcastFloor(connections: number, rounds: number, message: string): Promise<{ p50: number; p99: number }> {
  const { child, port } = await startFloorServer('ws');
  const sockets: WebSocket[] = [];
  try {
    for (let start = 0; start < connections; start += 100) {
      const batch = Array.from({ length: Math.min(100, connections - start) }, () => new WebSocket(`ws://127.0.0.1:${port}`));
      await Promise.all(batch.map((socket) => new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject))));
      sockets.push(...batch);
    }
    let remaining = 0;
    let arrived: () => void = () => undefined;
    for (const socket of sockets) {
      socket.on('message', (data: Buffer) => {
        JSON.parse(data.toString('utf8'));
        if (--remaining === 0) arrived();
      });
    }
    const times: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      remaining = connections;
      const all = new Promise<void>((resolve) => (arrived = resolve));
      const sent = performance.now();
      child.send({ broadcast: message });
      await all;
      times.push(performance.now() - sent);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    times.sort((a, b) => a - b);
    return { p50: percentile(times, 50), p99: percentile(times, 99) };
  } finally {
    await Promise.all(sockets.map((socket) => new Promise((resolve) => socket.once('close', resolve).close())));
    await stop(child);
  }
}
