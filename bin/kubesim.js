#!/usr/bin/env node
// Entry shim: honour NO_COLOR before any colour library loads (Ink and chalk read FORCE_COLOR only),
// then load the TypeScript sources (bundled once per change of the sources, or through tsx: launch.js).
if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') process.env.FORCE_COLOR = '0';
// React's production build: the development one checks and times every render, which costs a
// dashboard frame several milliseconds.
process.env.NODE_ENV ??= 'production';
const { loadMain } = await import('./launch.js');
const main = await loadMain();
process.exitCode = await main(process.argv.slice(2));
