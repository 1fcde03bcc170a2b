// Column alignment as kubectl's describe output gets it from Go's text/tabwriter (minwidth 0,
// padding 2, padded with spaces): a cell is text ended by a tab; consecutive lines that have a cell
// in the same column form a block whose cells are padded to the block's widest cell plus two. A line
// without that column ends the block, which is why `Name:`/`Namespace:` align with each other but
// not with the container fields under `Containers:`.

const PADDING = 2;

/** Aligns tab-separated text into lines (trailing spaces removed). */
export function tabulate(text: string, padding = PADDING): string[] {
  const raw = text.endsWith('\n') ? text.slice(0, -1) : text;
  if (!raw) return [];
  const cells = raw.split('\n').map((line) => line.split('\t'));
  const out: string[] = new Array(cells.length);
  const widths: number[] = [];

  const writeLines = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const line = cells[i];
      let text = '';
      for (let j = 0; j < line.length; j++) text += j < widths.length ? line[j].padEnd(widths[j]) : line[j];
      out[i] = text.trimEnd();
    }
  };

  // Go's Writer.format: find each block of lines with a cell in this column, size the column,
  // then format the columns to its right within the block.
  const format = (line0: number, line1: number) => {
    const column = widths.length;
    let start = line0;
    for (let t = line0; t < line1; t++) {
      if (column >= cells[t].length - 1) continue;
      writeLines(start, t);
      start = t;
      let width = 0;
      for (; t < line1 && column < cells[t].length - 1; t++) width = Math.max(width, cells[t][column].length + padding);
      widths.push(width);
      format(start, t);
      widths.pop();
      start = t;
    }
    writeLines(start, line1);
  };

  format(0, cells.length);
  return out;
}
