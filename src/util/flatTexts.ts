// One flat copy of each recent text many objects keep (an Event's message, a program's summary). A
// text built with `+` or a template is a rope that keeps its pieces (and a slice keeps its parent):
// the copy kept here is one flat string, shared by every holder of an equal text.
import { BoundedCache } from './boundedCache.js';

export class FlatTexts {
  private readonly texts: BoundedCache<string, string>;

  constructor(limit: number) {
    this.texts = new BoundedCache(limit);
  }

  get(text: string): string {
    const hit = this.texts.get(text);
    if (hit !== undefined) return hit;
    // Short strings are always flat; a longer one is copied out through a buffer.
    const flat = text.length > 12 ? Buffer.from(text, 'utf8').toString('utf8') : text;
    return this.texts.set(flat, flat);
  }
}
