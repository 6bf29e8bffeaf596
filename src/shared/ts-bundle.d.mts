/** The bundle of a TypeScript entry (ts-bundle.mjs, plain JavaScript so that bin/cfdi-async.js can use it before tsx). */
export function bundleTsEntry(entry: URL): Promise<URL>;
