// How bin/kubesim.js loads the CLI. Compiling ~450 TypeScript modules one by one through tsx's loader
// takes about a second at every start; the same sources bundled into one file (by the esbuild tsx
// itself depends on) load in a third of that. The bundle is built once per change of the sources,
// kept in node_modules/.cache/kubesim/, and found again by a fingerprint of the files' sizes and times.
// Anything unusual (no esbuild, a read-only folder, KUBESIM_NO_BUNDLE=1) falls back to tsx.
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SRC = join(ROOT, 'src');
const ENTRY = join(SRC, 'cli', 'main.ts');
const CACHE = join(ROOT, 'node_modules', '.cache', 'kubesim');
const BUNDLE_VERSION = '1';

/** The CLI's `main`, from the bundle when it can be had, else through tsx. */
export async function loadMain() {
  if (!process.env.KUBESIM_NO_BUNDLE) {
    try {
      const file = await bundle();
      return (await import(pathToFileURL(file).href)).main;
    } catch {
      // Fall through to tsx: slower to start, same program.
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
  return (await import('../src/cli/main.ts')).main;
}

/** Sizes and modification times of every source file (and the package manifest), hashed. */
function fingerprint() {
  const hash = createHash('sha1').update(BUNDLE_VERSION).update(readFileSync(join(ROOT, 'package.json')));
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const s = statSync(path);
        hash.update(`${relative(SRC, path)}\0${s.size}\0${s.mtimeMs}\n`);
      }
    }
  };
  walk(SRC);
  return hash.digest('hex').slice(0, 16);
}

async function bundle() {
  const file = join(CACHE, `cli-${fingerprint()}.mjs`);
  try {
    statSync(file);
    return file;
  } catch {
    // Not built yet for these sources.
  }
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Dependencies load from node_modules as usual; only kubesim's own sources are bundled.
    packages: 'external',
    jsx: 'automatic',
    // As tsx runs them: functions keep their names.
    keepNames: true,
    logLevel: 'silent',
    plugins: [sourceUrls()],
  });
  mkdirSync(CACHE, { recursive: true });
  // Written aside, then renamed: a second kubesim starting at the same moment never reads half a file.
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, result.outputFiles[0].contents);
  renameSync(temp, file);
  for (const old of readdirSync(CACHE)) if (old.startsWith('cli-') && join(CACHE, old) !== file) rmSync(join(CACHE, old), { force: true });
  return file;
}

/** Each source file keeps its own `import.meta.url` (the scenarios are found next to the sources). */
function sourceUrls() {
  return {
    name: 'kubesim-source-urls',
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/].*\.tsx?$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
        return { contents: text, loader: args.path.endsWith('x') ? 'tsx' : 'ts', resolveDir: dirname(args.path) };
      });
    },
  };
}
