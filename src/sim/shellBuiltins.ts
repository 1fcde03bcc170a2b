// The commands a script can run (echo, sleep, test, file and text tools, servers that never return), each on the simulated clock.
import { evalExpr, evalTest, formatDate, sortIf, toInt, unescapeC } from './shellExpr.js';
import { parseShell, type List } from './shellParse.js';
import { ANALYZE_HORIZON_MS, Break, Exit, Forever, type Gen } from './shellRunTypes.js';
import { ShellRunState } from './shellRunState.js';
import { cat, grep, headTail, ls, seq, wc } from './shellTools.js';

/** Programs that serve until stopped when a script starts them (`exec nginx -g 'daemon off;'`). */
const SERVERS = new Set([
  'nginx', 'httpd', 'apache2', 'apache2-foreground', 'httpd-foreground', 'redis-server', 'mysqld', 'mariadbd',
  'postgres', 'mongod', 'memcached', 'php-fpm', 'gunicorn', 'uwsgi', 'uvicorn', 'java', 'catalina.sh', 'haproxy',
  'traefik', 'caddy', 'envoy', 'etcd', 'kube-apiserver', 'coredns', 'dockerd', 'rabbitmq-server', 'nc',
]);

/** Runs one command by name; `sh -c` hands its script back to the interpreter's `list`. */
export abstract class ShellBuiltins extends ShellRunState {
  protected abstract list(list: List): Gen;

  // ---- commands ---------------------------------------------------------------------------

  protected *exec(argv: string[], stdin: string | undefined): Gen {
    const [cmd0, ...args] = argv;
    const cmd = cmd0.includes('/') ? cmd0.slice(cmd0.lastIndexOf('/') + 1) : cmd0;
    switch (cmd) {
      case 'echo':
        return yield* this.echo(args);
      case 'printf':
        return yield* this.printf(args);
      case 'sleep':
        return yield* this.sleep(args);
      case 'exit':
        throw new Exit(args.length ? toInt(args[0]) & 255 : this.status);
      case 'break':
      case 'continue':
        throw new Break(args.length ? Math.max(1, toInt(args[0])) : 1, cmd === 'continue');
      case 'true':
      case ':':
        return 0;
      case 'false':
        return 1;
      case 'date':
        this.clockReads++;
        yield* this.out(formatDate(this.ctx.startEpochMs + this.t, args[0]));
        return 0;
      case 'hostname':
        yield* this.out(this.ctx.hostname);
        return 0;
      case 'whoami':
        yield* this.out('root');
        return 0;
      case 'env':
      case 'printenv': {
        if (cmd === 'env' && args.length) return yield* this.exec(args.filter((a) => !a.includes('=')), stdin);
        if (args.length) {
          let code = 0;
          for (const a of args) {
            const v = this.vars.get(a);
            if (v === undefined) code = 1;
            else yield* this.out(v);
          }
          return code;
        }
        for (const [k, v] of this.vars) yield* this.out(`${k}=${v}`);
        return 0;
      }
      case 'export':
      case 'readonly':
      case 'local':
        for (const a of args) {
          const eq = a.indexOf('=');
          if (eq > 0) this.vars.set(a.slice(0, eq), a.slice(eq + 1));
        }
        return 0;
      case 'unset':
        for (const a of args) this.vars.delete(a);
        return 0;
      case 'cat':
        return yield* this.tool(cat(args, stdin, this.files));
      case 'tail':
        if (args.includes('-f') || args.includes('-F') || args.some((a) => /^-[a-zA-Z]*f/.test(a))) throw new Forever('tail -f waits forever');
        return yield* this.tool(headTail(args, stdin, this.files, 'tail'));
      case 'head':
        return yield* this.tool(headTail(args, stdin, this.files, 'head'));
      case 'grep':
        return yield* this.tool(grep(args, stdin, this.files));
      case 'wc':
        return yield* this.tool(wc(args, stdin));
      case 'tee':
      case 'sort':
      case 'uniq':
        for (const line of sortIf(cmd === 'sort', stdin)) yield* this.out(line);
        return 0;
      case 'seq':
        return yield* this.tool(seq(args));
      case 'expr': {
        const r = evalExpr(args);
        yield* this.out(String(r));
        return r === 0 ? 1 : 0;
      }
      case 'test':
        return evalTest(args, this.files) ? 0 : 1;
      case '[':
        if (args[args.length - 1] !== ']') return yield* this.err('[: missing ]', 2);
        return evalTest(args.slice(0, -1), this.files) ? 0 : 1;
      case 'touch':
        for (const a of args.filter((x) => !x.startsWith('-'))) if (!this.files.has(a)) yield* this.setFile(a, '');
        return 0;
      case 'rm': {
        const force = args.some((a) => /^-[a-zA-Z]*f/.test(a));
        let code = 0;
        for (const a of args.filter((x) => !x.startsWith('-'))) {
          if (this.files.has(a)) yield* this.removeFile(a);
          else if (!force) code = yield* this.err(`rm: can't remove '${a}': No such file or directory`, 1);
        }
        return code;
      }
      case 'mv':
      case 'cp': {
        const [from, to] = args.filter((x) => !x.startsWith('-'));
        if (from === undefined || to === undefined) return 1;
        const content = this.files.get(from);
        if (content === undefined) return yield* this.err(`${cmd}: can't stat '${from}': No such file or directory`, 1);
        yield* this.setFile(to, content);
        if (cmd === 'mv') yield* this.removeFile(from);
        return 0;
      }
      case 'ls':
        return yield* this.tool(ls(args, this.files));
      case 'read':
        return 1; // stdin is empty in a pod unless `stdin: true`
      case 'exec':
        return args.length ? yield* this.exec(args, stdin) : 0;
      case 'sh':
      case 'bash':
      case 'ash':
      case 'dash': {
        const at = args.findIndex((a) => /^-[a-z]*c[a-z]*$/.test(a));
        if (at >= 0 && args[at + 1] !== undefined) return yield* this.list(parseShell(args[at + 1]));
        return 0; // an interactive shell without a terminal reads EOF and exits
      }
      case 'basename':
        yield* this.out((args[0] ?? '').replace(/\/+$/, '').split('/').pop() ?? '');
        return 0;
      case 'dirname': {
        const p = (args[0] ?? '').replace(/\/+$/, '');
        yield* this.out(p.includes('/') ? p.slice(0, p.lastIndexOf('/')) || '/' : '.');
        return 0;
      }
      case 'wait':
      case 'cd':
      case 'set':
      case 'trap':
      case 'shift':
      case 'umask':
      case 'ulimit':
      case 'mkdir':
      case 'chmod':
      case 'chown':
      case 'ln':
      case 'sync':
      case 'source':
      case '.':
      case 'apk':
      case 'apt-get':
      case 'yum':
      case 'pip':
      case 'npm':
        return 0;
      case 'wget':
      case 'curl':
      case 'nslookup':
      case 'dig':
      case 'ping':
        if (cmd === 'ping' && !args.includes('-c')) throw new Forever('ping runs until stopped');
        this.t += 100;
        return 0;
      case 'python':
      case 'python3':
      case 'node':
      case 'perl':
      case 'ruby':
      case 'php':
        // An inline program (`-c`, `-e`) finishes quickly; a script file is the application.
        if (args.some((a) => a === '-c' || a === '-e' || a.startsWith('-e') || a === '-wle' || a === '-le' || a === '-E')) {
          this.t += 1000;
          return 0;
        }
        if (!args.length) return 0; // a REPL without a terminal reads EOF and exits
        throw new Forever(`${cmd} ${args[0]} serves until stopped`);
      default:
        if (SERVERS.has(cmd)) throw new Forever(`${cmd} runs until stopped`);
        if (this.ctx.unknownCommand === 'forever') throw new Forever(`${cmd0} (the application) runs until stopped`);
        return yield* this.err(`sh: ${cmd0}: not found`, 127);
    }
  }

