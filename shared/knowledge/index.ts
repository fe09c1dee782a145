import type { KnownFailure } from './known-failure';
import {
  e2ePerfLinkSpeed,
  ndisTestBinariesMissing,
  packetsReordered,
  packetTransmissionTooSlow,
  protocolDriverBreakpoint,
} from './failures/ndis-tests';
import { controllerNameNotResolved, hlkDuplicateDatabaseKey, staleDriveMapping } from './failures/hlk-infrastructure';
import { addressChangeTiming, openvpnLinkDownAfterFaultHandling } from './failures/openvpn';
import {
  catalogDoesNotCoverFile,
  deviceInstallFailed,
  driverPackageWithoutCatalog,
  noCompatibleDriver,
  testCertificateNotTrusted,
} from './failures/driver-installation';
import {
  kernelBreakpointWithoutDebugger,
  machineRebootedFromBugcheck,
  verifierLeakedPool,
  verifierViolation,
} from './failures/bugchecks';
import {
  hvciExecutableMdlMapping,
  hvciExecutablePageProtection,
  hvciExecutablePool,
  hvciIatInExecutableSection,
  hvciSectionAlignment,
  hvciUnsupportedRelocs,
  hvciWritableExecutableSection,
} from './failures/hvci';
import { attestationArchitectureNotInInf, attestationSignatureValidationFailed } from './failures/signing';

/** Every failure hlk-assist recognises in a log, in the order an operator meets them during a pass. */
export const knownFailures: readonly KnownFailure[] = [
  testCertificateNotTrusted,
  driverPackageWithoutCatalog,
  catalogDoesNotCoverFile,
  noCompatibleDriver,
  deviceInstallFailed,
  staleDriveMapping,
  controllerNameNotResolved,
  hlkDuplicateDatabaseKey,
  ndisTestBinariesMissing,
  openvpnLinkDownAfterFaultHandling,
  e2ePerfLinkSpeed,
  addressChangeTiming,
  packetTransmissionTooSlow,
  packetsReordered,
  protocolDriverBreakpoint,
  kernelBreakpointWithoutDebugger,
  verifierLeakedPool,
  verifierViolation,
  machineRebootedFromBugcheck,
  hvciExecutablePool,
  hvciExecutablePageProtection,
  hvciExecutableMdlMapping,
  hvciWritableExecutableSection,
  hvciSectionAlignment,
  hvciUnsupportedRelocs,
  hvciIatInExecutableSection,
  attestationSignatureValidationFailed,
  attestationArchitectureNotInInf,
];
