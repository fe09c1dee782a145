import { join, normalize, sep } from 'node:path';

/**
 * The file of the built renderer that a URL path names, or null when the path is not a valid URL path
 * (`/%C0%AF`, `/%ZZ`) or leads outside the renderer folder. Both the web host and the Electron app://
 * handler serve through it: a malformed address is a refusal, never an exception.
 */
export function rendererFile(rendererDir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const root = normalize(rendererDir);
  const path = normalize(join(root, decoded));
  return path.startsWith(root + sep) ? path : null;
}
