/** The bundle of a TypeScript entry (ts-bundle.mjs, plain JavaScript so that bin/cfdi-async.js can use it before tsx). */
export function bundleTsEntry(entry: URL, o?: { cacheDir?: URL }): Promise<URL>;
/** How long a bundle no process loaded is kept. */
export const STALE_BUNDLE_MS: number;
/** Deletes the stale bundles of a cache directory (every build does). */
export function purgeStaleBundles(cacheDir: URL, inUse: string, now?: number): void;
