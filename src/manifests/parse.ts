// YAML and JSON text → plain objects, each remembering where it came from so that errors can name
// the file, line and column of the very field that was wrong.
import { Composer, isAlias, isCollection, isMap, isScalar, isSeq, Lexer, LineCounter, Parser, type CST, type Document, type Node as YamlNode } from 'yaml';
import { ManifestError, type SourceLocation } from './errors.js';
import { MAX_NESTING_DEPTH, tooDeepToken, valueTooDeep } from './nesting.js';

/** Alias expansion limit: a "billion laughs" document stops here instead of eating the machine. */
export const MAX_ALIAS_COUNT = 1000;
/** The apiserver refuses request bodies over 3 MiB; a single manifest document may not exceed it. */
export const MAX_DOCUMENT_BYTES = 3 * 1024 * 1024;
/** Documents read from one file or text: thousands are fine; 100,000 empty ones only cost time. */
export const MAX_DOCUMENTS = 10_000;
/**
 * YAML tokens in one document, and in one file. The YAML reader takes about 2 µs a token: a 1 MB
 * list of numbers is a million tokens and two seconds, while a Deployment is a few hundred. So one
 * document is read in well under a second; a file of many stays within a few.
 */
export const MAX_DOCUMENT_TOKENS = 400_000;
export const MAX_FILE_TOKENS = 2_000_000;

export interface ParsedDocument {
  object: Record<string, unknown>;
  location: SourceLocation;
  /** Finds the line and column of a field path such as `spec.template.spec.containers[0].image`. */
  locate(fieldPath: string): SourceLocation;
}

/**
 * Options for the YAML composer: Go's YAML reader takes `<<` merge keys. Duplicate keys are refused
 * too, but by findKeyProblem: the composer's own check compares every key with every other one,
 * which takes seconds on a ConfigMap with 40,000 keys.
 */
const COMPOSE_OPTIONS = { uniqueKeys: false, strict: true, merge: true, resolveKnownTags: false } as const;

/** The composer's first complaint, thrown to stop it (garbage input would make thousands). */
class FirstYamlError {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

export function parseManifestText(text: string, file: string): ParsedDocument[] {
  const lines = new LineCounter();
  const at = (offset: number): SourceLocation => {
    const pos = lines.linePos(offset);
    return { file, line: pos.line, column: pos.col };
  };
  refuseOversizedDocuments(text, file);
  const out: ParsedDocument[] = [];
  for (const doc of composeDocuments(text, lines, at)) {
    const problem = doc.errors[0];
    if (problem) throw new ManifestError(at(problem.pos[0]), undefined, `invalid YAML: ${firstLine(problem.message)}`);
    if (!doc.contents) continue; // an empty document between `---` lines
    const [start] = doc.contents.range;
    const keyProblem = findKeyProblem(doc.contents);
    if (keyProblem) throw new ManifestError(at(keyProblem.node.range?.[0] ?? start), undefined, `invalid YAML: ${keyProblem.message}`);
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const detail = /Excessive alias count/i.test(message)
        ? `YAML aliases expand too far (more than ${MAX_ALIAS_COUNT} alias expansions): the document looks like an alias bomb and was not read`
        : `invalid YAML: ${firstLine(message)}`;
      throw new ManifestError(at(start), undefined, detail);
    }
    if (valueTooDeep(value)) throw new ManifestError(at(start), undefined, tooDeepMessage('once its aliases are expanded'));
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value))
      throw new ManifestError(at(start), undefined, 'a manifest document must be a mapping with apiVersion, kind and metadata');
    const object = value as Record<string, unknown>;
    if (object.kind === 'List' || (typeof object.kind === 'string' && object.kind.endsWith('List') && Array.isArray(object.items))) {
      out.push(...listItems(doc, object, at));
      continue;
    }
    out.push(documentAt(doc.contents, object, at));
  }
  return out;
}

/**
 * Parses and composes the documents, refusing one that nests too deep before the (recursive) composer
 * sees it. The parser works without recursion and feeds the line counter as it goes.
 */
