// @ts-check
/**
 * `npm run build`: the web app (Vite) into dist/web and the server (esbuild) into dist/server.
 * `node scripts/build.mjs --if-changed` (what `npm start` and `npm test` run): builds only a part whose inputs
 * changed since its last build, so a second `npm start` goes straight to the server.
 *
 * Why a bundle for the server instead of `tsc` emit: the server imports shared code by relative path
 * (`../../shared/src/…`) or by package name (`@samenzicht/shared/…`, whose exports point at `.ts` files); plain
 * node can load neither, but esbuild compiles both forms into the bundle the same way. Every npm package stays
 * external (loaded from node_modules at run time): native ones (better-sqlite3, @resvg/resvg-js) and piscina
 * must, and the others then match what the tests run. An import of a package that the importing workspace does
 * not list under `dependencies` fails the build, so `npm prune --omit=dev` cannot take away what the server needs.
 *
 * Three entries, each self-contained (no shared chunks): main.js, and the two worker threads sqliteWorker.js and
 * poolWorker.js, which server/src/workerEntry.ts picks beside main.js when it runs compiled.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { isBuiltin } from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DIST = path.join(ROOT, 'dist');
const SERVER_OUT = path.join(DIST, 'server');
/** What was built from which inputs: `{ web?: Stamp, server?: Stamp }`. */
const STAMPS_FILE = path.join(DIST, 'build-inputs.json');

/** @typedef {{ inputs: string, output: string }} Stamp */

/**
 * The inputs of each part: folders (their files, minus tests and the browser specs) and single files. A change
 * anywhere else (a test, a benchmark, the README) does not rebuild anything.
 */
const PARTS = {
  web: {
    output: 'dist/web/index.html',
    dirs: ['web', 'shared/src'],
    skip: ['web/node_modules', 'web/e2e', 'shared/src/testing'],
    files: ['vite.config.ts', 'package-lock.json', 'scripts/build.mjs'],
    // vite.config.ts adds the benchmark pages when this is set.
    env: ['SAMENZICHT_BENCH_PAGE'],
  },
  server: {
    output: 'dist/server/main.js',
    dirs: ['server/src', 'shared/src'],
    // Run from source only (tsx), never part of the server.
    skip: ['server/src/bench', 'server/src/faults', 'server/src/cli', 'shared/src/testing'],
    files: ['package-lock.json', 'server/package.json', 'shared/package.json', 'scripts/build.mjs'],
    env: [],
  },
};

/** @param {string} name */
function isTestFile(name) {
  return /\.(test|spec)\.tsx?$/.test(name) || name === 'testing.ts';
}

/** @param {string} dir @param {readonly string[]} skip @param {string[]} into */
function listFiles(dir, skip, into) {
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!skip.includes(rel)) listFiles(rel, skip, into);
    } else if (!isTestFile(entry.name)) {
      into.push(rel);
    }
  }
  return into;
}

/** A hash of every input file (path and content) of a part, and of the environment it reads. */
function hashInputs(/** @type {keyof typeof PARTS} */ part) {
  const { dirs, skip, files, env } = PARTS[part];
  const all = [...dirs.flatMap((dir) => listFiles(dir, skip, [])), ...files].sort();
  const hash = createHash('sha256');
  for (const file of all) {
    hash.update(`${file}\0`);
    hash.update(fs.readFileSync(path.join(ROOT, file)));
    hash.update('\0');
  }
  for (const name of env) hash.update(`${name}=${process.env[name] ?? ''}\0`);
  return hash.digest('hex');
}

/** @returns {Partial<Record<keyof typeof PARTS, Stamp>>} */
function readStamps() {
  try {
    return JSON.parse(fs.readFileSync(STAMPS_FILE, 'utf8'));
  } catch {
    return {};
  }
}

/** @param {Partial<Record<keyof typeof PARTS, Stamp>>} stamps */
function writeStamps(stamps) {
  fs.mkdirSync(DIST, { recursive: true });
  fs.writeFileSync(STAMPS_FILE, `${JSON.stringify(stamps, null, 2)}\n`);
}

/**
 * A build tool is a devDependency: after `npm prune --omit=dev` the built dist/ still runs, but a change cannot be
 * built until `npm install` brings the tools back. Say so instead of a module-not-found stack.
 * @template {'vite' | 'esbuild'} T
 * @param {T} name
 * @returns {Promise<T extends 'vite' ? typeof import('vite') : typeof import('esbuild')>}
 */
