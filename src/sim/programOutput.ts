// What well-known programs print: nginx's entrypoint and notices, Apache's start-up lines, Redis's
// banner, MySQL's and PostgreSQL's initialisation (and their famous "password not specified" error),
// the access-log line a kubelet probe leaves behind, and the digits of pi for the `perl bpi` Job.
// Lines are produced from the start time on demand, never stored per line.
import type { ImageFlavor } from './imageCatalog.js';

export interface TimedText {
  /** Milliseconds after the container started. */
  at: number;
  text: string;
}

export interface OutputContext {
  startEpochMs: number;
  version?: string;
  podIP: string;
  cpuCount: number;
  env: Readonly<Record<string, string>>;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `2026/01/01 00:00:05`: nginx's error-log time. */
function nginxTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** `01/Jan/2026:00:00:05 +0000`: the common log format time. */
export function accessLogTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** `Thu Jan 01 00:00:05.123456 2026`: Apache's error-log time. */
function apacheTime(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds() * 1000, 6)} ${d.getUTCFullYear()}`;
}

/** `01 Jan 2026 00:00:05.123`: Redis's log time. */
function redisTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
}

function isoSpace(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** The database images refuse to start without a password; this is what they say, or undefined. */
export function missingPasswordError(flavor: ImageFlavor, env: Readonly<Record<string, string>>, ctx: OutputContext): TimedText[] | undefined {
  const t0 = ctx.startEpochMs;
  if (flavor === 'mysql') {
    const ok = ['MYSQL_ROOT_PASSWORD', 'MYSQL_ALLOW_EMPTY_PASSWORD', 'MYSQL_RANDOM_ROOT_PASSWORD', 'MARIADB_ROOT_PASSWORD', 'MARIADB_ALLOW_EMPTY_ROOT_PASSWORD', 'MARIADB_RANDOM_ROOT_PASSWORD'];
    if (ok.some((k) => env[k] !== undefined && (env[k] !== '' || k.includes('EMPTY')))) return undefined;
    const v = ctx.version ?? '8.4.3';
    const stamp = `${isoSpace(t0)}+00:00`;
    return [
      { at: 0, text: `${stamp} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${v}-1.el9 started.` },
      { at: 80, text: `${stamp} [Note] [Entrypoint]: Switching to dedicated user 'mysql'` },
      { at: 160, text: `${stamp} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${v}-1.el9 started.` },
      { at: 300, text: `${stamp} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified` },
      { at: 300, text: '    You need to specify one of the following as an environment variable:' },
      { at: 300, text: '    - MYSQL_ROOT_PASSWORD' },
      { at: 300, text: '    - MYSQL_ALLOW_EMPTY_PASSWORD' },
      { at: 300, text: '    - MYSQL_RANDOM_ROOT_PASSWORD' },
    ];
  }
  if (flavor === 'postgres') {
    if (env.POSTGRES_PASSWORD || env.POSTGRES_HOST_AUTH_METHOD === 'trust') return undefined;
    const lines = [
      'Error: Database is uninitialized and superuser password is not specified.',
      '       You must specify POSTGRES_PASSWORD to a non-empty value for the',
      '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
      '',
      '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
      '       connections without a password. This is *not* recommended.',
      '',
      '       See PostgreSQL documentation about "trust":',
      '       https://www.postgresql.org/docs/current/auth-trust.html',
    ];
    return lines.map((text) => ({ at: 200, text }));
  }
  return undefined;
}

/** What a server prints while it starts, ending with the line that says it is ready. */
export function startupLines(flavor: ImageFlavor, ctx: OutputContext): TimedText[] {
  const t0 = ctx.startEpochMs;
  const v = ctx.version;
  switch (flavor) {
    case 'nginx': {
      const entry = [
        '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
        '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
        '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
        '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
        '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
        '/docker-entrypoint.sh: Configuration complete; ready for start up',
      ].map((text, i) => ({ at: i * 5, text }));
      const at = 60;
      const ts = nginxTime(t0 + at);
      const notices = [
        'using the "epoll" event method',
        `nginx/${v ?? '1.27.3'}`,
        'built by gcc 12.2.0 (Debian 12.2.0-14)',
        'OS: Linux 6.8.0-60-generic',
        'getrlimit(RLIMIT_NOFILE): 1048576:1048576',
        'start worker processes',
        ...Array.from({ length: ctx.cpuCount }, (_, i) => `start worker process ${29 + i}`),
      ].map((n) => ({ at, text: `${ts} [notice] 1#1: ${n}` }));
      return [...entry, ...notices];
    }
    case 'httpd':
    case 'php-apache': {
      const server = flavor === 'httpd' ? `Apache/${v ?? '2.4.62'} (Unix)` : `Apache/2.4.10 (Debian) PHP/${v ?? '5.6.40'}`;
      const cmd = flavor === 'httpd' ? "'httpd -D FOREGROUND'" : "'apache2 -D FOREGROUND'";
      const fqdn = `AH00558: ${flavor === 'httpd' ? 'httpd' : 'apache2'}: Could not reliably determine the server's fully qualified domain name, using ${ctx.podIP}. Set the 'ServerName' directive globally to suppress this message`;
      const ts = apacheTime(t0 + 40);
      return [
        { at: 10, text: fqdn },
        { at: 20, text: fqdn },
        { at: 40, text: `[${ts}] [mpm_${flavor === 'httpd' ? 'event' : 'prefork'}:notice] [pid 1:tid 1] AH00489: ${server} configured -- resuming normal operations` },
        { at: 40, text: `[${ts}] [core:notice] [pid 1:tid 1] AH00094: Command line: ${cmd}` },
      ];
    }
    case 'redis': {
      const c = (at: number, role: string, text: string) => ({ at, text: `1:${role} ${redisTime(t0 + at)} ${text}` });
      return [
        c(0, 'C', '# WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition. To fix this issue add \'vm.overcommit_memory = 1\' to /etc/sysctl.conf and then reboot or run the command \'sysctl vm.overcommit_memory=1\' for this to take effect.'),
        c(1, 'C', '* oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo'),
        c(1, 'C', `* Redis version=${v ?? '7.4.1'}, bits=64, commit=00000000, modified=0, pid=1, just started`),
        c(1, 'C', '# Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf'),
        c(2, 'M', '* monotonic clock: POSIX clock_gettime'),
        c(3, 'M', '* Running mode=standalone, port=6379.'),
        c(3, 'M', '* Server initialized'),
        c(4, 'M', '* Ready to accept connections tcp'),
      ];
    }
    case 'mysql': {
      const version = v ?? '8.4.3';
      const note = (at: number, text: string) => ({ at, text: `${isoSpace(t0 + at)}+00:00 [Note] [Entrypoint]: ${text}` });
      const server = (at: number, code: string, text: string) => ({ at, text: `${new Date(t0 + at).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z')} 0 [System] [${code}] [Server] ${text}` });
      return [
        note(0, `Entrypoint script for MySQL Server ${version}-1.el9 started.`),
        note(80, "Switching to dedicated user 'mysql'"),
        note(160, `Entrypoint script for MySQL Server ${version}-1.el9 started.`),
        note(400, 'Initializing database files'),
        note(5200, 'Database files initialized'),
        note(5300, 'Starting temporary server'),
        note(6500, 'Temporary server started.'),
        note(7400, 'Stopping temporary server'),
        note(7900, 'Temporary server stopped'),
        note(7900, 'MySQL init process done. Ready for start up.'),
        server(8000, 'MY-015015', `MySQL Server - start.`),
        server(8000, 'MY-010116', `/usr/sbin/mysqld (mysqld ${version}) starting as process 1`),
        server(8000, 'MY-010931', `/usr/sbin/mysqld: ready for connections. Version: '${version}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.`),
      ];
    }
    case 'postgres': {
      const version = v ?? '17.2';
      const log = (at: number, text: string) => ({ at, text: `${isoSpace(t0 + at)}.${pad((t0 + at) % 1000, 3)} UTC [1] LOG:  ${text}` });
      return [
        { at: 0, text: 'The files belonging to this database system will be owned by user "postgres".' },
        { at: 0, text: 'This user must also own the server process.' },
        { at: 100, text: 'Success. You can now start the database server using:' },
        { at: 2000, text: 'PostgreSQL init process complete; ready for start up.' },
        log(3000, `starting PostgreSQL ${version} (Debian ${version}-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit`),
        log(3000, 'listening on IPv4 address "0.0.0.0", port 5432'),
        log(3000, 'listening on IPv6 address "::", port 5432'),
        log(3000, 'database system is ready to accept connections'),
      ];
    }
    case 'mongo':
      return [{ at: 2000, text: `{"t":{"$date":"${new Date(t0 + 2000).toISOString().replace('Z', '+00:00')}"},"s":"I",  "c":"NETWORK",  "id":23016,   "ctx":"listener","msg":"Waiting for connections","attr":{"port":27017,"ssl":"off"}}` }];
    case 'tomcat':
      return [
        { at: 200, text: `${isoSpace(t0 + 200).replace(' ', ' ')} INFO [main] org.apache.catalina.startup.VersionLoggerListener.log Server version name:   Apache Tomcat/${v ?? '10.1.33'}` },
        { at: 3900, text: `${isoSpace(t0 + 3900)} INFO [main] org.apache.coyote.AbstractProtocol.start Starting ProtocolHandler ["http-nio-8080"]` },
        { at: 4000, text: `${isoSpace(t0 + 4000)} INFO [main] org.apache.catalina.startup.Catalina.start Server startup in [3800] milliseconds` },
      ];
    case 'hello-app':
      return [{ at: 5, text: `${nginxTime(t0 + 5)} Server listening on port 8080` }];
    case 'agnhost':
      return [{ at: 5, text: `I0101 ${new Date(t0 + 5).toISOString().slice(11, 23)}000       1 log.go:245] Started HTTP server on port 8080` }];
    default:
      return [];
  }
}

