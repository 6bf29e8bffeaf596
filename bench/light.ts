/**
 * `npm run bench -- light [--documents N] [--rate R] [--json]` (issue 17, item 5): one
 * client, one document at a time, so every figure is latency, not queueing. Two runs of
 * the e2e bench: PUT …/cfdisAsync then GET every 5 ms (time to ALMACENADO within 5 ms),
 * and the synchronous PUT …/cfdis, which answers the moment the CFDI is stored. A third
 * run sends R documents a second for 30 s in an open loop (polling every 100 ms): the PUT
 * latency at a rate the service sustains, below saturation.
 */
import { parseArgs } from 'node:util';
import { run as e2e } from './e2e.ts';

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: {
    documents: { type: 'string', default: '300' }, rate: { type: 'string', default: '80' }, json: { type: 'boolean', default: false } } });
  const common = ['--clients', '1', '--documents', values.documents, '--ceiling-seconds', '0', ...(values.json ? ['--json'] : [])];
  await e2e([...common, '--poll-ms', '5']);
  await e2e([...common, '--sync']);
  await e2e(['--rate', values.rate, '--documents', String(30 * Number(values.rate)), '--ceiling-seconds', '0', ...(values.json ? ['--json'] : [])]);
}
