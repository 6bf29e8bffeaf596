/** Entry point of the `cfdi-async` executable: wires the CLI to the real runtime. */
import { CommanderError } from 'commander';
import { buildProgram } from '../cli/program.ts';
import { loadConfig, ConfigError } from '../config/config.ts';
import { openRuntime } from './runtime.ts';
import { serve, stopOnSignals, workerOnly } from './serve.ts';

const program = buildProgram({
  loadConfig: () => loadConfig(),
  openRuntime: (c) => openRuntime(c, { log: undefined }),
  serve: (c, o) => serve(c, o),
  worker: (c) => workerOnly(c),
  stopOnSignals,
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
  interactive: true,
});

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) process.exit(e.exitCode);
  const message = e instanceof ConfigError || e instanceof Error ? e.message : String(e);
  process.stderr.write(`cfdi-async: ${message}\n`);
  process.exit(1);
}
