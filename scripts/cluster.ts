// `npm run cluster`: several instances on one machine, as in production — a PostgreSQL primary
// and a streaming replica (Debian's PostgreSQL binaries), Redis, two app instances sharing
// DATA_DIR, and haproxy in front of them (round robin, health checks). Prints the address and
// runs until Ctrl-C, then stops everything it started. Tests use `startCluster()`.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureWebBuild } from "./web-build.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const HEALTH_TIMEOUT_MS = 180_000;

export interface ClusterOptions {
  /** Where the cluster's folders go; emptied at start (default .tmp/cluster). */
  dir?: string;
  /**
   * Ports: haproxy, the instances (one per name), the primary, the replica, Redis. A busy
   * preferred port is replaced by a free one; "auto" takes free ports for all (tests).
   */
  ports?:
    | "auto"
    | { proxy?: number; instances?: number[]; primary?: number; replica?: number; redis?: number };
  /** The instances' names (INSTANCE_NAME), default ["a", "b"]. */
  instances?: string[];
  /** Environment of every instance (RATE_LIMIT_PER_MINUTE, REPLICA_MAX_LAG_MS, …). */
  env?: Record<string, string>;
  /** Environment of one instance, by name (on top of `env`). */
  instanceEnv?: Record<string, Record<string, string>>;
  /** Start no replica (DATABASE_REPLICA_URL unset). */
  noReplica?: boolean;
  /** Progress lines (default: console.log; tests pass () => {}). */
  log?: (line: string) => void;
}

export interface ClusterInstance {
  name: string;
  port: number;
  url: string;
  /** The running process's id (changes on restart), null when stopped. */
  pid: number | null;
  /** Its log file (stdout and stderr). */
  logFile: string;
  /** Sends a signal to the process; resolves when it has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again (after kill) and waits for its /api/health. */
  restart(): Promise<void>;
}

export interface Cluster {
  /** haproxy's address, in front of every instance. */
  url: string;
  instances: ClusterInstance[];
  primaryUrl: string;
  replicaUrl: string | null;
  redisUrl: string;
  /** The instances' shared DATA_DIR (demo-accounts.json, the file store). */
  dataDir: string;
  dir: string;
  stop(): Promise<void>;
}

const asRoot = process.getuid?.() === 0;

function pgBin(name: string): string {
  const base = "/usr/lib/postgresql";
  const versions = fs.existsSync(base)
    ? fs
        .readdirSync(base)
        .filter((v) => fs.existsSync(path.join(base, v, "bin", name)))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions[0])
    throw new Error(`PostgreSQL's ${name} is not under ${base}/*/bin (apt-get install postgresql)`);
  return path.join(base, versions[0], "bin", name);
}

/** PostgreSQL's tools refuse root: as root they run as the postgres user. */
function asPostgres(command: string, args: string[]): [string, string[]] {
  return asRoot ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
}