/** What a server prints when asked to stop (nginx takes SIGQUIT from its image's STOPSIGNAL). */
export function shutdownLines(flavor: ImageFlavor, atEpochMs: number, cpuCount: number): string[] {
  switch (flavor) {
    case 'nginx': {
      const ts = nginxTime(atEpochMs);
      const workers = Array.from({ length: cpuCount }, (_, i) => 29 + i);
      return [
        `${ts} [notice] 1#1: signal 3 (SIGQUIT) received, shutting down`,
        ...workers.flatMap((w) => [`${ts} [notice] ${w}#${w}: gracefully shutting down`, `${ts} [notice] ${w}#${w}: exiting`, `${ts} [notice] ${w}#${w}: exit`]),
        ...workers.map((w) => `${ts} [notice] 1#1: worker process ${w} exited with code 0`),
        `${ts} [notice] 1#1: exit`,
      ];
    }
    case 'httpd':
    case 'php-apache':
      return [`[${apacheTime(atEpochMs)}] [mpm_event:notice] [pid 1:tid 1] AH00491: caught SIGTERM, shutting down`];
    case 'redis':
      return [
        `1:signal-handler (${Math.floor(atEpochMs / 1000)}) Received SIGTERM scheduling shutdown...`,
        `1:M ${redisTime(atEpochMs)} # User requested shutdown...`,
        `1:M ${redisTime(atEpochMs)} * Saving the final RDB snapshot before exiting.`,
        `1:M ${redisTime(atEpochMs)} * DB saved on disk`,
        `1:M ${redisTime(atEpochMs)} # Redis is now ready to exit, bye bye...`,
      ];
    case 'postgres':
      return [`${isoSpace(atEpochMs)}.000 UTC [1] LOG:  received fast shutdown request`, `${isoSpace(atEpochMs)}.000 UTC [1] LOG:  database system is shut down`];
    default:
      return [];
  }
}

