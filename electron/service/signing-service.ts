import { signingAttestationCab, signingDriverReport } from '../../shared/operations/driver-package';
import { driverVersion, signerSummary, signingFindings } from '../../shared/signing/findings';
import type { AttestationView, SigningReportView, SigningStateView } from '../../shared/signing/views';
import { attempt, machineOf, type PassContext } from './pass-context';

/**
 * The driver package's signing report and attestation cabinet: reads a driver folder (the package for the
 * submission on the controller, or a client's driver store copy), keeps the last read of each machine for
 * the page and the pass report, and builds the attestation cabinet on the machine that holds the package.
 */
export class SigningService {
  private readonly reports = new Map<string, SigningReportView>();
  private attestation: AttestationView | null = null;

  constructor(private readonly ctx: PassContext) {}

  async view(): Promise<SigningStateView> {
    const s = await this.ctx.settings();
    const controller = this.ctx.machines.find((m) => m.role === 'controller')?.name ?? null;
    const reports = [...this.reports.values()].sort((a, b) => (a.machine === controller ? -1 : b.machine === controller ? 1 : a.machine.localeCompare(b.machine)));
    return {
      defaults: { machine: controller, folder: s.submission.driverFolder, outputFolder: s.submission.attestationFolder, cabName: s.submission.cabName, storedInf: s.driver.infName },
      reports,
      attestation: this.attestation,
    };
  }

  /** Reads the folder (or the driver store's copy of the INF) on the machine. */
  async read(machineName: string, where: { folder?: string; storedInf?: string }): Promise<SigningReportView> {
    const machine = machineOf(this.ctx, machineName);
    const done = await attempt(machine, signingDriverReport, where);
    const report = done.ok ? done.result : null;
    const findings = report ? signingFindings(report, machine.role !== 'controller') : [];
    const view: SigningReportView = {
      machine: machineName,
      asked: where.folder ?? `the driver store's ${where.storedInf}`,
      at: new Date().toISOString(),
      report,
      error: done.ok ? null : done.error,
      findings,
      signers: report ? signerSummary(report) : '',
      driverVersion: report ? driverVersion(report.inf.driverVer) : null,
    };
    // The last read of each folder on each machine: the submission package and the installed copies side by side.
    this.reports.set(`${machineName}\u0000${view.asked.toLowerCase()}`, view);
    this.ctx.record(
      machineName,
      'submission',
      report
        ? `signing report of ${report.folder}: ${findings.filter((f) => f.severity === 'fail').length} problem(s), ${view.signers}`
        : `signing report of ${view.asked} failed: ${done.ok ? '' : done.error.message}`,
    );
    return view;
  }

  async attest(machineName: string, p: { folder: string; outputFolder: string; cabName: string; includeSymbols: boolean }): Promise<AttestationView> {
    const machine = machineOf(this.ctx, machineName);
    const done = await attempt(machine, signingAttestationCab, p);
    this.attestation = { machine: machineName, at: new Date().toISOString(), cab: done.ok ? done.result : null, error: done.ok ? null : done.error };
    this.ctx.record(
      machineName,
      'submission',
      done.ok ? `attestation cabinet ${done.result.cabPath} (${done.result.files.length} files, ${done.result.cabBytes} bytes)` : `attestation cabinet failed: ${done.error.message}`,
    );
    return this.attestation;
  }
}
