import type { z } from 'zod';
import { type OptionProblem, OptionsError } from '../errors.js';

/**
 * Validates an output's options against its schema: every problem at once, as
 * an OptionsError naming each option `<output>.<option>` (`mqtt.topic`).
 */
export function parseOptions<S extends z.ZodType>(output: string, schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new OptionsError(optionProblems(output, parsed.error));
}

export function optionProblems(output: string, error: z.ZodError): OptionProblem[] {
  return error.issues.map((issue) => ({ option: [output, ...issue.path.map(String)].join('.'), message: issue.message }));
}
