// The parts many Events have in common, built once and shared: stored objects are never changed in
// place (a write stores a new copy), so Events can point at one object instead of holding copies.
// - `source`: one object per component and host.
// - `involvedObject`: one per version of an object and field path. The kubelet's Pulling, Pulled,
//   Created and Started of a container, and a node's start-up events, name the same version.
// - texts (messages, field paths): one flat copy of each recent one. A text built with `+` or a
//   template is a rope that keeps its pieces; `Started container web` is said by every pod.
import type { KObject } from '../api/object.js';
import type { Event } from '../api/types.js';
import { BoundedCache } from '../util/boundedCache.js';
import { FlatTexts } from '../util/flatTexts.js';

export interface EventSource {
  component: string;
  host?: string;
}

type Source = Event['source'];
type Reference = Event['involvedObject'];

export interface SharedSource {
  /** `component` or `component\0host`: the source part of the recorder's cache keys. */
  id: string;
  object: Source;
}

/** How many objects' references and texts are kept; beyond it the table starts again. */
const LIMIT = 16384;

export class SharedEventParts {
  /** component → host ('' for none) → the shared source. */
  private readonly sources = new Map<string, Map<string, SharedSource>>();
  /** uid → the latest reference built for each field path of that object. */
  private readonly references = new BoundedCache<string, Reference[]>(LIMIT);
  private readonly texts = new FlatTexts(LIMIT);

  source(source: EventSource): SharedSource {
    let hosts = this.sources.get(source.component);
    if (!hosts) this.sources.set(source.component, (hosts = new Map()));
    const host = source.host ?? '';
    let shared = hosts.get(host);
    if (!shared) {
      shared = source.host
        ? { id: `${source.component}\0${source.host}`, object: { component: source.component, host: source.host } }
        : { id: source.component, object: { component: source.component } };
      hosts.set(host, shared);
    }
    return shared;
  }

  /** `involvedObject` for an event about this version of `object` (and a container of it). */
  reference(object: KObject, fieldPath: string | undefined): Reference {
    const meta = object.metadata;
    const uid = meta.uid;
    const known = uid ? this.references.get(uid) : undefined;
    if (known) {
      for (const ref of known) {
        if (ref.fieldPath === fieldPath && ref.resourceVersion === meta.resourceVersion && ref.name === meta.name && ref.namespace === meta.namespace && ref.kind === object.kind && ref.apiVersion === object.apiVersion) return ref;
      }
    }
    // Two literals, so that every reference has one of two shapes with its fields in the object.
    const ref: Reference = fieldPath
      ? { kind: object.kind, namespace: meta.namespace, name: meta.name, uid, apiVersion: object.apiVersion, resourceVersion: meta.resourceVersion, fieldPath: this.text(fieldPath) }
      : { kind: object.kind, namespace: meta.namespace, name: meta.name, uid, apiVersion: object.apiVersion, resourceVersion: meta.resourceVersion };
    if (!uid) return ref;
    if (known) {
      const same = known.findIndex((r) => r.fieldPath === ref.fieldPath);
      if (same >= 0) known[same] = ref;
      else known.push(ref);
    } else {
      this.references.set(uid, [ref]);
    }
    return ref;
  }

  /** One flat copy of a text that recent Events share. */
  text(text: string): string {
    return this.texts.get(text);
  }

}
