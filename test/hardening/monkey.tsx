// A monkey at the keyboard: the dashboard, on the default scenario with the simulation running,
// gets seeded random keys and key sequences — every key the keymap knows, arrows, ctrl keys, escape
// sequences no terminal would send, pastes of long text, and resizes down to 20x5 and back. It must
// not crash, never draw a frame taller than the terminal, and leave nothing thrown behind.
// Used by test/hardening/monkey.test.ts (a short run) and bench/cases/monkey.ts (a long one).
import { render } from 'ink-testing-library';
import React from 'react';
import { setTimeout as delay } from 'node:timers/promises';
import { isApiError } from '../../src/api/errors.js';
import { loadScenarioFile } from '../../src/scenario/parseScenario.js';
import { DEFAULT_SCENARIO, resolveScenarioPath } from '../../src/scenario/catalog.js';
import { ScenarioSession } from '../../src/scenario/session.js';
import { checkInvariants, type Violation } from '../../src/sim/invariants.js';
import { SeededRandom } from '../../src/sim/random.js';
import { setEditor } from '../../src/ui/edit/editor.js';
import { App } from '../../src/ui/App.js';
import { resourcePage } from '../../src/ui/model/pages.js';
import { initialUiState } from '../../src/ui/model/uiReducer.js';
import { SimulationDriver } from '../../src/ui/simDriver.js';
import { internalErrors } from './clusterHealth.js';

