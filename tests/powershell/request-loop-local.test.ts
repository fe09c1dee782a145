import { afterAll, beforeAll } from 'vitest';
import type { Link } from '../../electron/transport/link';
import { startLocalLink } from '../../electron/transport/local-link';
import { requestLoopTests, type LoopHost } from '../support/loop-suite';
import { describePwsh } from '../support/pwsh';

/**
 * `connection: local`: this computer through node-powershell, on pwsh here (Windows PowerShell on an
 * operator's Windows computer). The same loop functions, the same frames, the same tests as over SSH.
 */
describePwsh('the request loop on this computer through node-powershell', () => {
  let link: Link;
  const host: LoopHost = { link: () => link, startMs: 30_000 };

  beforeAll(async () => {
    link = await new Promise<Link>((resolve, reject) => {
      const l = startLocalLink({ ready: () => resolve(l), dropped: () => undefined, failed: (f) => reject(new Error(f.message)) });
    });
  });
  afterAll(() => link?.end());

  requestLoopTests(host);
});
