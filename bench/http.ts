/**
 * npm run bench:http [-- --size 100000] [-- --url postgresql://…] [-- --requests 400] [-- --node /path/to/node]
 *
 * The production server over HTTP: seeds PostgreSQL, starts `npm start` (after `npm run build`),
 * signs a builder in, and measures the organization list, a filtered list, a search and a detail
 * page: time to first byte (p50, p95) and requests per second at concurrency 1 and 8, the server's
 * CPU per request, and the resident memory of the whole `npm start` process tree after warm-up and
 * after the run (each resident page once, and the sum of each process's RSS). `--node` runs the
 * server (and npm) on another Node.js binary, to compare runtimes:
 * `--node "$(npx -y -p node@22 which node)"`.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { freshBenchDatabase, seedBenchData } from './seed';

function arg(name: string, fallback: string) {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 && process.argv[index + 1] ? process.argv[index + 1]! : fallback;
}

const baseUrl = arg('url', process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
const size = Number(arg('size', '100000'));
const requests = Number(arg('requests', '400'));
const port = Number(arg('port', '3917'));
const appUrl = `http://127.0.0.1:${port}`;
const BUILDER = 'bench-http@orgdesk.test';
const TICKS_PER_SECOND = 100;

function percentile(samples: number[], p: number) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Every process below `root`, from /proc. */
function tree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // The process ended meanwhile.
    }
  }
  const all = [root];
  for (let i = 0; i < all.length; i++) all.push(...(children.get(all[i]!) ?? []));
  return all;
}

/**
 * The tree's resident memory two ways, in MB. `once` counts each resident page once: every
 * process's private pages, plus each shared mapping once at the most any process of the tree has of
 * it resident (npm and the server both map the Node.js binary). `rss` adds up each process's own
 * resident set, so pages they share count once per process. PSS would split a shared page with
 * processes outside the tree, this bench's own Node.js among them, and so undercount.
 */
function resident(root: number): { once: number; rss: number } {
  let privateKb = 0;
  let rss = 0;
  const shared = new Map<string, number>();
  for (const pid of tree(root)) {
    let smaps: string;
    try {
      smaps = fs.readFileSync(`/proc/${pid}/smaps`, 'utf8');
    } catch {
      continue; // Gone.
    }
    let key = '';
    for (const line of smaps.split('\n')) {
      const field = line.match(/^(\w+):\s+(\d+) kB/);
      if (!field) {
        // A mapping's header: address range, permissions, offset, device, inode, path.
        const [range, , offset, device, inode] = line.split(/\s+/);
        const [from, to] = (range ?? '').split('-').map((hex) => Number.parseInt(hex, 16));
        key = inode === '0' ? `${pid}:${range}` : `${device}:${inode}:${offset}:${(to ?? 0) - (from ?? 0)}`;
        continue;
      }
      const kb = Number(field[2]);
      if (field[1] === 'Rss') rss += kb;
      else if (field[1] === 'Private_Clean' || field[1] === 'Private_Dirty') privateKb += kb;
      else if (field[1] === 'Shared_Clean' || field[1] === 'Shared_Dirty')
        shared.set(`${key}:${field[1]}`, Math.max(shared.get(`${key}:${field[1]}`) ?? 0, kb));
    }
  }
  const sharedKb = [...shared.values()].reduce((sum, kb) => sum + kb, 0);
  return { once: (privateKb + sharedKb) / 1024, rss: rss / 1024 };
}

function describeResident(root: number) {
  const { once, rss } = resident(root);
  return `${once.toFixed(0)} MB, each page once (${rss.toFixed(0)} MB adding up each process's RSS)`;
}

/** CPU seconds the tree has used so far. */
function cpuSeconds(root: number): number {
  let ticks = 0;
  for (const pid of tree(root)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Gone.
    }
  }
  return ticks / TICKS_PER_SECOND;
}

