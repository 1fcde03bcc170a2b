// Go's base64.StdEncoding decoder, for the one thing Node's lenient decoder cannot tell us: where
// Go would give up (`illegal base64 data at input byte 4`), as a Secret's `data` is decoded that way.

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const decodeMap = new Map([...alphabet].map((ch, i) => [ch, i]));

export type Base64Result = { bytes: number } | { error: string };

const corrupt = (at: number): Base64Result => ({ error: `illegal base64 data at input byte ${at}` });

/** The decoded length, or Go's CorruptInputError text. Newlines are skipped, as Go does. */
export function decodeGoBase64(src: string): Base64Result {
  let si = 0;
  let bytes = 0;
  const isNewline = (c: string | undefined) => c === '\n' || c === '\r';
  while (si < src.length) {
    // One quantum of up to four characters (decodeQuantum).
    let dlen = 4;
    let done = false;
    let j = 0;
    while (j < 4) {
      if (si === src.length) {
        if (j === 0) return { bytes };
        // Padding is mandatory in StdEncoding: a short final quantum is corrupt.
        return corrupt(si - j);
      }
      const ch = src[si]!;
      si++;
      if (decodeMap.has(ch)) {
        j++;
        continue;
      }
      if (isNewline(ch)) continue;
      if (ch !== '=') return corrupt(si - 1);
      // Padding: only after two or three data characters.
      if (j === 0 || j === 1) return corrupt(si - 1);
      if (j === 2) {
        while (si < src.length && isNewline(src[si])) si++;
        if (si === src.length) return corrupt(src.length);
        if (src[si] !== '=') return corrupt(si - 1);
        si++;
      }
      while (si < src.length && isNewline(src[si])) si++;
      if (si < src.length) return corrupt(si);
      dlen = j;
      done = true;
      break;
    }
    bytes += dlen - 1;
    if (done) return { bytes };
  }
  return { bytes };
}
