import { isOperationFailure } from '../../shared/errors';
import { signingDriverReport, type DriverPackageReport } from '../../shared/operations/driver-package';
import { hlkMachines, hlkProject } from '../../shared/operations/hlk';
import { hlkSubmissionTests } from '../../shared/operations/hlk-submission';
import type { ReadinessSettings } from '../../shared/readiness/settings';
import { checkSubmission, type SubmissionCheck, type SubmissionInputs } from '../../shared/submission/check';
import type { Machine } from '../machines/machine';

/**
 * Reads what the pre-submission check judges: the project's tests, playlist and product types and HLK's
 * machines on the controller, the package for the submission there, and the driver each client and the
 * support machine runs. Shared by the HLK Studio page and `hlk-assist check-submission`.
 */


async function read<T>(machine: Machine, op: Parameters<Machine['run']>[0], params: Record<string, unknown>): Promise<{ ok: true; value: T } | { ok: false; message: string }> {
  try {
    return { ok: true, value: (await machine.run(op, params)) as T };
  } catch (e) {
    if (isOperationFailure(e)) return { ok: false, message: e.info.message };
    throw e;
  }
}

export async function runSubmissionCheck(machines: readonly Machine[], settings: ReadinessSettings, now = new Date()): Promise<SubmissionCheck> {
  const at = now.toISOString();
  const controller = machines.find((m) => m.role === 'controller');
  if (!controller) return { ok: false, reason: 'the lab names no controller', at };
  if (controller.connectionState !== 'connected') return { ok: false, reason: `the controller ${controller.name} is not connected`, at };
  const project = settings.hlk.project;
  const tests = await read<{ playlistLoaded: boolean; tests: SubmissionInputs['tests'] }>(controller, hlkSubmissionTests, { project });
  if (!tests.ok) return { ok: false, reason: `HLK's project ${project} could not be read: ${tests.message}`, at };
  const info = await read<{ productTypes: string[] }>(controller, hlkProject, { name: project });
  if (!info.ok) return { ok: false, reason: `HLK's project ${project} could not be read: ${info.message}`, at };
  const known = await read<{ machines: Array<{ name: string }> }>(controller, hlkMachines, {});
  if (!known.ok) return { ok: false, reason: `HLK's machines could not be read: ${known.message}`, at };
  const submitted = await read<DriverPackageReport>(controller, signingDriverReport, { folder: settings.submission.driverFolder });
  const clients = await Promise.all(
    machines
      .filter((m) => m.role !== 'controller')
      .map(async (m) => {
        if (m.connectionState !== 'connected') return { machine: m.name, report: null, error: 'not connected' };
        const r = await read<DriverPackageReport>(m, signingDriverReport, { storedInf: settings.driver.infName });
        return { machine: m.name, report: r.ok ? r.value : null, error: r.ok ? null : r.message };
      }),
  );
  const controllerComputer = controller.view().facts?.computerName?.toLowerCase() ?? null;
  const findings = checkSubmission({
    project,
    playlistLoaded: tests.value.playlistLoaded,
    tests: tests.value.tests,
    productTypes: info.value.productTypes,
    requiredProductType: settings.submission.productType,
    filtersUpdatedOn: settings.submission.filtersUpdatedOn,
    now,
    submitted: submitted.ok ? submitted.value : null,
    clients,
    hlkClientCount: known.value.machines.filter((m) => m.name.toLowerCase() !== controllerComputer).length,
  });
  return { ok: true, ready: findings.length === 0, findings, at };
}
