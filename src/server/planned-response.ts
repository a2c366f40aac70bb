import type { FormattedExecutionResult } from 'graphql';

/**
 * A response's `data` as the JSON text the read planner's statement wrote: spliced into the
 * body as it is (stringifyResponse), never parsed to be stringified again. Anything else that
 * serialises it (toJSON) still gets the same value.
 */
export class PlannedData {
  constructor(readonly json: string) {}

  toJSON(): unknown {
    return JSON.parse(this.json);
  }
}

/** Apollo's stringifyResult: its own (JSON.stringify and a newline), the planned data written as the text it is. */
export function stringifyResponse(result: FormattedExecutionResult): string {
  const { data } = result;
  if (!(data instanceof PlannedData)) return `${JSON.stringify(result)}\n`;
  // Apollo orders the fields errors, data, extensions; JSON.stringify leaves out undefined ones.
  const fields = [
    ...(result.errors !== undefined ? [`"errors":${JSON.stringify(result.errors)}`] : []),
    `"data":${data.json}`,
    ...(result.extensions !== undefined ? [`"extensions":${JSON.stringify(result.extensions)}`] : []),
  ];
  return `{${fields.join(',')}}\n`;
}
