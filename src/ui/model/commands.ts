// The `:` command line: every kind by any of its names (`:po`, `:pods`, `:deploy`), with an optional
// namespace or label selector (`:pod kube-system`, `:pod app=web`), plus kubesim's own views.
import { allAliases, isNamespaced, resolveKind } from '../../api/kinds.js';
import { resourcePage, type Page } from './pages.js';

export type CommandResult =
  | { type: 'page'; page: Page }
  | { type: 'namespace'; namespace: string | undefined }
  | { type: 'quit' }
  | { type: 'error'; message: string };

/** Views that are not kinds, with their aliases (k9s's where it has them). */
const SPECIAL: Record<string, string> = {
  decisions: 'decisions',
  decision: 'decisions',
  dec: 'decisions',
  log: 'decisions',
  xray: 'xray',
  x: 'xray',
  pulse: 'pulse',
  pu: 'pulse',
  hz: 'pulse',
  can: 'can',
  help: 'help',
  h: 'help',
  '?': 'help',
  timeline: 'timeline',
  tl: 'timeline',
  q: 'quit',
  'q!': 'quit',
  qa: 'quit',
  Q: 'quit',
  quit: 'quit',
  exit: 'quit',
};

export function commandWords(): string[] {
  return [...new Set([...allAliases(), ...Object.keys(SPECIAL)])].sort();
}

/** The first known word that extends what was typed, for the inline suggestion and Tab. */
export function suggest(text: string): string | undefined {
  const trimmed = text.trimStart();
  if (!trimmed || trimmed.includes(' ')) return undefined;
  const words = commandWords();
  return words.find((w) => w.startsWith(trimmed) && w !== trimmed);
}

export function parseCommand(text: string, activeNamespace: string | undefined): CommandResult {
  const [word, ...args] = text.trim().split(/\s+/);
  if (!word) return { type: 'error', message: 'type a resource (e.g. pods, deploy, svc) or a view (decisions, xray, pulse)' };
  const special = SPECIAL[word] ?? SPECIAL[word.toLowerCase()];
  if (special === 'quit') return { type: 'quit' };
  if (special === 'decisions') return { type: 'page', page: { type: 'decisions', component: args[0], filter: '', selectedFromEnd: 0 } };
  if (special === 'help') return { type: 'page', page: { type: 'help', scroll: 0 } };
  if (special === 'pulse') return { type: 'page', page: { type: 'pulse', scroll: 0 } };
  if (special === 'timeline') return { type: 'page', page: { type: 'timeline', scroll: 0 } };
  if (special === 'can') {
    if (!args[0]) return { type: 'error', message: 'usage: :can SUBJECT (e.g. :can jane, :can g:developers, :can s:default:builder)' };
    return { type: 'page', page: { type: 'can', subject: args[0], selected: 0 } };
  }
  if (special === 'xray') {
    const kind = resolveKind(args[0] ?? 'deploy');
    if (!kind) return { type: 'error', message: `xray: unknown kind "${args[0]}"; try :xray deploy, :xray sts, :xray svc` };
    return { type: 'page', page: { type: 'xray', kind: kind.kind, namespace: args[1] ?? activeNamespace, selected: 0 } };
  }
  const kind = resolveKind(word);
  if (!kind) {
    const near = suggest(word.slice(0, 2));
    return { type: 'error', message: `unknown command "${word}"${near ? `; did you mean :${near}?` : ''}` };
  }
  if (kind.kind === 'Namespace' && args[0]) return { type: 'namespace', namespace: args[0] === 'all' ? undefined : args[0] };
  let namespace = activeNamespace;
  let labelSelector: string | undefined;
  for (const arg of args) {
    if (arg.includes('=') || arg.startsWith('!')) labelSelector = arg;
    else if (arg === 'all' || arg === '-A') namespace = undefined;
    else namespace = arg;
  }
  return {
    type: 'page',
    page: resourcePage(kind.kind, isNamespaced(kind.kind) ? namespace : undefined, labelSelector ? { labelSelector, scopeLabel: labelSelector } : {}),
  };
}
