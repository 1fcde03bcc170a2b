// Generates src/api/schema/generated.json: the runtime schema of every kind kubesim serves, read from
// the kubernetes-types declarations with the TypeScript compiler API, so strict decoding and
// `explain` follow the same Kubernetes release as the static types the code compiles against.
//
// Run it after upgrading kubernetes-types (and commit the result):
//
//   node --import tsx scripts/gen-schema.ts
//
// Field types are written as compact strings, parsed again by src/api/schema/schema.ts:
//   string | integer | number | boolean | IntOrString | Quantity | Time | any
//   <module>.<Type>        an object of that type, e.g. core/v1.PodSpec
//   []T                    an array of T
//   map[string]T           a map from string to T
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { KINDS } from '../src/api/kinds.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const typesRoot = join(root, 'node_modules', 'kubernetes-types');
const outFile = join(root, 'src', 'api', 'schema', 'generated.json');

interface FieldOut {
  type: string;
  required?: true;
  description: string;
}
interface TypeOut {
  description: string;
  fields: Record<string, FieldOut>;
}

function declarationFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...declarationFiles(path));
    else if (entry.endsWith('.d.ts')) out.push(path);
  }
  return out.sort();
}

const program = ts.createProgram(declarationFiles(typesRoot), { noEmit: true, types: [], skipLibCheck: true });
const checker = program.getTypeChecker();

/** `core/v1` for node_modules/kubernetes-types/core/v1.d.ts: the module a declaration lives in. */
function moduleOf(node: ts.Node): string {
  return relative(typesRoot, node.getSourceFile().fileName).replace(/\\/g, '/').replace(/\.d\.ts$/, '');
}

/** kubernetes-types puts each group/version in `<first label of the group>/<version>`, core in `core/`. */
function moduleForApiVersion(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  if (slash < 0) return `core/${apiVersion}`;
  return `${apiVersion.slice(0, slash).split('.')[0]}/${apiVersion.slice(slash + 1)}`;
}

function findInterface(module: string, name: string): ts.InterfaceDeclaration {
  const file = program.getSourceFile(join(typesRoot, `${module}.d.ts`));
  if (!file) throw new Error(`kubernetes-types has no ${module}.d.ts`);
  for (const statement of file.statements) {
    if (ts.isInterfaceDeclaration(statement) && statement.name.text === name) return statement;
  }
  throw new Error(`${module}.d.ts declares no interface ${name}`);
}

/** The full doc comment, whitespace collapsed within paragraphs. */
function docOf(node: ts.Node & { name?: ts.Node }): string {
  const symbol = node.name ? checker.getSymbolAtLocation(node.name) : undefined;
  const text = symbol ? ts.displayPartsToString(symbol.getDocumentationComment(checker)) : '';
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
}

/**
 * The first sentence: ends at `. ` (or the end), except after abbreviations like `e.g.`. A one- or
 * two-word opener (`Required.`, `Deprecated.`, `Entrypoint array.`) says too little alone, so the
 * next sentence comes with it.
 */
function firstSentence(text: string): string {
  const paragraph = text.split('\n\n')[0] ?? '';
  const sentenceEnd = /[.!?](?=\s|$)/g;
  for (let m = sentenceEnd.exec(paragraph); m; m = sentenceEnd.exec(paragraph)) {
    const before = paragraph.slice(0, m.index + 1);
    if (/(?:\be\.g|\bi\.e|\bEx|\bvs)\.$/i.test(before)) continue;
    if (before.split(' ').length < 3) continue;
    return before;
  }
  return paragraph;
}

const types: Record<string, TypeOut> = {};
const pending: ts.InterfaceDeclaration[] = [];

function typeNameOf(decl: ts.InterfaceDeclaration): string {
  return `${moduleOf(decl)}.${decl.name.text}`;
}

/** Queues an interface for output (once) and returns its schema name. */
function reach(decl: ts.InterfaceDeclaration): string {
  const name = typeNameOf(decl);
  if (!(name in types)) {
    types[name] = { description: docOf(decl), fields: {} };
    pending.push(decl);
  }
  return name;
}

function resolveReference(node: ts.TypeReferenceNode): ts.Declaration {
  let symbol = checker.getSymbolAtLocation(node.typeName);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const decl = symbol?.declarations?.[0];
  if (!decl) throw new Error(`cannot resolve ${node.getText()} in ${moduleOf(node)}`);
  return decl;
}

// Kubernetes serialises these named aliases specially, so the schema keeps their names.
const namedAliases: Record<string, string> = {
  'api/resource.Quantity': 'Quantity',
  'meta/v1.Time': 'Time',
  'meta/v1.MicroTime': 'Time',
};

