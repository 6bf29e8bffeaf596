/**
 * The `xsa` connector: the pipe-delimited text layout of this family of services
 * (docs/layouts.md), version 4.0 and legacy.
 */
import type { Connector, ConnectorContext, ParseResult } from '../connector.ts';
import { capErrors, layoutError } from '../errors.ts';
import { resolveDraft } from '../resolve.ts';
import { parseXsa } from './parse.ts';

export const xsaConnector: Connector = {
  name: 'xsa',
  async parse(archivoFuente: string, ctx: ConnectorContext): Promise<ParseResult> {
    if (typeof archivoFuente !== 'string') {
      return { ok: false, errors: [layoutError('LAYOUT_VACIO', {}, 'archivoFuente no es texto')] };
    }
    const parsed = parseXsa(archivoFuente, ctx.version);
    // Values the document lacks are only looked up for a document that is otherwise
    // sound: a broken one gets its syntax errors without touching the directories.
    if (parsed.errors.length > 0) return { ok: false, errors: capErrors(parsed.errors) };
    const { draft, errors } = await resolveDraft(parsed.parcial, parsed.printed, ctx, parsed.locate);
    if (errors.length > 0) return { ok: false, errors: capErrors(errors) };
    return { ok: true, draft, printed: parsed.printed };
  },
};

export { legacyFacturaDefaults } from './defaults.ts';
export { parseXsa, splitRecords } from './parse.ts';
