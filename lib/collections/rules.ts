import { tileIssues } from '../boards/validate';
import { tilesOf } from '../boards/kinds';
import { alertPathIssues } from '../alerts/paths';
import { alertIssues } from '../alerts/rule';
import type { ErrorIssue } from '../errors';
import { REGISTRY } from './index';
import type { Collection } from './types';

// Every rule a row must meet beyond its columns' schemas: the collection's own `validate`, then the rules that
// parse other collections' views (a board's tiles name views). Those live here, out of the registry files,
// because browser code imports the registry for its labels and would otherwise carry every view parser.

const VIEW_RULES: Readonly<Record<string, (row: Record<string, unknown>) => ErrorIssue[]>> = {
  boards: (row) => tileIssues(tilesOf(row.tiles), REGISTRY),
  alerts: (row) => {
    const issues = alertIssues(row);
    return issues.length ? issues : alertPathIssues(row, REGISTRY);
  },
};

export function ruleIssuesOf(collection: Collection, row: Record<string, unknown>): ErrorIssue[] {
  const own = collection.validate?.(row) ?? [];
  return own.length ? own : (VIEW_RULES[collection.id]?.(row) ?? []);
}