function typeString(node: ts.TypeNode, where: string): string {
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return 'string';
    // The built-in API groups in scope have no floating-point fields (API conventions steer away from
    // floats), and kubernetes-types writes int32 and int64 alike as `number`: so `number` means integer.
    case ts.SyntaxKind.NumberKeyword:
      return 'integer';
    case ts.SyntaxKind.BooleanKeyword:
      return 'boolean';
    case ts.SyntaxKind.AnyKeyword:
    case ts.SyntaxKind.UnknownKeyword:
      return 'any';
  }
  // `apiVersion?: "apps/v1"`, `kind?: "Deployment"`: a constant, but a string on the wire.
  if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) return 'string';
  if (ts.isArrayTypeNode(node)) return `[]${typeString(node.elementType, where)}`;
  if (ts.isUnionTypeNode(node)) {
    const members = node.types.map((t) => typeString(t, where)).sort();
    // kubernetes-types inlines intstr.IntOrString as `number | string`.
    if (members.join('|') === 'integer|string') return 'IntOrString';
    if (members.every((m) => m === 'string')) return 'string';
    throw new Error(`${where}: unsupported union ${node.getText()}`);
  }
  if (ts.isTypeLiteralNode(node)) {
    const index = node.members.find(ts.isIndexSignatureDeclaration);
    if (index && node.members.length === 1 && index.type) return `map[string]${typeString(index.type, where)}`;
    throw new Error(`${where}: unsupported inline type ${node.getText()}`);
  }
  if (ts.isTypeReferenceNode(node)) {
    if (ts.isIdentifier(node.typeName) && node.typeName.text === 'Array' && node.typeArguments?.length === 1) {
      return `[]${typeString(node.typeArguments[0]!, where)}`;
    }
    const decl = resolveReference(node);
    if (ts.isTypeAliasDeclaration(decl)) {
      return namedAliases[`${moduleOf(decl)}.${decl.name.text}`] ?? typeString(decl.type, where);
    }
    if (ts.isInterfaceDeclaration(decl)) {
      // Empty interfaces (RawExtension, FieldsV1) hold free-form JSON.
      return decl.members.length === 0 ? 'any' : reach(decl);
    }
  }
  throw new Error(`${where}: unsupported type ${node.getText()}`);
}

function describeInterface(decl: ts.InterfaceDeclaration): void {
  const name = typeNameOf(decl);
  const fields = types[name]!.fields;
  for (const member of decl.members) {
    if (!ts.isPropertySignature(member) || !member.type) {
      throw new Error(`${name}: unsupported member ${member.getText()}`);
    }
    const field = member.name.getText().replace(/^"|"$/g, '');
    const out: FieldOut = { type: typeString(member.type, `${name}.${field}`), description: firstSentence(docOf(member)) };
    if (!member.questionToken) out.required = true;
    // Key order: type, required, description — reads well in the file.
    fields[field] = out.required ? { type: out.type, required: true, description: out.description } : out;
  }
}

const kinds: Record<string, string> = {};
for (const info of KINDS) kinds[info.kind] = reach(findInterface(moduleForApiVersion(info.apiVersion), info.kind));
for (let decl = pending.shift(); decl; decl = pending.shift()) describeInterface(decl);

const sortedTypes = Object.fromEntries(Object.entries(types).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
const typesVersion = (JSON.parse(readFileSync(join(typesRoot, 'package.json'), 'utf8')) as { version: string }).version;

// One line per field keeps the file diffable when kubernetes-types is upgraded.
const lines: string[] = ['{'];
lines.push(` "source": ${JSON.stringify(`kubernetes-types ${typesVersion}`)},`);
lines.push(` "kinds": ${JSON.stringify(kinds)},`);
lines.push(' "types": {');
const typeEntries = Object.entries(sortedTypes);
typeEntries.forEach(([typeName, type], i) => {
  lines.push(`  ${JSON.stringify(typeName)}: {`);
  lines.push(`   "description": ${JSON.stringify(type.description)},`);
  lines.push('   "fields": {');
  const fieldEntries = Object.entries(type.fields);
  fieldEntries.forEach(([field, schema], j) => {
    lines.push(`    ${JSON.stringify(field)}: ${JSON.stringify(schema)}${j < fieldEntries.length - 1 ? ',' : ''}`);
  });
  lines.push('   }');
  lines.push(`  }${i < typeEntries.length - 1 ? ',' : ''}`);
});
lines.push(' }');
lines.push('}');
const json = `${lines.join('\n')}\n`;
JSON.parse(json); // the hand-built layout must still be valid JSON
writeFileSync(outFile, json);
console.log(`wrote ${relative(root, outFile)}: ${typeEntries.length} types, ${Object.keys(kinds).length} kinds, ${json.length} bytes`);
