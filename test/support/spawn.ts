/**
 * Run the `followup` binary as a child process that a test can kill, for
 * crash and concurrency tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { BrevoServer, RecordedRequest } from '../brevo-server/server.js';
import { ROOT, type CliResult } from './cli.js';

export interface RunningCli {
  child: ChildProcess;
  /** Resolves when the process has exited, with its code (null when killed) and output. */
  result: Promise<CliResult & { signal: NodeJS.Signals | null }>;
}

export function spawnCli(args: string[], env: Record<string, string | undefined>): RunningCli {
  const child = spawn(process.execPath, [join(ROOT, 'bin/followup.js'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const result = new Promise<CliResult & { signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, result };
}

/** Where to kill a run: at the nth request (or response) that matches, counted from the run's start. */
export interface KillPoint {
  event: 'request' | 'response';
  method: string;
  path: string;
  nth: number;
  /** Delay the matched request this long, so the server acts on it after the client died. */
  latencyMs?: number;
}

/**
 * Watches the server and kills `run` with SIGKILL at the kill point. Resolves
 * with whether the kill happened before the run ended by itself.
 */
export async function killAt(server: BrevoServer, run: RunningCli, point: KillPoint): Promise<boolean> {
  let seen = 0;
  let killed = false;
  const listener = (request: RecordedRequest): void => {
    if (killed || request.method !== point.method || request.path !== point.path) return;
    seen += 1;
    if (seen !== point.nth) return;
    if (point.latencyMs !== undefined) server.faults.add({ method: point.method, path: point.path, kind: 'latency', ms: point.latencyMs });
    killed = run.child.kill('SIGKILL');
  };
  server.on(point.event, listener);
  try {
    await run.result;
  } finally {
    server.off(point.event, listener);
  }
  return killed;
}
