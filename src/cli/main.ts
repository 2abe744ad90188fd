#!/usr/bin/env node
import { createProgram } from './program.js';
import { errorMessage, VentrosError } from '../shared/index.js';

const program = createProgram();
program.parseAsync(process.argv).catch((error: unknown) => {
  const code = VentrosError.isInstance(error) ? ` [${error.code}]` : '';
  process.stderr.write(`ventros: ${errorMessage(error)}${code}\n`);
  process.exit(1);
});
