// Bundles code for browsers as an app's bundler would (esbuild, `browser` export condition), resolving
// the workspace's packages from their own folders. Shared by the bundle-size check and the Chromium test.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** The monorepo's `packages/` folder. */
export const packagesDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Resolves an entry's own `@modelmesh/*` and `modelmesh` imports from that package's folder (its self-reference). */
const workspacePackages = {
  name: 'workspace-packages',
  setup(build) {
    build.onResolve({ filter: /^(@modelmesh\/[^/]+|modelmesh)(\/.*)?$/ }, (args) => {
      if (args.pluginData === workspacePackages) return undefined; // our own lookup below
      const dir = args.path.startsWith('@modelmesh/') ? args.path.split('/')[1] : 'modelmesh';
      return build.resolve(args.path, { kind: args.kind, resolveDir: join(packagesDir, dir), pluginData: workspacePackages });
    });
  },
};

/**
 * Bundles `code` (or the file `entry`) minified for browsers; returns the output bytes and the
 * bytes each input file contributes.
 */
export async function bundleForBrowser({ code, entry, minify = true }) {
  const result = await build({
    ...(entry ? { entryPoints: [entry] } : { stdin: { contents: code, resolveDir: packagesDir, loader: 'js' } }),
    bundle: true,
    minify,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    outfile: 'bundle.js',
    logLevel: 'silent',
    plugins: [workspacePackages],
  });
  const inputs = Object.entries(result.metafile.outputs['bundle.js'].inputs).map(([file, { bytesInOutput }]) => ({ file, bytes: bytesInOutput }));
  return { output: result.outputFiles[0].contents, inputs };
}
