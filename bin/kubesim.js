#!/usr/bin/env node
// Entry shim: honour NO_COLOR before any colour library loads (Ink and chalk read FORCE_COLOR only),
// then load the TypeScript sources through tsx.
if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') process.env.FORCE_COLOR = '0';
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
