// Key overrides for keys a terminal multiplexer takes first (tmux's prefix is ctrl-b, screen's
// ctrl-a; some set ctrl-d or ctrl-f): `keys: {ctrl-b: ctrl-u}` in the preferences makes ctrl-u do
// what ctrl-b does. The dashboard translates a pressed replacement into the key it stands for before
// its handlers see it (outside text entry, where letters are just letters).

/** The parts of Ink's Key this needs. */
export interface KeyFlags {
  ctrl: boolean;
  meta: boolean;
  shift: boolean;
}

interface KeySpec {
  input: string;
  ctrl: boolean;
}

function parseSpec(spec: string): KeySpec | undefined {
  const ctrl = /^ctrl-([a-z])$/.exec(spec);
  if (ctrl) return { input: ctrl[1], ctrl: true };
  if (/^[!-~]$/.test(spec)) return { input: spec, ctrl: false };
  return undefined;
}

export interface KeyOverrides {
  /** The key the dashboard should see for this press (the press itself when it is not a replacement). */
  translate<K extends KeyFlags>(input: string, key: K): [string, K];
  /** `ctrl-u → ctrl-b`, for help and the status line. */
  describe(): string[];
  /** Problems with the configured overrides (ignored entries). */
  problems: string[];
}

export function keyOverrides(config: Record<string, string>): KeyOverrides {
  const problems: string[] = [];
  const byReplacement = new Map<string, { original: KeySpec; text: string }>();
  for (const [original, replacement] of Object.entries(config)) {
    const from = parseSpec(original);
    const to = parseSpec(replacement);
    if (!from || !from.ctrl) {
      problems.push(`keys.${original}: only ctrl keys can be rebound (e.g. ctrl-b)`);
      continue;
    }
    if (!to) {
      problems.push(`keys.${original}: "${replacement}" is not a key: use ctrl-LETTER or one character`);
      continue;
    }
    const id = `${to.ctrl ? 'ctrl-' : ''}${to.input}`;
    if (byReplacement.has(id)) {
      problems.push(`keys.${original}: ${replacement} already stands for ${byReplacement.get(id)!.text}`);
      continue;
    }
    byReplacement.set(id, { original: from, text: original });
  }
  return {
    problems,
    translate<K extends KeyFlags>(input: string, key: K): [string, K] {
      if (key.meta || !byReplacement.size) return [input, key];
      const hit = byReplacement.get(key.ctrl ? `ctrl-${input.toLowerCase()}` : input);
      if (!hit) return [input, key];
      return [hit.original.input, { ...key, ctrl: hit.original.ctrl, shift: false }];
    },
    describe(): string[] {
      return [...byReplacement.entries()].map(([replacement, { text }]) => `${replacement} → ${text}`);
    },
  };
}
