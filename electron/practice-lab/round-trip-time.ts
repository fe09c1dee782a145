/** A time as .NET's round-trip format ('o') writes it: seven fractional digits, where JavaScript writes three. */
export function roundTripTime(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');
}
