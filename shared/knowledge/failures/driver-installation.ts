import type { KnownFailure } from '../known-failure';

/** Failures that setupapi.dev.log records while a driver package is imported or a device installed. */

const blog = "Eli Billauer's blog: Windows device drivers" as const;
const wiki = 'OpenVPN wiki: HLK testing of tap-windows6' as const;
const reports = 'public failure reports' as const;

/**
 * A line that mentions the code, except setupapi's trace lines ("{_VERIFY_FILE_SIGNATURE exit(0x800b0109)}",
 * "<<<  [Exit status: ...]"), which repeat a code the "!" line above them already gave. Codes, not words: pnputil
 * speaks the UI language ("Fehler 0x800B0109" on a German Windows).
 */
function codeLine(code: string): { contains: string; pattern: RegExp } {
  // pnputil starts its line with the INF it is about: "vioser.inf: Fehler beim Hinzufügen ... 0x800B0109".
  return {
    contains: code,
    pattern: new RegExp(`^(?!\\s+\\w{3}:\\s+\\{|<<<)(?:(?<driver>[\\w.-]+\\.inf)\\s?:)?.*${code}`, 'i'),
  };
}

export const noCompatibleDriver: KnownFailure = {
  id: 'noCompatibleDriver',
  title: 'No compatible driver for the device (0xe0000228)',
  logKinds: ['setupapi'],
  signatures: [codeLine('0xe0000228')],
  meaning:
    'Windows searched the driver store and the INF it was offered and found no driver whose hardware IDs and ' +
    'platform match the device, so it gave the device no driver at all (the "NULL driver"). A package built for ' +
    'another architecture (an x64 package on an ARM64 machine) ends here too: its models section is decorated ' +
    'for the other platform, so none of its hardware IDs count.',
  remedy:
    "Check that the package's INF ({driver}) lists the device's hardware ID in a models section decorated for {architecture} " +
    '(NTamd64 for amd64, NTarm64 for arm64, NTx86 for x86) and that the package was built for it; install the ' +
    "package built for this machine's architecture.",
  tapWindows6Remedy: 'For tap-windows6 the hardware ID is tap0901: tapinstall install OemVista.inf tap0901.',
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
  remedy: "Sign {driver}'s package (make and sign its catalog) and keep the .cat next to the INF, whose CatalogFile entry must name it.",
  tapWindows6Remedy:
    'For tap-windows6, install the test-signed HLK build (buildtap.py --hlk signs the driver and makes the catalog) ' +
    'and keep the .cat next to OemVista.inf.',
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
    "Sign {driver}'s catalog after the last build of its files so the .cat matches the .sys and .inf, remove the old " +
    'package from the driver store (pnputil -e to find its oemNN.inf, pnputil /d oemNN.inf), and install again.',
  tapWindows6Remedy: 'For tap-windows6, build and sign in one go: buildtap.py --hlk.',
  source: { document: blog, section: 'Windows device driver loading logs' },
};

export const testCertificateNotTrusted: KnownFailure = {
  id: 'testCertificateNotTrusted',
  title: "The driver's test certificate is not trusted on this machine",
  logKinds: ['setupapi', 'hlkTask'],
  signatures: [codeLine('0x800b0109')],
  meaning:
    "0x800b0109 (CERT_E_UNTRUSTEDROOT): the catalog's signature leads to a root certificate this machine does not " +
    'trust. setupapi also writes it, as a warning, while it tries the Microsoft root first: when "Success" or ' +
    '0xE0000241 (a trusted publisher) follows, the package was accepted and this is not the failure.',
  remedy:
    "Import the certificate that signed {driver} into the local machine's Trusted Root Certification Authorities " +
    'and Trusted Publishers stores (on every HLK client and the support machine), make sure test signing is on for ' +
    'a test-signed driver, and install it again.',
  tapWindows6Remedy: "For a test-signed tap-windows6 that is the test certificate the HLK build generated.",
  warningWhenFollowedBy: {
    signatures: [
      { contains: 'Success: File is signed in Authenticode(tm) catalog' },
      { contains: '0xe0000241' },
    ],
    withinLines: 6,
  },
  givesWayTo: { failures: ['publisherNotTrusted', 'serviceCannotStart'], where: 'log' },
  source: { document: wiki, section: 'Preparing HLK clients for test-signed drivers' },
  signatureOrigin:
    'The warning form (0x800B0109 followed by success or 0xE0000241, the real failure elsewhere) is from ' +
    'https://github.com/pbatard/libwdi/issues/52.',
};

