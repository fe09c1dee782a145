/** The id of a machine's card, so the summary can link to it. */
export function machineAnchor(machine: string): string {
  return `machine-card-${machine}`;
}
