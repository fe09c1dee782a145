import type { MachineRole } from '../lab';

/**
 * The roles an operation's area makes sense on. HLK's object model lives on the controller (HLK Studio sets
 * WTTSTDIO there, nowhere else); tapdiag drives the TAP adapter of the clients and the support machine.
 * Every other area runs on any machine.
 */
const areaRoles: Partial<Record<string, readonly MachineRole[]>> = {
  hlk: ['controller'],
  tapdiag: ['client', 'support'],
};

export function operationFitsRole(area: string, role: MachineRole): boolean {
  return areaRoles[area]?.includes(role) ?? true;
}

export const roleWords: Record<MachineRole, string> = { controller: 'the controller', client: 'a client', support: 'the support machine' };

/** "the controller", "a client or the support machine": who an area's operations are for, in words. */
export function areaRoleWords(area: string): string {
  const roles = areaRoles[area];
  return roles ? roles.map((r) => roleWords[r]).join(' or ') : 'any machine';
}
