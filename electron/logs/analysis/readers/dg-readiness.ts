import type { LogStructureReader } from './log-structure';

/**
 * DG_Readiness_Tool names each module on a "Module: <file>" line and gives the reason it is incompatible on
 * the next; a reason means nothing without its module, and it may be another vendor's driver, not the one
 * under test.
 */
export class DgReadinessModuleReader implements LogStructureReader {
  readonly markers = ['module:'];
  private module: string | null = null;

  noteLine(text: string): void {
    const named = /module:\s*([^\s(]+)/i.exec(text);
    if (named) this.module = named[1];
  }

  where(): string | null {
    return this.module === null ? null : `module ${this.module}`;
  }
}
