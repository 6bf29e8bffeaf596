/**
 * `cfdi-async cancelar` (the cancel call, from the command line) and `cfdi-async
 * test-pac receptor aceptar|rechazar` (the receptor's answer to the test PAC's simulated
 * SAT). Registered by `program.ts`. docs/cancelacion.md.
 */
import { Option, type Command } from 'commander';
import type { CliHelpers } from './notificaciones.ts';
import { findEmpresa } from '../invoicing/tenants.ts';
import { cancelarCfdis } from '../cancelacion/cancelar.ts';
import { revisarPendientes } from '../cancelacion/seguimiento.ts';

export function registerCancelacion(program: Command, h: CliHelpers): void {
  const { withRuntime, print, table } = h;

  program
    .command('cancelar')
    .description('ask the SAT (through the PAC) to cancel CFDIs of an empresa, signed with its CSD (docs/cancelacion.md)')
    .requiredOption('--empresa <keyOrRfc>')
    .requiredOption('--uuid <uuid...>', 'one or more UUIDs')
    .addOption(new Option('--motivo <motivo>', 'c_Motivo').choices(['01', '02', '03', '04']).makeOptionMandatory())
    .option('--folio-sustitucion <uuid>', 'the replacing CFDI (motivo 01 only)')
    .option('--json', 'machine-readable output')
    .action(async (o: { empresa: string; uuid: string[]; motivo: string; folioSustitucion?: string; json?: boolean }) =>
      withRuntime(async (rt) => {
        const empresa = await findEmpresa(rt.store, o.empresa);
        const r = await cancelarCfdis(rt.cancelacion, empresa.key, { motivo: o.motivo, folioSustitucion: o.folioSustitucion ?? '', uuid: o.uuid });
        print(Boolean(o.json), r, () => table(['UUID', 'STATUS', 'MENSAJE'], r.map((x) => [x.uuid, x.status, x.mensaje])));
        // A refusal is still an answer; the exit code says whether every UUID was accepted by the SAT.
        if (r.some((x) => x.status !== '201' && x.status !== '202')) process.exitCode = 2;
      }),
    );

  program
    .command('cancelaciones-revisar')
    .description('one pass of the background job: resend unanswered requests, ask the SAT about pending ones')
    .action(async () =>
      withRuntime(async (rt) => {
        h.env.out(`${await revisarPendientes(rt.cancelacion)} cancelaciones revisadas`);
      }),
    );

  // program.ts owns `test-pac` (its certificate); the receptor's answer joins it.
  const testPac = program.commands.find((c) => c.name() === 'test-pac') ?? program.command('test-pac').description('the offline test stamper');
  testPac
    .command('receptor')
    .description("the receptor's answer to a pending cancellation (the simulated SAT only)")
    .argument('<decision>', 'aceptar or rechazar')
    .requiredOption('--uuid <uuid>')
    .option('--json', 'machine-readable output')
    .action(async (decision: string, o: { uuid: string; json?: boolean }) => {
      if (decision !== 'aceptar' && decision !== 'rechazar') throw new Error('decision must be aceptar or rechazar');
      await withRuntime(async (rt) => {
        const estatus = await rt.satSimulado.responder(o.uuid, decision);
        print(Boolean(o.json), { uuid: o.uuid.toUpperCase(), estatusCancelacion: estatus }, () => `${o.uuid.toUpperCase()}: ${estatus}`);
      });
    });
}
