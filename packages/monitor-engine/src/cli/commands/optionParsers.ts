import { InvalidArgumentError, Option } from 'commander';
import { PROBLEM_TYPES, parseProblemType } from '../../modelQuality/problemType';

/** Option parsers shared by the monitor and suggest-baseline commands; errors name the option. */

/** Parses a number option. */
export function numberOption(name: string) {
  return (value: string): number => {
    const parsed = Number(value);
    if (value.trim() === '' || !Number.isFinite(parsed)) {
      throw new InvalidArgumentError(`${name} must be a number, got '${value}'`);
    }
    return parsed;
  };
}

/** Parses a time option; `example` is shown in the error, in the style of the command's help. */
export function dateOption(name: string, example: string) {
  return (value: string): Date => {
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) {
      throw new InvalidArgumentError(`${name} must be an ISO time such as ${example}, got '${value}'`);
    }
    return date;
  };
}

/** `--problem-type` with SageMaker's problem types as choices. */
export function problemTypeOption(): Option {
  return new Option('--problem-type <type>', 'the ML problem type')
    .choices([...PROBLEM_TYPES])
    .argParser((value: string) => parseProblemType(value));
}