const PRINTABLE = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:/?!.,<>[]{}|`~ -_=+*&^%$#@;\'"\\';
const SPECIAL = [
  '\r', '\u001B', '\t', '\u001B[Z', '\u007F', '\b',
  '\u001B[A', '\u001B[B', '\u001B[C', '\u001B[D', '\u001B[5~', '\u001B[6~', '\u001B[H', '\u001B[F', '\u001B[1~', '\u001B[4~', '\u001B[3~', '\u001B[2~',
  '\u001B[1;2A', '\u001B[1;2B', '\u001B[1;2C', '\u001B[1;2D', '\u001B[1;5A', '\u001B[1;5C', '\u001B[1;3D',
];
// Ctrl-A … Ctrl-Z but Ctrl-C, which quits (quitting is exercised on purpose, below).
const CTRL = Array.from({ length: 26 }, (_, i) => String.fromCharCode(i + 1)).filter((c) => c !== '\u0003');
const ODD_SEQUENCES = [
  '\u001B[200~pasted text\u001B[201~', '\u001B[<0;10;10M', '\u001B[M !!', '\u001B[999;999R', '\u001BOP', '\u001B[15~', '\u001B[24~', '\u001B]0;title\u0007',
  '\u001B[?1049h', '\u001B[2J', '\u001B', '\u001B\u001B', '\u001B[', '\u001B[1;', '\u0000', '\u00FF', '\uFFFD', '💥', 'é', '\u202E', '\uD800',
];
const PASTES = ['nginx:1.26', 'default', 'web', '.*', '!web', '-l app=web', '999999999', '-1', '(((', 'x'.repeat(500), '../../../../etc/passwd', 'deploy', 'po', 'can jane', 'xray deploy', 'pulse', 'decisions', 'ns kube-system', 'timeline'];
/** Commands worth reaching (typed after `:`), quitting ones aside. */
const COMMANDS = ['po', 'deploy', 'rs', 'svc', 'no', 'ns', 'secrets', 'cm', 'jobs', 'cj', 'hpa', 'pvc', 'pv', 'sts', 'ds', 'ing', 'ep', 'events', 'decisions', 'xray deploy', 'pulse', 'can jane', 'can system:serviceaccount:default:default', 'timeline', 'rb', 'help', 'quota', 'bogus', ''];

export interface MonkeyOptions {
  keys: number;
  seed: number;
  /** Check the cluster's invariants every this many keys (0: only at the end). */
  invariantEvery?: number;
  /** Called every 500 keys (the benchmark reports progress). */
  onProgress?: (done: number) => void;
}

export interface MonkeyReport {
  keys: number;
  frames: number;
  resizes: number;
  quits: number;
  /** Frames taller than the terminal they were drawn for: `rows: lines`. */
  tallFrames: string[];
  /** What key handlers threw that is not an API refusal. */
  keyErrors: string[];
  /** Reconciles that threw a JavaScript error. */
  clusterErrors: string[];
  violations: Violation[];
  /** Frames that show Ink's error overlay (a render that threw). */
  renderErrors: string[];
  simulatedSeconds: number;
}

type Sizes = Array<{ from: number; rows: number; columns: number }>;

export async function runMonkey(options: MonkeyOptions): Promise<MonkeyReport> {
  const r = new SeededRandom(options.seed);
  const pick = <T,>(items: readonly T[]): T => items[r.int(items.length)]!;
  const session = new ScenarioSession(loadScenarioFile(resolveScenarioPath(DEFAULT_SCENARIO)).scenario, options.seed);
  // `R` on the timeline restarts the scenario on a fresh cluster: the app follows, as the dashboard does.
  let cluster = session.cluster;
  const clusters = [cluster];
  let driver = new SimulationDriver(cluster, 100);
  let restarted = false;
  const unsubscribe = session.subscribe((next) => {
    driver.stop();
    cluster = next;
    clusters.push(next);
    driver = new SimulationDriver(next, 100);
    driver.start();
    restarted = true;
  });
  const report: MonkeyReport = { keys: 0, frames: 0, resizes: 0, quits: 0, tallFrames: [], keyErrors: [], clusterErrors: [], violations: [], renderErrors: [], simulatedSeconds: 0 };

  // `e` hands the object to this editor instead of $EDITOR: it sends back a damaged copy.
  const restoreEditor = setEditor((text) => {
    const lines = text.split('\n');
    const i = r.int(lines.length);
    const edits = [() => lines.splice(i, 1), () => lines.splice(i, 0, lines[i] ?? ''), () => (lines[i] = `${lines[i]}${pick(PASTES)}`), () => lines.push(`deep: ${'['.repeat(300)}`)];
    pick(edits)();
    return r.int(5) === 0 ? { error: 'could not start the editor "vi": simulated failure' } : { text: lines.join('\n') };
  });
  const onUncaught = (error: unknown) => report.keyErrors.push(`uncaught: ${error instanceof Error ? error.stack : String(error)}`);
  process.on('uncaughtException', onUncaught);

  let quitRequested = false;
  const mount = () => {
    const state = initialUiState(resourcePage('Pod', 'default'), { namespace: 'default', logPane: { visible: true, height: 5, full: false, filter: '' } });
    const instance = render(
      <App
        cluster={cluster}
        driver={driver}
        initialState={state}
        scenario={session}
        onQuit={() => (quitRequested = true)}
        onKeyError={(e) => {
          if (!isApiError(e)) report.keyErrors.push(e instanceof Error ? `${e.name}: ${e.message}\n${e.stack}` : String(e));
        }}
      />,
    );
    return instance;
  };
  let app = mount();
  let size = { columns: 100, rows: 30 };
  const sizes: Sizes = [{ from: 0, ...size }];
  const resize = (columns: number, rows: number) => {
    size = { columns, rows };
    Object.defineProperty(app.stdout, 'columns', { value: columns, configurable: true });
    Object.defineProperty(app.stdout, 'rows', { value: rows, configurable: true });
    sizes.push({ from: app.frames.length, columns, rows });
    app.stdout.emit('resize');
    report.resizes++;
  };
  resize(size.columns, size.rows);
  driver.start();
  await delay(30);

  const checkFrames = (instance: ReturnType<typeof render>, sizeLog: Sizes) => {
    for (let i = 0; i < instance.frames.length; i++) {
      const frame = instance.frames[i]!;
      let rows = sizeLog[0]!.rows;
      let since = 0;
      for (const s of sizeLog) {
        if (s.from <= i) {
          rows = s.rows;
          since = s.from;
        }
      }
      // The frame drawn as the resize arrives was laid out for the old size; the next one must fit.
      if (i < since + 2) continue;
      const lines = frame.replace(/\n$/, '').split('\n').length;
      if (lines >= rows) report.tallFrames.push(`${rows} rows: a frame of ${lines} lines:\n${frame}`);
      if (/^\s*ERROR\s/m.test(frame) || /\n\s+-\s+\S+:\d+:\d+/.test(frame)) report.renderErrors.push(frame);
    }
    report.frames += instance.frames.length;
  };

  const send = (data: string) => {
    app.stdin.write(data);
    report.keys++;
  };

  try {
    while (report.keys < options.keys) {
      const roll = r.int(100);
      if (roll < 45) send(PRINTABLE[r.int(PRINTABLE.length)]!);
      else if (roll < 70) send(pick(SPECIAL));
      else if (roll < 77) send(pick(CTRL));
      else if (roll < 81) send(pick(ODD_SEQUENCES));
      else if (roll < 85) send(pick(PASTES)); // one chunk: a paste
      else if (roll < 91) {
        // A command typed key by key, then run.
        for (const key of [':', ...pick(COMMANDS).split(''), '\r']) {
          send(key);
          await delay(0);
        }
      } else if (roll < 94) {
        // Some sequences that do things: select, act, answer.
        for (const key of pick([['j', 'd'], ['j', 'y', 'x'], ['\r', '\r', 'l'], ['s', '5', '\r'], ['\u0004', 'y'], ['w'], ['e'], ['`', '~', '~'], ['R', 'y'], ['F'], ['/', 'w', 'e', 'b', '\r', '\u001B']])) {
          send(key);
          await delay(0);
        }
      } else if (roll < 96) {
        if (size.rows === 5) resize(100, 30);
        else resize(...pick([[20, 5], [20, 5], [80, 24], [40, 10], [200, 60], [30, 6]] as Array<[number, number]>));
      } else if (roll < 97) {
        // Quit now and then (ctrl-c), and come back: the app must let go cleanly every time.
        send('\u0003');
      } else send(String.fromCharCode(32 + r.int(95)).repeat(1 + r.int(3)));
      await delay(0);

      if (quitRequested || restarted) {
        if (quitRequested) report.quits++;
        quitRequested = false;
        restarted = false;
        await delay(5);
        checkFrames(app, sizes);
        app.unmount();
        app = mount();
        // A fresh ink-testing-library stdout has no rows: the first frame is laid out for 100x30.
        sizes.length = 0;
        sizes.push({ from: 0, columns: 100, rows: 30 });
        resize(size.columns, size.rows);
        report.resizes--;
        await delay(10);
      }
      if (report.keys % 500 < 1) {
        options.onProgress?.(report.keys);
        if (options.invariantEvery && report.keys % options.invariantEvery === 0) report.violations.push(...checkInvariants(cluster));
      }
    }
    await delay(50);
    checkFrames(app, sizes);
  } finally {
    driver.stop();
    app.unmount();
    unsubscribe();
    restoreEditor();
    process.off('uncaughtException', onUncaught);
  }
  for (const c of clusters) {
    report.clusterErrors.push(...internalErrors(c));
    report.violations.push(...checkInvariants(c));
    report.simulatedSeconds += c.clock.elapsedSeconds();
  }
  return report;
}
