import type { KnownFailure } from '../known-failure';

/** Failures that setupapi.dev.log records while a driver package is imported or a device installed. */

const blog = "Eli Billauer's blog: Windows device drivers" as const;
const wiki = 'OpenVPN wiki: HLK testing of tap-windows6' as const;

export const noCompatibleDriver: KnownFailure = {
  id: 'noCompatibleDriver',
  title: 'No compatible driver for the device (0xe0000228)',
  logKinds: ['setupapi'],
  signatures: [{ contains: 'Error 0xe0000228' }],
  meaning:
    'Windows searched the driver store and the INF it was offered and found no driver whose hardware IDs and ' +
    'platform match the device, so it gave the device no driver at all (the "NULL driver").',
  remedy:
    "Check that the INF lists the device's hardware ID (tap0901 for tap-windows6) in a models section decorated for " +
    "this machine's architecture (NTamd64 on 64-bit Windows), and install with that ID: " +
    'tapinstall install OemVista.inf tap0901.',
  source: { document: blog, section: 'Windows device driver loading logs' },
};

export const deviceInstallFailed: KnownFailure = {
  id: 'deviceInstallFailed',
  title: 'A driver installation step ended in failure',
  logKinds: ['setupapi'],
  signatures: [
    { contains: '[Exit status: FAILURE', pattern: /^<<<\s+\[Exit status: FAILURE\(0x[0-9a-f]+\)\]/i },
  ],
  meaning:
    'The operation this setupapi section records (a device install, a driver package import, a removal) failed. ' +
    "The exit code says how; the section's lines starting with ! say where.",
  remedy:
    "Read the meaning of the exit code and the section's ! lines; other findings in the same section usually name " +
    'the cause. Fix that, then install the driver again.',
  source: { document: blog, section: 'Windows device driver loading logs' },
};

export const driverPackageWithoutCatalog: KnownFailure = {
  id: 'driverPackageWithoutCatalog',
  title: 'The driver package has no catalog file',
  logKinds: ['setupapi'],
  signatures: [{ contains: 'does not contain a catalog file' }],
  meaning:
    'The package was imported without a signed catalog (.cat), so nothing vouches for its files and Windows treats ' +
    'the driver as unsigned: it installs only after the unsigned-driver warning, where it installs at all.',
  remedy:
    'Install the test-signed HLK build (buildtap.py --hlk signs the driver and makes the catalog) and keep the .cat ' +
    "next to OemVista.inf; the INF's CatalogFile entry must name it.",
  source: { document: blog, section: 'Windows device driver loading logs' },
};

export const catalogDoesNotCoverFile: KnownFailure = {
  id: 'catalogDoesNotCoverFile',
  title: 'No installed catalog vouches for a driver file',
  logKinds: ['setupapi'],
  signatures: [{ contains: 'No installed catalogs matching catalog name' }],
  meaning:
    "Windows looked for an installed catalog listing the file's hash and found none. An empty catalog name ('') " +
    'means the INF names no catalog at all; with a name, that catalog is missing, unsigned, or does not match the ' +
    'files (for example files rebuilt after signing).',
  remedy:
    'Build and sign in one go (buildtap.py --hlk) so the .cat matches the .sys and .inf, remove the old package from ' +
    'the driver store (pnputil -e to find its oemNN.inf, pnputil /d oemNN.inf), and install again.',
  source: { document: blog, section: 'Windows device driver loading logs' },
};

export const testCertificateNotTrusted: KnownFailure = {
  id: 'testCertificateNotTrusted',
  title: "The driver's test certificate is not trusted on this machine",
  logKinds: ['setupapi', 'hlkTask'],
  signatures: [{ contains: '0x800b0109', pattern: /(?:^!|\berror\b).*0x800b0109/i }],
  meaning:
    "0x800b0109 (CERT_E_UNTRUSTEDROOT): the catalog's signature leads to a root certificate this machine does not " +
    'trust. For a test-signed tap-windows6 this means the test certificate the build generated is not in the ' +
    "machine's certificate store.",
  remedy:
    "Import the build's test certificate into the local machine's Trusted Root Certification Authorities and " +
    'Trusted Publishers stores on every HLK client and on the support machine, make sure test signing is on, and ' +
    'install the driver again.',
  source: { document: wiki, section: 'Preparing HLK clients for test-signed drivers' },
};
