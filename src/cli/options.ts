/**
 * The one command-line option parser for case selection: a flag per row of CASE_FILTERS
 * (`--operation`, `--status`, ...), each repeatable and taking comma lists
 * (`--status 400,403` is `--status 400 --status 403`); values are validated by the selector.
 */
import { Option, type Command } from 'commander';
import { CASE_FILTERS, SELECTOR_KEYS, type CaseSelector } from '../catalog/select.js';
import type { SelectOptions } from '../catalog/filter.js';

/** Repeatable options: `--status 400 --status 403` or `--status 400,403`. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [
    ...(previous ?? []),
    ...value
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== ''),
  ];
}

/** Adds a selection flag for each key (default: every filter) to `command`. */
export function addSelectionOptions(command: Command, keys: readonly (keyof CaseSelector)[] = SELECTOR_KEYS, help: Partial<Record<keyof CaseSelector, string>> = {}): Command {
  for (const key of keys) {
    const row = CASE_FILTERS[key];
    command.addOption(new Option(`--${key} <${row.noun.replace(/ /g, '-')}>`, `${help[key] ?? row.help} (repeatable, or comma-separated)`).argParser(collect));
  }
  return command;
}

/** The selector the parsed options give (only the keys given on the command line). */
export function selectorFromOptions(opts: Record<string, unknown>, keys: readonly (keyof CaseSelector)[] = SELECTOR_KEYS): CaseSelector {
  const selector: Record<string, string[]> = {};
  for (const key of keys) {
    const values = opts[key];
    if (Array.isArray(values)) selector[key] = values as string[];
  }
  return selector as CaseSelector;
}

/** Messages name the flag: `--status: ...`. */
export const CLI_SELECT: SelectOptions = { label: (key) => `--${key}` };