function runPg(command: string, args: string[], log: (line: string) => void) {
  const [cmd, argv] = asPostgres(command, args);
  const result = spawnSync(cmd, argv, { encoding: "utf8", cwd: "/" });
  if (result.status !== 0)
    throw new Error(`${path.basename(command)} failed (${result.status}): ${result.stderr || result.stdout}`);
  if (result.stdout.trim()) log(result.stdout.trim());
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.unref();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

/** The preferred port when free (and not already taken by this cluster), else any free one. */
async function choosePort(preferred: number | undefined, taken: Set<number>): Promise<number> {
  let port =
    preferred !== undefined && !taken.has(preferred) && (await portIsFree(preferred)) ? preferred : 0;
  while (!port || taken.has(port)) port = await freePort();
  taken.add(port);
  return port;
}

async function waitFor(what: string, check: () => Promise<boolean>, failed: () => string | null) {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const failure = failed();
    if (failure) throw new Error(failure);
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what} was not ready within ${HEALTH_TIMEOUT_MS / 1000} s`);
}

async function healthy(url: string): Promise<boolean> {
  const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
  return response.status === 200;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process has exited. */
async function terminate(child: ChildProcess, graceMs = 15_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = exited(child);
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await done;
  clearTimeout(timer);
}

function spawnLogged(command: string, args: string[], logFile: string, env?: NodeJS.ProcessEnv) {
  const out = fs.openSync(logFile, "a");
  const child = spawn(command, args, { cwd: root, env: env ?? process.env, stdio: ["ignore", out, out] });
  fs.closeSync(out);
  return child;
}

/** The end of a log file, for error messages. */
function tail(file: string, bytes = 4_000): string {
  try {
    const text = fs.readFileSync(file, "utf8");
    return text.slice(-bytes);
  } catch {
    return "";
  }
}

function haproxyConfig(proxyPort: number, instances: { name: string; port: number }[]): string {
  return `global
    log stdout format raw local0 warning
    maxconn 4096

defaults
    mode http
    log global
    option httplog
    option forwardfor
    timeout connect 5s
    timeout client 90s
    # Server-sent event streams stay open: the event bus sends a heartbeat every ~15 s, so an idle
    # stream never waits 90 s; a long download or export does not either.
    timeout server 180s
    timeout tunnel 1h
    timeout http-keep-alive 10s
    timeout queue 30s

frontend web
    bind 127.0.0.1:${proxyPort}
    default_backend instances

backend instances
    balance roundrobin
    option httpchk GET /api/health
    http-check expect status 200
    # A busy instance (load shedding answers 503) is taken out after 3 failed checks, 2 s apart.
    default-server inter 2s fall 3 rise 1
${instances.map((i) => `    server ${i.name} 127.0.0.1:${i.port} check`).join("\n")}
`;
}

/** Starts the cluster; `stop()` ends every process it started. */
export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const log = options.log ?? ((line: string) => console.log(line));
  const dir = path.resolve(options.dir ?? path.join(root, ".tmp", "cluster"));
  const names = options.instances ?? ["a", "b"];
  const defaults: Exclude<ClusterOptions["ports"], "auto" | undefined> = {
    proxy: 3100,
    primary: 5441,
    replica: 5442,
    redis: 6380,
  };
  const wanted: typeof defaults = options.ports === "auto" ? {} : { ...defaults, ...options.ports };
  const preferred = (p: number | undefined) => (options.ports === "auto" ? undefined : p);

  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const step of stops.splice(0).reverse()) await step().catch((error) => log(`stop: ${error}`));
  };

  try {
    stopLeftovers(dir, log);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    if (!ensureWebBuild(log)) throw new Error("the web build failed");

    const taken = new Set<number>();
    const ports = {
      proxy: await choosePort(preferred(wanted.proxy), taken),
      primary: await choosePort(preferred(wanted.primary), taken),
      replica: await choosePort(preferred(wanted.replica), taken),
      redis: await choosePort(preferred(wanted.redis), taken),
      instances: [] as number[],
    };
    for (const [i] of names.entries())
      ports.instances.push(await choosePort(preferred(wanted.instances?.[i] ?? 3101 + i), taken));

    // PostgreSQL: the primary, then a replica streaming from it.
    const primaryDir = path.join(dir, "primary");
    const replicaDir = path.join(dir, "replica");
    if (asRoot) {
      fs.mkdirSync(primaryDir, { mode: 0o700 });
      spawnSync("chown", ["postgres:postgres", primaryDir, dir]);
    }
    log(`PostgreSQL primary: initdb ${primaryDir}`);
    runPg(
      pgBin("initdb"),
      ["-D", primaryDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
      () => {},
    );
    const serverOptions = (port: number) =>
      [
        `-c port=${port}`,
        "-c listen_addresses=127.0.0.1",
        "-c unix_socket_directories=''",
        "-c wal_level=replica",
        "-c max_wal_senders=5",
        "-c hot_standby=on",
        "-c hot_standby_feedback=on",
        "-c fsync=off",
        "-c max_connections=200",
      ].join(" ");
    const pgCtl = pgBin("pg_ctl");
    const startPg = (dataDir: string, port: number, name: string) => {
      runPg(
        pgCtl,
        [
          "-D",
          dataDir,
          "-l",
          path.join(dir, `${name}.log`),
          "-o",
          serverOptions(port),
          "-w",
          "-t",
          "60",
          "start",
        ],
        () => {},
      );
      stops.push(async () => runPg(pgCtl, ["-D", dataDir, "-m", "fast", "-w", "-t", "60", "stop"], () => {}));
    };
    startPg(primaryDir, ports.primary, "primary");
    const primaryUrl = `postgres://postgres@127.0.0.1:${ports.primary}/postgres`;

    let replicaUrl: string | null = null;
    if (!options.noReplica) {
      log(`PostgreSQL replica: pg_basebackup -R ${replicaDir}`);
      runPg(
        pgBin("pg_basebackup"),
        [
          "-h",
          "127.0.0.1",
          "-p",
          String(ports.primary),
          "-U",
          "postgres",
          "-D",
          replicaDir,
          "-R",
          "-X",
          "stream",
          "-c",
          "fast",
        ],
        () => {},
      );
      startPg(replicaDir, ports.replica, "replica");
      replicaUrl = `postgres://postgres@127.0.0.1:${ports.replica}/postgres`;
    }

    // Redis: counters only (shared rate limits), nothing persisted.
    const redisLog = path.join(dir, "redis.log");
    const redis = spawnLogged(
      "redis-server",
      [
        "--port",
        String(ports.redis),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        dir,
      ],
      redisLog,
    );
    stops.push(() => terminate(redis));
    const redisUrl = `redis://127.0.0.1:${ports.redis}`;
    await waitFor(
      "Redis",
      () => portIsFree(ports.redis).then((free) => !free),
      () => (redis.exitCode !== null ? `redis-server exited (${redis.exitCode}):\n${tail(redisLog)}` : null),
    );

    // The app instances: one shared DATA_DIR; the first seeds the demo data, then the second starts.
    const dataDir = path.join(dir, "data");
    fs.mkdirSync(dataDir, { recursive: true });
    const instances: ClusterInstance[] = names.map((name, i) => {
      const port = ports.instances[i] as number;
      const url = `http://127.0.0.1:${port}`;
      const logFile = path.join(dir, `instance-${name}.log`);
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        HOST: "127.0.0.1",
        PORT: String(port),
        DATA_DIR: dataDir,
        DATABASE_URL: primaryUrl,
        REDIS_URL: redisUrl,
        INSTANCE_NAME: name,
        TRUST_PROXY: "on",
        DEMO: "on",
        COOKIE_SECURE: "off",
        LOG_LEVEL: "warn",
        ...(replicaUrl ? { DATABASE_REPLICA_URL: replicaUrl } : {}),
        ...options.env,
        ...options.instanceEnv?.[name],
      };
      delete env.NODE_ENV;
      if (!replicaUrl) delete env.DATABASE_REPLICA_URL;
      let child: ChildProcess | null = null;
      const instance: ClusterInstance = {
        name,
        port,
        url,
        logFile,
        get pid() {
          return child && child.exitCode === null && child.signalCode === null ? (child.pid ?? null) : null;
        },
        async kill(signal = "SIGTERM") {
          if (!child || child.exitCode !== null || child.signalCode !== null) return;
          const done = exited(child);
          child.kill(signal);
          await done;
        },
        async restart() {
          await instance.kill();
          const started = spawnLogged(process.execPath, ["server/src/main.ts"], logFile, env);
          child = started;
          await waitFor(
            `instance ${name}`,
            () => healthy(url),
            () =>
              started.exitCode !== null
                ? `instance ${name} exited (${started.exitCode}):\n${tail(logFile)}`
                : null,
          );
        },
      };
      stops.push(async () => {
        if (child) await terminate(child);
      });
      return instance;
    });
    for (const instance of instances) {
      log(`Instance ${instance.name}: ${instance.url}`);
      await instance.restart();
    }

    // haproxy in front, round robin, each instance checked on /api/health.
    const cfg = path.join(dir, "haproxy.cfg");
    fs.writeFileSync(cfg, haproxyConfig(ports.proxy, instances));
    const haproxyLog = path.join(dir, "haproxy.log");
    const haproxy = spawnLogged(
      fs.existsSync("/usr/sbin/haproxy") ? "/usr/sbin/haproxy" : "haproxy",
      ["-db", "-f", cfg],
      haproxyLog,
    );
    stops.push(() => terminate(haproxy, 5_000));
    const url = `http://127.0.0.1:${ports.proxy}`;
    await waitFor(
      "haproxy",
      () => healthy(url),
      () => (haproxy.exitCode !== null ? `haproxy exited (${haproxy.exitCode}):\n${tail(haproxyLog)}` : null),
    );
    fs.writeFileSync(
      path.join(dir, "cluster.json"),
      `${JSON.stringify({ url, primaryUrl, replicaUrl, redisUrl, dataDir, pid: process.pid }, null, 2)}\n`,
    );
    return { url, instances, primaryUrl, replicaUrl, redisUrl, dataDir, dir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A previous run that did not stop (killed, crashed) may have left its PostgreSQL servers running. */
function stopLeftovers(dir: string, log: (line: string) => void) {
  for (const name of ["replica", "primary"]) {
    const dataDir = path.join(dir, name);
    if (!fs.existsSync(path.join(dataDir, "postmaster.pid"))) continue;
    log(`Stopping the PostgreSQL left running in ${dataDir}`);
    try {
      runPg(pgBin("pg_ctl"), ["-D", dataDir, "-m", "immediate", "-w", "stop"], () => {});
    } catch {
      // Not running any more: the folder is removed anyway.
    }
  }
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const cluster = await startCluster();
  console.log(`\nTheo Gương cluster: ${cluster.url}`);
  for (const i of cluster.instances)
    console.log(`  instance ${i.name}: ${i.url} (pid ${i.pid}), log ${i.logFile}`);
  console.log(
    `  primary ${cluster.primaryUrl}\n  replica ${cluster.replicaUrl}\n  redis   ${cluster.redisUrl}`,
  );
  console.log(`  demo accounts: ${path.join(cluster.dataDir, "demo-accounts.json")}`);
  console.log("Ctrl-C stops everything.");
  let stopping = false;
  const onSignal = async () => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping the cluster…");
    await cluster.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void onSignal());
  process.on("SIGTERM", () => void onSignal());
  // Stays up: the child processes and this signal handling keep the event loop alive.
  setInterval(() => {}, 1 << 30);
}