/** A kubelet HTTP probe as the server's access log records it. */
export function probeAccessLine(flavor: ImageFlavor, epochMs: number, sourceIp: string, path: string, code: number): string | undefined {
  const req = `"GET ${path} HTTP/1.1" ${code}`;
  switch (flavor) {
    case 'nginx':
      return `${sourceIp} - - [${accessLogTime(epochMs)}] ${req} ${code === 200 ? 615 : 153} "-" "kube-probe/1.33" "-"`;
    case 'httpd':
    case 'php-apache':
      return `${sourceIp} - - [${accessLogTime(epochMs)}] ${req} ${code === 200 ? 45 : 196} "-" "kube-probe/1.33"`;
    default:
      return undefined;
  }
}

/** `perl -Mbignum=bpi -wle 'print bpi(N)'`: pi to N significant digits (Machin's formula on BigInt). */
export function piDigits(n: number): string {
  const digits = Math.max(2, Math.min(Math.floor(n), 20_000));
  const scale = 10n ** BigInt(digits + 10);
  const arctanInv = (x: bigint): bigint => {
    let term = scale / x;
    let sum = term;
    const x2 = x * x;
    for (let k = 3n, sign = -1n; term !== 0n; k += 2n, sign = -sign) {
      term /= x2;
      sum += (sign * term) / k;
    }
    return sum;
  };
  const text = (4n * (4n * arctanInv(5n) - arctanInv(239n))).toString(); // "31415926…", digits+11 long
  // bignum rounds to N significant digits.
  const rounded = (BigInt(text.slice(0, digits)) + (Number(text[digits]) >= 5 ? 1n : 0n)).toString();
  return `${rounded[0]}.${rounded.slice(1)}`;
}
