#!/usr/bin/env node
import { errorMessage, VentrosError } from '../shared/errors.js';
import { createProgram } from './program.js';

const program = createProgram();
program.parseAsync(process.argv).catch((error: unknown) => {
  const code = VentrosError.isInstance(error) ? ` [${error.code}]` : '';
  process.stderr.write(`ventros: ${errorMessage(error)}${code}\n`);
  process.exit(1);
});
