import { fileURLToPath } from 'node:url';

/** Absolute path of a sample log under tests/fixtures/logs. */
export function fixture(relative: string): string {
  return fileURLToPath(new URL(`../fixtures/logs/${relative}`, import.meta.url));
}
