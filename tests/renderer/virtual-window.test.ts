import { describe, expect, it } from 'vitest';
import { MAX_SCROLL_HEIGHT, rowWindow, scrollTopForRow } from '../../renderer/viewer/virtual-window';

const rowHeight = 20;
const viewportHeight = 600; // 30 rows in view

describe('the rows a virtualized list draws', () => {
  it('draws only the rows in view and the margin, placed where they belong', () => {
    const g = { rowCount: 1_000_000, rowHeight, viewportHeight };
    expect(rowWindow(0, g, 10)).toEqual({ start: 0, end: 40, top: 0, height: 20_000_000 > MAX_SCROLL_HEIGHT ? MAX_SCROLL_HEIGHT : 20_000_000 });
    const small = { rowCount: 10_000, rowHeight, viewportHeight };
    const w = rowWindow(5000 * rowHeight, small, 10);
    expect(w).toEqual({ start: 4990, end: 5040, top: 4990 * rowHeight, height: 10_000 * rowHeight });
  });

  it('reaches the last row at the bottom of a list taller than the browser allows', () => {
    for (const rowCount of [1_000_000, 10_000_000, 100_000_000]) {
      const g = { rowCount, rowHeight, viewportHeight };
      const bottom = rowWindow(MAX_SCROLL_HEIGHT - viewportHeight, g, 10);
      expect(bottom.height).toBe(MAX_SCROLL_HEIGHT);
      expect(bottom.end).toBe(rowCount);
      // The last row's bottom edge is the bottom of the view.
      expect(bottom.top + (rowCount - bottom.start) * rowHeight).toBeCloseTo(MAX_SCROLL_HEIGHT, 6);
      expect(bottom.end - bottom.start).toBeLessThanOrEqual(30 + 2 * 10 + 1);
    }
  });

  it('jumps to a row: the row is in the middle of what is drawn, in plain and in proportional scrolling', () => {
    for (const rowCount of [100, 50_000, 1_000_000, 30_000_000]) {
      const g = { rowCount, rowHeight, viewportHeight };
      for (const row of [0, 1, Math.floor(rowCount / 3), rowCount - 2, rowCount - 1]) {
        const top = scrollTopForRow(row, g);
        const w = rowWindow(top, g, 0);
        expect(row).toBeGreaterThanOrEqual(w.start);
        expect(row).toBeLessThan(w.end);
        // and inside the view, not only in the margin
        const rowTop = w.top + (row - w.start) * rowHeight - top;
        expect(rowTop).toBeGreaterThanOrEqual(-1e-6);
        expect(rowTop + rowHeight).toBeLessThanOrEqual(viewportHeight + 1e-6);
      }
    }
  });

  it('an empty list draws nothing', () => {
    expect(rowWindow(0, { rowCount: 0, rowHeight, viewportHeight }, 10)).toMatchObject({ start: 0, end: 0, height: 0 });
  });
});
