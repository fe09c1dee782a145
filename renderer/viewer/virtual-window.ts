/**
 * Which rows of a long list to draw: only those in view plus a margin, all of one height. Browsers cap
 * how tall an element may be (Chromium at about 33.5 million pixels, 1.6 million rows of 20 px), so past
 * MAX_SCROLL_HEIGHT the scroll position maps to the rows in proportion instead of one pixel to one pixel.
 */
export const MAX_SCROLL_HEIGHT = 15_000_000;

export interface ListGeometry {
  rowCount: number;
  rowHeight: number;
  viewportHeight: number;
}

export interface RowWindow {
  /** Rows [start, end) are drawn. */
  start: number;
  end: number;
  /** Where row `start` goes, in pixels from the top of the scroll content. */
  top: number;
  /** The scroll content's height. */
  height: number;
}

function shape(g: ListGeometry) {
  const natural = g.rowCount * g.rowHeight;
  const height = Math.min(natural, MAX_SCROLL_HEIGHT);
  const visibleRows = g.viewportHeight / g.rowHeight;
  return {
    height,
    visibleRows,
    scaled: natural > MAX_SCROLL_HEIGHT,
    maxScroll: Math.max(1, height - g.viewportHeight),
    maxFirst: Math.max(0, g.rowCount - visibleRows),
  };
}

/** The (fractional) row at the top of the view for a scroll position. */
function firstRowAt(scrollTop: number, g: ListGeometry): number {
  const s = shape(g);
  if (!s.scaled) return Math.max(0, scrollTop) / g.rowHeight;
  return (Math.min(Math.max(0, scrollTop), s.maxScroll) / s.maxScroll) * s.maxFirst;
}

export function rowWindow(scrollTop: number, g: ListGeometry, overscan: number): RowWindow {
  const s = shape(g);
  const first = firstRowAt(scrollTop, g);
  const start = Math.max(0, Math.floor(first) - overscan);
  const end = Math.min(g.rowCount, Math.ceil(first + s.visibleRows) + overscan);
  return { start, end, top: Math.max(0, scrollTop) + (start - first) * g.rowHeight, height: s.height };
}

/** The scroll position that puts `row` in the middle of the view (or as near as the ends allow). */
export function scrollTopForRow(row: number, g: ListGeometry): number {
  const s = shape(g);
  const first = Math.min(Math.max(0, row - (s.visibleRows - 1) / 2), s.maxFirst);
  if (!s.scaled) return first * g.rowHeight;
  return s.maxFirst === 0 ? 0 : (first / s.maxFirst) * s.maxScroll;
}