export const publisherNotTrusted: KnownFailure = {
  id: 'publisherNotTrusted',
  title: "The driver package's publisher is not trusted yet (0xE0000242)",
  logKinds: ['setupapi'],
  signatures: [
    codeLine('0xe0000242'),
    { contains: 'has not yet been established as trusted' },
  ],
  meaning:
    "The package's catalog carries a valid Authenticode signature, but its publisher is not in the machine's " +
    'Trusted Publishers store. An interactive install would ask whether to trust it; a silent one (pnputil, ' +
    'tapinstall over SSH, an installer without a window) is refused.',
  remedy:
    "Add the certificate that signed {driver}'s catalog to the local machine's Trusted Publishers store (and its " +
    'root to Trusted Root Certification Authorities), then add the package again.',
  tapWindows6Remedy: 'For a test-signed tap-windows6, that is the HLK build\'s test certificate on every client and the support machine.',
  source: {
    document: reports,
    section: 'https://github.com/nmap/npcap/issues/536; https://github.com/utmapp/UTM/issues/7236',
  },
};

export const catalogSignatureMissing: KnownFailure = {
  id: 'catalogSignatureMissing',
  title: "The package's catalog is not signed, and Windows enforces signing (0xE0000247)",
  logKinds: ['setupapi'],
  signatures: [codeLine('0xe0000247'), { contains: 'catalog file does not contain a signature' }],
  meaning:
    'The package has a catalog (.cat), but the catalog carries no signature, and Code Integrity is enforced on ' +
    'this machine (64-bit Windows without test signing, or Secure Boot), so the driver store refuses the package.',
  remedy:
    "Sign {driver}'s catalog (signtool sign /fd sha256 on the .cat) with a certificate the machine trusts; for " +
    'a test certificate, turn test signing on (bcdedit /set testsigning on, reboot) and trust the certificate.',
  tapWindows6Remedy: 'For tap-windows6, buildtap.py --hlk makes and signs the catalog.',
  source: {
    document: reports,
    section: 'https://github.com/pbatard/libwdi/issues/225; https://github.com/pbatard/libwdi/issues/226',
  },
};

export const certificateWrongUsage: KnownFailure = {
  id: 'certificateWrongUsage',
  title: 'The signing certificate is not valid for code signing (0x800B0110)',
  logKinds: ['setupapi'],
  signatures: [codeLine('0x800b0110')],
  meaning:
    '0x800B0110 (CERT_E_WRONG_USAGE): the certificate that signed the catalog does not allow code signing ' +
    '(its enhanced key usage lacks Code Signing, 1.3.6.1.5.5.7.3.3), so the signature does not count.',
  remedy:
    "Sign {driver}'s catalog again with a certificate whose enhanced key usage includes Code Signing, and install again.",
  source: { document: reports, section: 'https://github.com/zeffy/wufuc/issues/3' },
};

export const serviceCannotStart: KnownFailure = {
  id: 'serviceCannotStart',
  title: 'A service the install needs could not be started (error 1058)',
  logKinds: 'any',
  signatures: [
    { contains: '[1058]' },
    { contains: 'Error 1058', pattern: /\bError 1058\b/i },
    { contains: 'The service cannot be started, either because it is disabled' },
  ],
  meaning:
    'Windows error 1058 (ERROR_SERVICE_DISABLED): a service the installation needed is disabled or has no enabled ' +
    'device. In driver installs it is usually a Windows service the installer relies on (Windows Update, Device ' +
    'Install) or the driver\'s own service set to Disabled. Certificate warnings (0x800B0109) near it are not the cause.',
  remedy:
    'Find which service the installer started (the lines before the error name it), set it to Manual or ' +
    'Automatic (sc config NAME start= demand) and start it, then install {driver} again.',
  source: {
    document: reports,
    section: 'https://github.com/pbatard/libwdi/issues/52; https://github.com/sandboxie-plus/Sandboxie/issues/124',
  },
};
