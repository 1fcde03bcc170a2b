// `kubectl describe` for Secrets and ConfigMaps. Secret values stay hidden (`password: 12 bytes`,
// as kubectl prints them) unless the reader asked to decode them.
import type { ConfigMap, Secret } from '../../api/types.js';
import type { Describer } from './context.js';
import { writeAnnotations, writeLabels } from './fields.js';
import { LEVEL_0 } from './prefixWriter.js';

/** Bytes of a base64 value: what `len(data[key])` is once the API server decoded it. */
export function decodedBytes(base64: string): Buffer {
  return Buffer.from(base64, 'base64');
}

export const describeSecret: Describer<Secret> = (w, secret, ctx) => {
  w.write(LEVEL_0, `Name:\t${secret.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${secret.metadata.namespace}\n`);
  writeLabels(w, 'Labels', secret.metadata.labels);
  writeAnnotations(w, 'Annotations', secret.metadata.annotations);
  w.write(LEVEL_0, `\nType:\t${secret.type ?? 'Opaque'}\n`);
  w.write(LEVEL_0, '\nData\n====\n');
  const data = secret.data ?? {};
  for (const key of Object.keys(data).sort()) {
    const bytes = decodedBytes(data[key]);
    // kubectl prints a service account's token in clear; kubesim masks every value unless decoded.
    w.write(LEVEL_0, ctx.decoded ? `${key}:\t${bytes.toString('utf8')}\n` : `${key}:\t${bytes.length} bytes\n`);
  }
};

export const describeConfigMap: Describer<ConfigMap> = (w, cm) => {
  w.write(LEVEL_0, `Name:\t${cm.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${cm.metadata.namespace}\n`);
  writeLabels(w, 'Labels', cm.metadata.labels);
  writeAnnotations(w, 'Annotations', cm.metadata.annotations);
  w.write(LEVEL_0, '\nData\n====\n');
  const data = cm.data ?? {};
  for (const key of Object.keys(data).sort()) {
    w.write(LEVEL_0, `${key}:\n----\n`);
    w.write(LEVEL_0, `${data[key]}\n`);
    w.write(LEVEL_0, '\n');
  }
  w.write(LEVEL_0, '\nBinaryData\n====\n');
  for (const key of Object.keys(cm.binaryData ?? {}).sort()) w.write(LEVEL_0, `${key}: ${decodedBytes(cm.binaryData![key]).length} bytes\n`);
  w.write(LEVEL_0, '\n');
};
