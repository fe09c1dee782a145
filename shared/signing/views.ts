import type { OperationError } from '../errors';
import type { AttestationCab, DriverPackageReport } from '../operations/driver-package';
import type { SigningFinding } from './findings';

/** One read of a driver folder's signatures on one machine, with what it means. */
export interface SigningReportView {
  machine: string;
  /** The folder asked for, or the driver store's copy of the INF. */
  asked: string;
  at: string;
  report: DriverPackageReport | null;
  error: OperationError | null;
  findings: SigningFinding[];
  /** Who signed the package, in words. */
  signers: string;
  /** DriverVer's version, when DriverVer reads as date,version. */
  driverVersion: string | null;
}

export interface AttestationView {
  machine: string;
  at: string;
  cab: AttestationCab | null;
  error: OperationError | null;
}

export interface SigningStateView {
  /** From the lab file's readiness.submission (or its defaults), and the machine that holds the package. */
  defaults: { machine: string | null; folder: string; outputFolder: string; cabName: string; storedInf: string };
  /** The last read per machine, the submission's package first. */
  reports: SigningReportView[];
  attestation: AttestationView | null;
}
