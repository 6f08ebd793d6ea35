/** The monorepo's `packages/` folder. */
export declare const packagesDir: string;
/** Bundles `code` (or the file `entry`) for browsers; returns the output bytes and the bytes each input contributes. */
export declare function bundleForBrowser(options: { code?: string; entry?: string; minify?: boolean }): Promise<{
  output: Uint8Array;
  inputs: { file: string; bytes: number }[];
}>;
