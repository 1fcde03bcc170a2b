// A Scenario file → a ScenarioDocument, or every problem at once (ManifestErrors), each located at
// file:line:column like a bad manifest: the scenario's own fields, the manifests it names, and the
// objects its steps target.
import { dirname } from 'node:path';
import { isDNS1123Subdomain } from '../api/validation/names.js';
import { ManifestError, ManifestErrors } from '../manifests/errors.js';
import { parseManifestText } from '../manifests/parse.js';
import { listManifestFiles, readManifestFile } from '../manifests/sources.js';
import { checkTargets } from './checkTargets.js';
import { isRecord, ParseContext, rejectUnknownFields, stringList } from './parseContext.js';
import { parseNodes } from './parseNodes.js';
import { parseSteps } from './parseSteps.js';
import { SCENARIO_API_VERSION, SCENARIO_KIND, type ScenarioDocument } from './types.js';

export interface LoadedScenario {
  scenario: ScenarioDocument;
  /** Legacy apiVersions converted in its manifests, and the like. */
  warnings: string[];
}

/** Reads and checks a scenario file; throws ManifestErrors listing every problem. */
export function loadScenarioFile(path: string): LoadedScenario {
  let text: string;
  try {
    const [file] = listManifestFiles(path);
    if (file !== path) throw new ManifestError(undefined, undefined, `${path}: a scenario is one file, not a directory`);
    text = readManifestFile(path).text;
  } catch (error) {
    if (error instanceof ManifestError) throw new ManifestErrors([error]);
    throw error;
  }
  return parseScenarioText(text, path, dirname(path));
}

/** Parses scenario text; manifest paths in it are relative to `baseDir`. */
export function parseScenarioText(text: string, file: string, baseDir: string): LoadedScenario {
  let documents;
  try {
    documents = parseManifestText(text, file);
  } catch (error) {
    if (error instanceof ManifestError) throw new ManifestErrors([error]);
    throw error;
  }
  if (documents.length !== 1) {
    const where = documents[1]?.location ?? { file, line: 1, column: 1 };
    throw new ManifestErrors([
      new ManifestError(where, undefined, documents.length ? 'a scenario file holds one Scenario document; put manifests in their own files and list them under spec.manifests' : 'the file is empty: a scenario starts with apiVersion: kubesim.dev/v1 and kind: Scenario'),
    ]);
  }
  const [document] = documents;
  const raw = document.object;
  const name = isRecord(raw.metadata) && typeof raw.metadata.name === 'string' ? raw.metadata.name : '(no name)';
  const ctx = new ParseContext(document, baseDir, `Scenario ${name}`);
  const scenario = readDocument(ctx, raw, file);
  if (ctx.problems.length || !scenario) throw new ManifestErrors(ctx.problems);
  return { scenario, warnings: ctx.warnings };
}

function readDocument(ctx: ParseContext, raw: Record<string, unknown>, file: string): ScenarioDocument | undefined {
  if (raw.kind !== SCENARIO_KIND) {
    ctx.fail('kind', `Invalid value: ${JSON.stringify(raw.kind)}: a scenario file has kind: ${SCENARIO_KIND} (manifests go in their own files, listed under spec.manifests)`);
    return undefined;
  }
  if (raw.apiVersion !== SCENARIO_API_VERSION) ctx.fail('apiVersion', `Unsupported value: ${JSON.stringify(raw.apiVersion)}: supported values: "${SCENARIO_API_VERSION}"`);
  rejectUnknownFields(ctx, '', raw, ['apiVersion', 'kind', 'metadata', 'spec']);

  const metadata = isRecord(raw.metadata) ? raw.metadata : undefined;
  if (!metadata) ctx.fail('metadata', 'Required value: metadata.name names the scenario');
  const name = typeof metadata?.name === 'string' ? metadata.name : '';
  if (metadata && !name) ctx.fail('metadata.name', 'Required value: the scenario needs a name');
  else if (name && isDNS1123Subdomain(name).length) ctx.fail('metadata.name', `Invalid value: "${name}": ${isDNS1123Subdomain(name).join(', ')}`);
  if (metadata) rejectUnknownFields(ctx, 'metadata', metadata, ['name', 'annotations', 'labels']);
  const annotations = metadata?.annotations;
  if (annotations !== undefined && (!isRecord(annotations) || Object.values(annotations).some((v) => typeof v !== 'string'))) {
    ctx.fail('metadata.annotations', 'must be a map of keys to string values');
  }
  const description = isRecord(annotations) && typeof annotations.description === 'string' ? annotations.description.trim() : '';

  const spec = raw.spec;
  if (spec !== undefined && !isRecord(spec)) {
    ctx.fail('spec', 'must be a mapping with nodes, manifests and steps');
    return undefined;
  }
  const s = spec ?? {};
  rejectUnknownFields(ctx, 'spec', s, ['nodes', 'manifests', 'steps']);
  const nodes = parseNodes(ctx, s.nodes);
  const files = s.manifests === undefined ? [] : (stringList(ctx, 'spec.manifests', s.manifests, 'a manifest file or directory') ?? []);
  const manifests = files.length ? ctx.loadFiles('spec.manifests', files) : [];
  const steps = parseSteps(ctx, s.steps);
  // Unknown targets are only certain when every manifest was read.
  if (!ctx.manifestsIncomplete) checkTargets(ctx, manifests, steps, nodes);
  return { name, description, source: file, nodes, initial: { files, manifests }, steps };
}
