import { describe, expect, it } from 'vitest';
import { requestSchemas } from '../../shared/api';
import { checklistCatalogue } from '../../shared/checklists';
import { findOperation } from '../../shared/operations';
import { actionOperations } from '../../renderer/operations/action-operations';
import { reportFileName } from '../../renderer/journal/report-file-name';

/** Every operation name in a nested table of them. */
function names(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(names);
  return Object.values(value as Record<string, unknown>).flatMap(names);
}

describe('the scripts a confirmation shows', () => {
  it('name operations that exist and change the machine: a confirmation never shows a read, or nothing', () => {
    const named = [...names(actionOperations), ...checklistCatalogue().flatMap((c) => c.steps.flatMap((s) => s.fix?.operations ?? []))];
    expect(named.length).toBeGreaterThan(20);
    for (const name of new Set(named)) {
      const op = findOperation(name);
      expect(op, name).toBeDefined();
      expect(op!.changesMachine, name).toBe(true);
    }
  });

  it('every step fix that is not a check’s own names what it runs', () => {
    for (const c of checklistCatalogue()) {
      for (const s of c.steps) {
        if (s.fix && s.fix.kind !== 'check-fix') expect(s.fix.operations.length, `${c.id}/${s.id}`).toBeGreaterThan(0);
        if (s.fix?.kind === 'check-fix') expect(s.fix.check, `${c.id}/${s.id}`).not.toBeNull();
      }
    }
  });
});

describe('the pass report’s file name', () => {
  it('is one report.export takes, and says the format and the minute', () => {
    const at = new Date(2025, 10, 19, 2, 14, 59);
    expect(reportFileName('markdown', at)).toBe('pass-report-2025-11-19-0214.md');
    expect(reportFileName('html', at)).toBe('pass-report-2025-11-19-0214.html');
    for (const format of ['markdown', 'html'] as const) {
      expect(requestSchemas['report.export'].safeParse({ format, path: reportFileName(format, at) }).success).toBe(true);
    }
  });
});
