/**
 * Writes docs/errors.md from the error registry (src/shared/errors.ts).
 * `node --import tsx scripts/gen-errors-doc.ts`; src/shared/errors.test.ts fails when
 * the file is out of date.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ERRORS } from '../src/shared/errors.ts';

export function renderErrorsDoc(): string {
  const rows = Object.entries(ERRORS).map(
    ([code, d]) => `| \`${code}\` | ${d.http} | ${d.retryable ? 'yes' : 'no'} | ${d.description.replace(/\|/g, '\\|')} |`,
  );
  return [
    '# Error codes',
    '',
    '<!-- Generated from src/shared/errors.ts by `node --import tsx scripts/gen-errors-doc.ts`; do not edit by hand. -->',
    '',
    'Our own codes. Every error reaches a client in the seed\'s text shape:',
    '',
    '```',
    'Error <CODE>\\n<mensaje>. :\\n Código de error: <CODE>',
    '```',
    '',
    '- Errors of the request itself (bad body, ids, sizes, unknown empresa) answer the `PUT` or the download directly',
    '  with the HTTP status below.',
    '- Errors of the document (layout, SAT rules `CFDI40xxx`, sealing, stamping) are found by the worker and answer',
    '  `GET /{keyEmpresa}/cfdis/{idPeticion}` with 400 and every error at once. SAT codes are listed in',
    '  [rules.md](rules.md), with the SAT\'s own messages.',
    '- "Retryable" says whether a job that failed with it is retried with exponential backoff',
    '  (`CFDI_MAX_ATTEMPTS`, `CFDI_BACKOFF_BASE_MS`); a non-retryable one ends the request at once.',
    '',
    '| code | HTTP | retryable | meaning |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(new URL('../docs/errors.md', import.meta.url), renderErrorsDoc());
  console.log('docs/errors.md written');
}