  private *echo(args: string[]): Gen {
    let newline = true;
    let escapes = false;
    while (args.length && /^-[neE]+$/.test(args[0])) {
      if (args[0].includes('n')) newline = false;
      if (args[0].includes('e')) escapes = true;
      args = args.slice(1);
    }
    let text = args.join(' ');
    if (escapes) text = unescapeC(text);
    yield* this.outText(newline ? text + '\n' : text);
    return 0;
  }

  private *printf(args: string[]): Gen {
    if (!args.length) return yield* this.err('printf: usage: printf format [arguments]', 2);
    const [format, ...rest] = args;
    let out = '';
    let i = 0;
    do {
      out += unescapeC(format).replace(/%([-0-9.]*)([sdifx%])/g, (_m, _w, conv: string) => {
        if (conv === '%') return '%';
        const v = rest[i++] ?? '';
        if (conv === 'd' || conv === 'i') return String(toInt(v));
        if (conv === 'f') return Number(v || 0).toFixed(6);
        if (conv === 'x') return toInt(v).toString(16);
        return v;
      });
    } while (i < rest.length && i > 0);
    yield* this.outText(out);
    return 0;
  }

  private *sleep(args: string[]): Gen {
    let total = 0;
    for (const a of args) {
      if (a === 'infinity' || a === 'inf') throw new Forever('sleep infinity');
      const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(a);
      if (!m) return yield* this.err(`sleep: invalid number '${a}'`, 1);
      total += Number(m[1]) * ({ '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as Record<string, number>)[m[2]];
    }
    if (!args.length) return yield* this.err('sleep: missing operand', 1);
    this.t += Math.round(total);
    if (this.mode === 'analyze' && this.t > ANALYZE_HORIZON_MS) throw new Forever('sleeps for more than a year');
    return 0;
  }
}
