import type { KnownFailure } from '../known-failure';

/**
 * Code Integrity's events (Microsoft-Windows-CodeIntegrity/Operational) about drivers, as an event log export or
 * Get-WinEvent prints them. Only kernel images (.sys) count here: the same events about DLLs in protected
 * processes turn up on healthy machines every day.
 */

const reports = 'public failure reports' as const;
const sources =
  'https://github.com/maharmstone/btrfs/issues/823; https://github.com/MicrosoftDocs/windows-driver-docs/issues/2811; ' +
  'https://github.com/winfsp/winfsp/issues/527';
const image = '(?<driver>[\\w.-]+\\.sys)';

export const codeIntegrityBlockedDriver: KnownFailure = {
  id: 'codeIntegrityBlockedDriver',
  title: 'Code Integrity refused to load a driver (event 3033 or 3077)',
  logKinds: 'any',
  signatures: [
    {
      contains: 'did not meet the',
      pattern: new RegExp(
        `attempted to load .*?${image} that did not meet the [\\w ]*signing level requirements(?!.*auditing policy)`,
        'i',
      ),
    },
  ],
  meaning:
    "Windows refused to load the driver because its signature does not reach the signing level the machine's " +
    'policy demands: Microsoft-signed (WHQL or attestation) under memory integrity, Secure Boot or an App Control ' +
    'policy, where a test-signed or self-signed driver is not enough.',
  remedy:
    'Check how {driver} is signed (signtool verify /kp /v) against what the machine enforces: for a test-signed ' +
    'driver turn test signing on (bcdedit /set testsigning on, Secure Boot off) on HLK clients; for release, sign ' +
    'it through Partner Center (attestation or HLK). Then load it again.',
  source: { document: reports, section: sources },
};

export const codeIntegrityAuditOnly: KnownFailure = {
  id: 'codeIntegrityAuditOnly',
  title: 'Code Integrity would block a driver but only audits (event 3076): it was allowed to load',
  logKinds: 'any',
  signatures: [
    {
      contains: 'the image was allowed to load',
      pattern: new RegExp(`attempted to load .*?${image} that did not meet .*auditing policy, the image was allowed to load`, 'i'),
    },
  ],
  meaning:
    'An App Control (code integrity) policy in audit mode found the driver below its signing level. Audit mode ' +
    'only records it: the driver was loaded, so this is not why it failed. Once the policy is enforced, the same ' +
    'driver will be blocked.',
  remedy:
    'Look elsewhere for the failure at hand. Before the policy is enforced, sign {driver} to the level it asks ' +
    'for or add the driver to the policy.',
  source: { document: reports, section: sources },
};

export const codeIntegrityHashNotFound: KnownFailure = {
  id: 'codeIntegrityHashNotFound',
  title: "Code Integrity could not verify a driver file: its hash is in no signature or catalog",
  logKinds: 'any',
  signatures: [
    {
      contains: 'file hash could not be found',
      pattern: new RegExp(`unable to verify the image integrity of the file .*?${image} because file hash could not be found`, 'i'),
    },
  ],
  meaning:
    'The driver file carries no embedded signature and no installed catalog lists its hash: the file was changed ' +
    'or rebuilt after its package was signed, or copied in by hand instead of installed from its package.',
  remedy:
    'Install {driver} from its signed package (pnputil /add-driver with the INF and .cat) rather than copying the ' +
    '.sys; if it was rebuilt, sign the package again so the catalog lists the new file.',
  source: { document: reports, section: sources },
};