async function prepareDatabase() {
  const url = new URL(await freshBenchDatabase(baseUrl, `orgdesk_bench_http_${size}`));
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  const start = performance.now();
  await seedBenchData(client, size);
  console.log(`${size.toLocaleString('en')} organizations seeded in ${((performance.now() - start) / 1000).toFixed(1)} s.`);
  // A builder with a console session, as a sign-in would leave.
  const token = crypto.randomBytes(32).toString('hex');
  const user = await client.query<{ id: string }>(
    `INSERT INTO users (id, email, email_verified, created_at, updated_at) VALUES (gen_random_uuid(), $1, now(), now(), now()) RETURNING id`,
    [BUILDER],
  );
  await client.query(
    `INSERT INTO sessions (session_token, user_id, expires, audience) VALUES ($1, $2, now() + interval '1 day', 'console')`,
    [token, user.rows[0]!.id],
  );
  const detail = await client.query<{ slug: string }>(`SELECT slug FROM organizations ORDER BY created_at DESC LIMIT 1 OFFSET 10`);
  await client.end();
  return { url: url.toString(), token, detailSlug: detail.rows[0]!.slug };
}

function nodeVersionOf(binary: string): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(binary, ['--version']);
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.on('close', () => resolve(out.trim()));
  });
}

async function waitForServer() {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${appUrl}/login`)).ok) return;
    } catch {
      // Not up yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('The server did not answer within two minutes. Did `npm run build` run?');
}

async function main() {
  if (!fs.existsSync('dist/start.mjs')) throw new Error('Run `npm run build` first: bench:http measures the production server.');
  const database = await prepareDatabase();
  const node = arg('node', '');
  const server = spawn('npm', ['start'], {
    env: {
      ...process.env,
      ...(node ? { PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH}` } : {}),
      DATABASE_URL: database.url,
      PORT: String(port),
      APP_URL: appUrl,
      ADMIN_EMAILS: BUILDER,
      AUTH_SECRET: 'bench-http-secret-bench-http-secret-bench',
      SMTP_URL: 'smtp://127.0.0.1:9?tls=off',
      EMAIL_FROM: 'Orgdesk <no-reply@bench.test>',
      NEXT_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  try {
    await waitForServer();
    console.log(`Server on Node.js ${await nodeVersionOf(node || 'node')}.`);
    const headers = { cookie: `authjs.session-token=${database.token}` };
    const pages = {
      'organization list': '/organizations',
      'filtered list (Needs action)': '/organizations?filter=needs-action',
      'search (rare term)': '/organizations?q=org-4242',
      'organization detail': `/organizations/${database.detailSlug}`,
    };
    const get = async (path: string) => {
      const start = performance.now();
      const response = await fetch(`${appUrl}${path}`, { headers, redirect: 'manual' });
      const ttfb = performance.now() - start;
      const body = await response.text();
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
      return { ttfb, bytes: body.length };
    };
    for (const path of Object.values(pages)) for (let i = 0; i < 20; i++) await get(path);
    console.log(`\nResident memory of the npm start tree after warm-up: ${describeResident(server.pid!)}`);
    console.log(`\npage | bytes | TTFB p50 c1 | p95 c1 | req/s c1 | CPU ms/req | TTFB p50 c8 | p95 c8 | req/s c8`);
    let total = 20 * Object.keys(pages).length;
    for (const [label, path] of Object.entries(pages)) {
      const serial: number[] = [];
      let bytes = 0;
      const cpuBefore = cpuSeconds(server.pid!);
      const serialStart = performance.now();
      for (let i = 0; i < requests; i++) {
        const result = await get(path);
        serial.push(result.ttfb);
        bytes = result.bytes;
      }
      const serialSeconds = (performance.now() - serialStart) / 1000;
      const cpuPerRequest = ((cpuSeconds(server.pid!) - cpuBefore) * 1000) / requests;
      const parallel: number[] = [];
      const parallelStart = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (next < requests) {
            next++;
            parallel.push((await get(path)).ttfb);
          }
        }),
      );
      const parallelSeconds = (performance.now() - parallelStart) / 1000;
      total += requests * 2;
      console.log(
        [
          label,
          bytes.toLocaleString('en'),
          percentile(serial, 50).toFixed(1),
          percentile(serial, 95).toFixed(1),
          (requests / serialSeconds).toFixed(0),
          cpuPerRequest.toFixed(1),
          percentile(parallel, 50).toFixed(1),
          percentile(parallel, 95).toFixed(1),
          (requests / parallelSeconds).toFixed(0),
        ].join(' | '),
      );
    }
    console.log(`\nResident memory of the npm start tree after ${total.toLocaleString('en')} requests: ${describeResident(server.pid!)}`);
    console.log(`(TTFB in ms, ${requests} requests per cell; CPU is the whole process tree's user + system time per request)`);
  } finally {
    process.kill(-server.pid!, 'SIGTERM');
  }
}

main()
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
