import { z } from 'zod';
import { LANGUAGES } from '../../shared/index.js';

/**
 * The `language` argument of tools that write sentences for people (insights, recommendations): the
 * language of the question being answered, so an English or Spanish question does not get Portuguese
 * sentences quoted inside its answer. Only prose follows it; numbers and ids stay as they are.
 * Portuguese by default, so callers from before the argument existed get what they always got.
 */
export const proseLanguageArg = () =>
  z
    .enum(LANGUAGES)
    .default('pt')
    .describe(
      'Language of the question being answered: pt (Portuguese, default), en or es. Text fields of the ' +
        'result are written in it; numbers and ids are not affected.',
    );
