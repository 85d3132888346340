import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';

/** Production processes a test starts (servers, workers), with their output kept for failures. */
export class Processes {
  private readonly children: { name: string; process: ChildProcess; output: string[] }[] = [];

  /** A TypeScript script runs through tsx; a compiled one (dist/*.mjs) as production runs it. */
  start(name: string, script: string, env: Record<string, string>) {
    const args = script.endsWith('.mjs') ? [script] : ['--import', 'tsx', script];
    return this.spawn(name, process.execPath, args, env);
  }

  /** `npm run <script>`, as a builder or a process manager starts it. */
  startNpm(name: string, script: string, env: Record<string, string>) {
    return this.spawn(name, 'npm', ['run', '--silent', script], env);
  }

  private spawn(name: string, command: string, args: string[], env: Record<string, string>) {
    const child = spawn(command, args, {
      env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const entry = { name, process: child, output: [] as string[] };
    child.stdout?.on('data', (chunk) => entry.output.push(String(chunk)));
    child.stderr?.on('data', (chunk) => entry.output.push(String(chunk)));
    this.children.push(entry);
    return entry;
  }

  get(name: string) {
    const found = this.children.find((child) => child.name === name);
    if (!found) throw new Error(`No process named ${name}`);
    return found;
  }

  /** Waits for `probe` to return something truthy; on timeout, fails with every process's recent output. */
  async until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs: number): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe().catch(() => null);
      if (value) return value;
      if (Date.now() > deadline) {
        const output = this.children.map((c) => `--- ${c.name}\n${c.output.join('').slice(-2000)}`).join('\n');
        throw new Error(`${what} did not happen within ${timeoutMs / 1000} s.\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  killAll() {
    for (const child of this.children) {
      // What npm started too: killing npm outright leaves its children running.
      for (const pid of descendants(child.process.pid)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // It exited meanwhile.
        }
      }
      child.process.kill('SIGKILL');
    }
  }
}

/** Every live process below `pid` (Linux /proc), children first. */
export function descendants(pid: number | undefined): number[] {
  if (pid === undefined) return [];
  let children: number[] = [];
  try {
    children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  } catch {
    // Gone.
  }
  return children.flatMap((child) => [child, ...descendants(child)]);
}

/** The command a live process runs (its arguments joined by spaces), or null once it has exited. */
export function commandOf(pid: number): string | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // A zombie has exited; only its parent's wait is missing.
    if (status.slice(status.lastIndexOf(')') + 2).startsWith('Z')) return null;
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return null;
  }
}

/** The settings every production process needs, for an app URL on `port`. */
export function productionEnv(port: number, databaseUrl: string) {
  return {
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    APP_URL: `http://localhost:${port}`,
    ADMIN_EMAILS: 'builder@processes.test',
    AUTH_SECRET: 'processes-test-secret-processes-test-secret',
    SMTP_URL: 'smtp://127.0.0.1:9?tls=off',
    EMAIL_FROM: 'Orgdesk <no-reply@processes.test>',
  };
}

/** A port for a test server: below Linux's ephemeral range, away from the journeys' ports. */
export function testPort(offset = 0) {
  return 22_000 + Math.floor(Math.random() * 2_000) + offset;
}
