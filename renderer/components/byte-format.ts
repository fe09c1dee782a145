/** Sizes as Windows Explorer writes them: 1024-based, one decimal from KB up. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** "1,234,567": large counts grouped so they read at a glance. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