function composeDocuments(text: string, lines: LineCounter, at: (offset: number) => SourceLocation): Document.Parsed[] {
  const parser = new Parser(lines.addNewLine);
  const composer = new Composer(COMPOSE_OPTIONS);
  // yaml 2.x reports every problem through this one callback (warnings too, which are ignored).
  const hook = composer as unknown as { onError?: (source: unknown, code: string, message: string, warning?: boolean) => void };
  let first: FirstYamlError | undefined;
  if (hook.onError) {
    hook.onError = (source, _code, message, warning) => {
      if (warning) return;
      // The composer catches what a collection throws and reports it again: keep the first.
      first ??= new FirstYamlError(errorOffset(source), message);
      throw first;
    };
  }
  const complete = (token: CST.Token) => {
    const deep = tooDeepToken(token);
    if (deep !== undefined) throw new ManifestError(at(deep), undefined, tooDeepMessage());
    return token;
  };
  // What Parser.parse does, with a look at the parser's stack after each lexeme: a document
  // 100,000 levels deep is stopped at once instead of being parsed whole first.
  function* checked(): Generator<CST.Token> {
    lines.addNewLine(0);
    let tokens = 0;
    let inDocument = 0;
    for (const lexeme of new Lexer().lex(text)) {
      if (++inDocument > MAX_DOCUMENT_TOKENS)
        throw new ManifestError(at(parser.offset), undefined, `the document is too big to read: more than ${MAX_DOCUMENT_TOKENS} YAML tokens (kubesim reads at most ${MAX_DOCUMENT_TOKENS} in one object)`);
      if (++tokens > MAX_FILE_TOKENS)
        throw new ManifestError(at(parser.offset), undefined, `too much YAML in one file: more than ${MAX_FILE_TOKENS} tokens (kubesim reads at most ${MAX_FILE_TOKENS} from one file; split it into several)`);
      for (const token of parser.next(lexeme)) {
        if (token.type === 'document') inDocument = 0;
        yield complete(token);
        // Only the first problem is reported: stop before garbage makes thousands more.
        if (token.type === 'error') return;
      }
      if (parser.stack.length > PARSER_STACK_LIMIT) throw new ManifestError(at(parser.offset), undefined, tooDeepMessage());
    }
    for (const token of parser.end()) yield complete(token);
  }
  try {
    return Array.from(composer.compose(checked()));
  } catch (error) {
    if (first) throw new ManifestError(at(first.offset), undefined, `invalid YAML: ${firstLine(first.message)}`);
    throw error;
  }
}

/** Where the composer says a problem is: an offset, a [start, end] range, or a token. */
function errorOffset(source: unknown): number {
  if (typeof source === 'number') return source;
  if (Array.isArray(source)) return Number(source[0]) || 0;
  return Number((source as { offset?: number } | null)?.offset) || 0;
}

/** The parser keeps one entry per open collection (and a few for the document): well past any legal depth. */
const PARSER_STACK_LIMIT = MAX_NESTING_DEPTH + 8;

function tooDeepMessage(when = ''): string {
  return `the document nests too deep${when ? ` ${when}` : ''}: lists and mappings may nest at most ${MAX_NESTING_DEPTH} levels`;
}

/**
 * Refuses a document over MAX_DOCUMENT_BYTES, or more than MAX_DOCUMENTS documents, before parsing:
 * parsing 10 MB only to refuse it costs seconds and hundreds of megabytes. A line starting with `---`
 * or `...` always ends a YAML document (no scalar may contain one), so cutting the text there is exact.
 */
function refuseOversizedDocuments(text: string, file: string): void {
  // Even 3 bytes per character fits, and there is no room for that many documents: nothing to scan.
  if (text.length <= MAX_DOCUMENT_BYTES / 3 && text.length < 4 * MAX_DOCUMENTS) return;
  const marker = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;
  let start = 0;
  let line = 1;
  const check = (end: number) => {
    const length = end - start;
    if (length > MAX_DOCUMENT_BYTES / 3) {
      const bytes = Buffer.byteLength(text.slice(start, end));
      if (bytes > MAX_DOCUMENT_BYTES)
        throw new ManifestError({ file, line, column: 1 }, undefined, `document is ${bytes} bytes; the API server accepts at most ${MAX_DOCUMENT_BYTES} bytes per object`);
    }
  };
  let documents = 1;
  for (let m = marker.exec(text); m; m = marker.exec(text)) {
    check(m.index);
    line += countLines(text, start, m.index);
    start = m.index;
    if (m[0] === '---' && ++documents > MAX_DOCUMENTS + 1)
      throw new ManifestError({ file, line, column: 1 }, undefined, `the file holds more than ${MAX_DOCUMENTS} YAML documents; kubesim reads at most ${MAX_DOCUMENTS} from one file (split it into several)`);
  }
  check(text.length);
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * A mapping key that is itself a list or a mapping (`? [a, b] : c`: Kubernetes objects have none),
 * or a key given twice in one mapping. Keys compare as the text they become in JSON, as Go's
 * reader compares them: `1` and `"1"` are the same key.
 */
function findKeyProblem(root: YamlNode): { node: YamlNode; message: string } | undefined {
  const stack: unknown[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = pair.key as YamlNode | null;
        if (isCollection(key)) return { node: key, message: 'a mapping key must be a string, not a list or a mapping' };
        const text = isScalar(key) ? String(key.value) : isAlias(key) ? `*${key.source}` : '';
        if (text !== '<<' && seen.has(text)) return { node: key ?? node, message: 'Map keys must be unique' };
        seen.add(text);
        stack.push(pair.value);
      }
    } else if (isSeq(node)) stack.push(...node.items);
  }
  return undefined;
}

