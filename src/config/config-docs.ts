import type { ConfigVariable } from './config-variable';
import { CONFIG_VARIABLES } from './config-variables';

export const CONFIG_TABLE_START = '<!-- config-table:start -->';
export const CONFIG_TABLE_END = '<!-- config-table:end -->';

const cell = (markdown: string) => markdown.replaceAll('|', '\\|');

/** The README's configuration table: one row per variable, in the table's order. */
export function renderConfigTable(variables: readonly ConfigVariable<unknown>[] = CONFIG_VARIABLES): string {
  const rows = variables.map((variable) => {
    const name = `\`${variable.name}\`${variable.secret ? ' (secret)' : ''}`;
    return `| ${name} | ${cell(variable.shownDefault)} | ${cell(variable.description)} |`;
  });
  return ['| variable | default | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

/** `readme` with the text between the config-table markers replaced by the rendered table. */
export function withConfigTable(readme: string): string {
  const start = readme.indexOf(CONFIG_TABLE_START);
  const end = readme.indexOf(CONFIG_TABLE_END);
  if (start < 0 || end < start)
    throw new Error(`README.md needs ${CONFIG_TABLE_START} and then ${CONFIG_TABLE_END} around the configuration table`);
  return `${readme.slice(0, start + CONFIG_TABLE_START.length)}\n${renderConfigTable()}\n${readme.slice(end)}`;
}