async function importBuildTool(name) {
  try {
    return await import(name);
  } catch (error) {
    if (/** @type {{ code?: string }} */ (error).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new Error(`Bouwen kan niet: ${name} ontbreekt (na npm prune --omit=dev?). Draai eerst: npm install`, { cause: error });
  }
}

/**
 * Test helpers (shared/src/testing/, server/src/testing.ts, test files, the browser specs) never end up in what is
 * deployed: the lint rule keeps them out of production imports, and the builds check what they bundled.
 */
const TEST_HELPER = /(^|\/)(testing(\/|\.ts$)|e2e\/)|\.(test|spec)\.tsx?$/;

/** @param {string} what @param {Iterable<string>} modules */
function refuseTestHelpers(what, modules) {
  const found = [...modules]
    .map((id) => path.relative(ROOT, id.replace(/^\0/, '').split('?')[0] ?? id))
    .filter((id) => TEST_HELPER.test(id));
  if (found.length > 0) throw new Error(`${what} bundles test helpers, which production code may not import: ${found.join(', ')}`);
}

async function buildWeb() {
  const { build } = await importBuildTool('vite');
  // Rolldown's report of slow plugins is about the build's own speed, not the app: left out of `npm start`'s output.
  await build({
    configFile: path.join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { rolldownOptions: { checks: { pluginTimings: false } } },
    plugins: [
      {
        name: 'samenzicht-no-test-helpers',
        generateBundle(_options, bundle) {
          for (const output of Object.values(bundle)) {
            if (output.type === 'chunk') refuseTestHelpers(`dist/web/${output.fileName}`, output.moduleIds);
          }
        },
      },
    ],
  });
}

/** The `dependencies` of the workspace package that holds `file`. */
const dependenciesOf = (() => {
  /** @type {Map<string, { name: string, dependencies: Set<string> }>} */
  const cache = new Map();
  return (/** @type {string} */ file) => {
    let dir = path.dirname(file);
    while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
    let pkg = cache.get(dir);
    if (pkg === undefined) {
      const json = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
      pkg = { name: json.name, dependencies: new Set(Object.keys(json.dependencies ?? {})) };
      cache.set(dir, pkg);
    }
    return pkg;
  };
})();

/** The folder node would load package `name` from, looking up from `dir`, or null. */
function findPackageDir(/** @type {string} */ dir, /** @type {string} */ name) {
  for (let at = dir; ; at = path.dirname(at)) {
    const candidate = path.join(at, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return fs.realpathSync(candidate);
    if (path.dirname(at) === at) return null;
  }
}

/** @param {string} specifier */
function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/**
 * Keeps npm packages external, bundles our own workspaces, and fails on a package the importing workspace does not
 * declare, or one that node would load in another version from dist/server than from the workspace (not hoisted).
 * @type {import('esbuild').Plugin}
 */
const externalDependencies = {
  name: 'samenzicht-external-dependencies',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (isBuiltin(args.path)) return { path: args.path, external: true };
      const name = packageName(args.path);
      if (name.startsWith('@samenzicht/')) return undefined;
      const owner = dependenciesOf(args.importer);
      if (!owner.dependencies.has(name)) {
        const where = path.relative(ROOT, args.importer);
        return { errors: [{ text: `${where} imports ${name}, which is not in the dependencies of ${owner.name}` }] };
      }
      const fromSource = findPackageDir(path.dirname(args.importer), name);
      const fromDist = findPackageDir(SERVER_OUT, name);
      if (fromSource === null || fromSource !== fromDist) {
        return {
          errors: [{ text: `${name}: dist/server would load ${fromDist ?? 'nothing'}, the source loads ${fromSource ?? 'nothing'}` }],
        };
      }
      return { path: args.path, external: true };
    });
  },
};

async function buildServer() {
  const esbuild = await importBuildTool('esbuild');
  fs.rmSync(SERVER_OUT, { recursive: true, force: true });
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: {
      main: 'server/src/main.ts',
      sqliteWorker: 'server/src/storage/sqliteWorker.ts',
      poolWorker: 'server/src/export/poolWorker.ts',
    },
    outdir: SERVER_OUT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    sourcemap: true,
    logLevel: 'warning',
    metafile: true,
    plugins: [externalDependencies],
  });
  refuseTestHelpers(
    'dist/server',
    Object.keys(result.metafile.inputs).map((input) => path.join(ROOT, input)),
  );
  // The bundles are ES modules; the root package.json says so for dist/, but dist/ may be copied on its own.
  fs.writeFileSync(path.join(SERVER_OUT, 'package.json'), '{ "type": "module" }\n');
  // Font files are resolved by package name at run time (server/src/export/exportFonts.ts): check they resolve alike.
  for (const file of ['server/package.json', 'shared/package.json']) {
    const pkgDir = path.join(ROOT, path.dirname(file));
    for (const name of dependenciesOf(path.join(ROOT, file)).dependencies) {
      if (findPackageDir(pkgDir, name) !== findPackageDir(SERVER_OUT, name)) {
        throw new Error(`${name}: dist/server would not load the copy that ${file} gets (not hoisted to node_modules/)`);
      }
    }
  }
}

/** @type {Record<keyof typeof PARTS, () => Promise<void>>} */
const BUILDERS = { web: buildWeb, server: buildServer };

async function main() {
  const ifChanged = process.argv.includes('--if-changed');
  const stamps = readStamps();
  for (const part of /** @type {(keyof typeof PARTS)[]} */ (Object.keys(PARTS))) {
    const inputs = hashInputs(part);
    const previous = stamps[part];
    if (ifChanged && previous?.inputs === inputs && fs.existsSync(path.join(ROOT, PARTS[part].output))) continue;
    // Forget the old stamp first: a build that fails halfway must not look finished to the next run.
    delete stamps[part];
    writeStamps(stamps);
    const started = performance.now();
    await BUILDERS[part]();
    stamps[part] = { inputs, output: PARTS[part].output };
    writeStamps(stamps);
    console.log(`${part}: gebouwd in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
}

main().catch((/** @type {unknown} */ error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