function listItems(doc: Document, list: Record<string, unknown>, at: (offset: number) => SourceLocation): ParsedDocument[] {
  const items = list.items;
  const listLocation = at(doc.contents?.range?.[0] ?? 0);
  if (!Array.isArray(items)) throw new ManifestError(listLocation, 'List', 'items: Required value: a List needs an items array');
  const seq = doc.getIn(['items'], true) as YamlNode | undefined;
  return items.map((item, i) => {
    const node = isSeq(seq) ? (seq.items[i] as YamlNode) : undefined;
    if (item === null || typeof item !== 'object' || Array.isArray(item))
      throw new ManifestError(node?.range ? at(node.range[0]) : listLocation, 'List', `items[${i}]: must be an object`);
    return documentAt(node ?? (doc.contents as YamlNode), item as Record<string, unknown>, at);
  });
}

function documentAt(root: YamlNode, object: Record<string, unknown>, at: (offset: number) => SourceLocation): ParsedDocument {
  const location = at(root.range?.[0] ?? 0);
  return {
    object,
    location,
    locate(fieldPath: string): SourceLocation {
      const node = findNode(root, fieldPath);
      return node?.range ? at(node.range[0]) : location;
    },
  };
}

/**
 * Walks the YAML tree along an apiserver field path (`spec.containers[0].env[2].name`,
 * `metadata.labels.app.kubernetes.io/name`, `data[tls.key]`) and returns the deepest node reached.
 */
function findNode(root: YamlNode, fieldPath: string): YamlNode | undefined {
  let node: YamlNode | undefined = root;
  let rest = fieldPath;
  while (rest && node) {
    if (rest.startsWith('.')) rest = rest.slice(1);
    if (rest.startsWith('[')) {
      const close = rest.indexOf(']');
      if (close < 0) break;
      const inner = rest.slice(1, close);
      rest = rest.slice(close + 1);
      if (isSeq(node) && /^\d+$/.test(inner)) {
        const next = node.items[Number(inner)] as YamlNode | undefined;
        if (!next) break;
        node = next;
      } else if (isMap(node)) {
        const pair: { key: unknown; value: unknown } | undefined = node.items.find((p) => scalarKey(p.key) === inner);
        if (!pair) break;
        node = rest ? ((pair.value as YamlNode) ?? (pair.key as YamlNode)) : (pair.key as YamlNode);
      } else break;
      continue;
    }
    if (!isMap(node)) break;
    // Keys may contain dots (label keys): prefer the longest key that matches the path here.
    let best: { key: string; value: YamlNode; keyNode: YamlNode } | undefined;
    for (const pair of node.items) {
      const key = scalarKey(pair.key);
      if (key === undefined || !rest.startsWith(key)) continue;
      const after = rest[key.length];
      if (after !== undefined && after !== '.' && after !== '[') continue;
      if (!best || key.length > best.key.length) best = { key, value: (pair.value as YamlNode) ?? (pair.key as YamlNode), keyNode: pair.key as YamlNode };
    }
    if (!best) break;
    rest = rest.slice(best.key.length);
    // The last field of the path: point at its key, where the reader's eye goes.
    node = rest ? best.value : best.keyNode;
  }
  return node;
}

function scalarKey(key: unknown): string | undefined {
  if (key && typeof key === 'object' && 'value' in key) return String((key as { value: unknown }).value);
  return typeof key === 'string' ? key : undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
