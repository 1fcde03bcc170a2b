// Typed table cells and columns, shared by the CLI tables and the dashboard: renderers turn objects
// into cells once per object version; sorting uses the typed value, never the display text.

export type Health = 'ok' | 'pending' | 'warning' | 'error' | 'muted';

export interface Cell {
  /** Display text. For `since` cells this is filled in at render time. */
  text: string;
  /** What sorting compares: a number for counts, quantities and times; text otherwise. */
  sort?: number | string;
  /** Epoch ms for AGE-like cells: rendered relative to the simulated now, every frame. */
  since?: number;
}

export interface Column {
  name: string;
  /** Shown only in wide mode (`-o wide`, ctrl-w). */
  wide?: boolean;
  align?: 'left' | 'right';
  /** A time column: excluded from change markers, rendered from `since`. */
  time?: boolean;
}

export const text = (value: string | number | undefined | null, sort?: number | string): Cell => ({
  text: value === undefined || value === null || value === '' ? '<none>' : String(value),
  sort,
});

export const plain = (value: string): Cell => ({ text: value });

export const num = (value: number): Cell => ({ text: String(value), sort: value });

/** An age cell; `absent` is what kubectl prints when there is no time (`<unknown>`, or `<none>`). */
export const since = (timestamp: string | undefined, absent = '<unknown>'): Cell => {
  const ms = timestamp ? Date.parse(timestamp) : Number.NaN;
  return Number.isNaN(ms) ? { text: timestamp ? '<unknown>' : absent } : { text: '', since: ms, sort: ms };
};
