/**
 * `npm run bench -- light [--documents N] [--json]` (issue 17, item 5): one client, one
 * document at a time, so every figure is latency, not queueing. Two runs of the e2e bench:
 * PUT …/cfdisAsync then GET every 5 ms (time to ALMACENADO within 5 ms), and the
 * synchronous PUT …/cfdis, which answers the moment the CFDI is stored.
 */
import { parseArgs } from 'node:util';
import { run as e2e } from './e2e.ts';

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { documents: { type: 'string', default: '300' }, json: { type: 'boolean', default: false } } });
  const common = ['--clients', '1', '--documents', values.documents, '--ceiling-seconds', '0', ...(values.json ? ['--json'] : [])];
  await e2e([...common, '--poll-ms', '5']);
  await e2e([...common, '--sync']);
}
