/**
 * `cfdi-async saldos --empresa … [--json]`: the open PPD invoices of an empresa, with what
 * has been paid by payment receipts and what is left (issue 13, docs/pagos.md).
 * Registered by `program.ts`.
 */
import type { Command } from 'commander';
import { findEmpresa } from '../invoicing/tenants.ts';
import { saldoDeFactura } from '../invoicing/pagos.ts';
import { compare, roundHalfUp, sum } from '../cfdi/amounts/decimal.ts';
import type { CliHelpers } from './notificaciones.ts';

export function registerPagos(program: Command, h: CliHelpers): void {
  program
    .command('saldos')
    .description('open PPD invoices of an empresa: total, paid, balance and payment receipts (parcialidades)')
    .requiredOption('--empresa <keyOrRfc>')
    .option('--todas', 'also the invoices already paid in full')
    .option('--json', 'JSON output')
    .action((o: { empresa: string; todas?: boolean; json?: boolean }) =>
      h.withRuntime(async (rt) => {
        const e = await findEmpresa(rt.store, o.empresa);
        const pagos = rt.deps.pagos;
        if (!pagos) throw new Error('this runtime has no payments store');
        const rows = (await pagos.facturasPpd(e.id)).map((f) => ({
          uuid: f.uuid,
          serie: f.serie ?? '',
          folio: f.folio ?? '',
          fecha: f.fecha,
          rfcReceptor: f.rfcReceptor,
          moneda: f.moneda,
          total: f.total,
          pagado: roundHalfUp(sum(f.pagados), 2),
          saldoInsoluto: roundHalfUp(saldoDeFactura(f), 2),
          parcialidades: f.pagados.length,
        })).filter((r) => o.todas || compare(r.saldoInsoluto, '0') !== 0);
        h.print(Boolean(o.json), rows, () =>
          rows.length
            ? h.table(['uuid', 'serie-folio', 'fecha', 'receptor', 'moneda', 'total', 'pagado', 'saldo', 'parc.'],
              rows.map((r) => [r.uuid, `${r.serie}${r.folio}`, r.fecha, r.rfcReceptor, r.moneda, r.total, r.pagado, r.saldoInsoluto, String(r.parcialidades)]))
            : `${e.rfc}: no open PPD invoices`);
      }),
    );
}
