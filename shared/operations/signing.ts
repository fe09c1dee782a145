import { z } from 'zod';
import { defineOperation } from './define';
import enableScript from './scripts/signing-enable-test-signing.ps1?raw';
import importScript from './scripts/signing-import-certificate.ps1?raw';

export const signingEnableTestSigning = defineOperation({
  name: 'signing.enableTestSigning',
  area: 'signing',
  title: 'Turn test signing on',
  description:
    'Runs `bcdedit /set {current} testsigning on` so a test-signed driver loads. It takes effect after a reboot; Windows refuses while Secure Boot is on.',
  params: z.object({}).strict(),
  result: z.object({ testSigningConfigured: z.literal(true), rebootNeeded: z.literal(true) }),
  script: enableScript,
  timeoutMs: 30_000,
  changesMachine: true,
});

export const signingImportCertificate = defineOperation({
  name: 'signing.importCertificate',
  area: 'signing',
  title: 'Import the test certificate',
  description:
    'Adds the driver\'s test certificate to the machine\'s Root and TrustedPublisher stores (LocalMachine), so the test-signed driver installs without signature errors.',
  params: z
    .object({
      /** The certificate (DER), base64; anything else fails in the script with .NET's own message. */
      certificate: z.string().min(4).max(65_536),
    })
    .strict(),
  result: z.object({ subject: z.string(), thumbprint: z.string(), stores: z.array(z.string()) }),
  script: importScript,
  timeoutMs: 30_000,
  changesMachine: true,
});
