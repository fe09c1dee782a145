import type { DriverPackageReport } from '../operations/driver-package';

/**
 * The pre-submission check: what Microsoft's Hardware Dev Center would reject the package for, found before
 * the package is made. Pure: it judges what was read from the controller and the clients.
 */

/** HLK's limit of client machines per controller. */
export const MAX_CLIENTS = 150;
/** Filters older than this are probably not the current ones: Microsoft updates them every few weeks. */
export const FILTERS_MAX_AGE_DAYS = 90;

export type SubmissionFindingId =
  | 'no-playlist'
  | 'test-not-run'
  | 'test-failed'
  | 'filters-old'
  | 'product-type-missing'
  | 'driver-differs'
  | 'driver-unreadable'
  | 'too-many-clients';

export interface SubmissionFinding {
  id: SubmissionFindingId;
  /** The test, machine or file it is about. */
  subject: string | null;
  text: string;
  todo: string;
}

export type SubmissionCheck =
  | { ok: true; ready: boolean; findings: SubmissionFinding[]; at: string }
  /** It could not be checked: no controller, the controller away, HLK not answering. */
  | { ok: false; reason: string; at: string };

export interface SubmissionInputs {
  project: string;
  playlistLoaded: boolean;
  tests: Array<{ name: string; status: string; filtersApplied: boolean }>;
  productTypes: string[];
  /** The product type the driver's certification needs (LAN for tap-windows6). */
  requiredProductType: string;
  /** When HLK's filters were last updated on the controller (the lab file says), or null when unknown. */
  filtersUpdatedOn: string | null;
  now: Date;
  /** The package that will be submitted, and the copy each client runs (null report: could not be read). */
  submitted: DriverPackageReport | null;
  clients: Array<{ machine: string; report: DriverPackageReport | null; error: string | null }>;
  /** Machines HLK knows on the controller besides the controller itself. */
  hlkClientCount: number;
}

/** The files of a package by name and hash, the catalog's hash of each where the folder's is not known. */
function fileSet(r: DriverPackageReport): Map<string, string | null> {
  return new Map(r.files.map((f) => [f.path.toLowerCase(), f.hash ?? f.catalogHash]));
}

export function checkSubmission(i: SubmissionInputs): SubmissionFinding[] {
  const out: SubmissionFinding[] = [];
  const add = (id: SubmissionFindingId, subject: string | null, text: string, todo: string) => out.push({ id, subject, text, todo });
  if (!i.playlistLoaded) {
    add('no-playlist', i.project, `No compatibility playlist is loaded in ${i.project}: the package would hold every test, not the ones the kit asks for.`, 'Load the playlist for the kit and architecture (HLK Studio page, Load).');
  }
  for (const t of i.tests) {
    if (t.status === 'Passed') continue;
    if (t.status === 'Failed') {
      if (!t.filtersApplied) add('test-failed', t.name, `${t.name} failed and no filter covers the failure.`, 'Fix the cause and run it again (HLK Studio page, Rerun), or apply the current filters if an erratum covers it.');
    } else add('test-not-run', t.name, `${t.name} has not passed yet (${t.status}).`, 'Run it (HLK Studio page) and wait until it passes.');
  }
  if (i.filtersUpdatedOn === null) {
    add('filters-old', null, 'The date HLK\'s filters were last updated is not known.', 'Update the filters in HLK Studio (Update filters), then set readiness.submission.filtersUpdatedOn in the lab file.');
  } else {
    const days = (i.now.getTime() - Date.parse(i.filtersUpdatedOn)) / 86_400_000;
    if (!(days <= FILTERS_MAX_AGE_DAYS)) add('filters-old', null, `HLK's filters were last updated on ${i.filtersUpdatedOn}, ${Math.floor(days)} days ago.`, 'Update the filters in HLK Studio (Update filters) and apply them to the results before packaging.');
  }
  if (!i.productTypes.includes(i.requiredProductType)) {
    add('product-type-missing', i.project, `The project's product types are ${i.productTypes.join(', ') || 'none'}: ${i.requiredProductType} is not among them, so the driver would not be certified as ${i.requiredProductType}.`, 'Add the missing feature to the driver\'s targets (HLK Studio page: Add Device.Network.LAN.PM) and run the tests it brings in.');
  }
  if (i.submitted === null) {
    add('driver-unreadable', 'submission', 'The driver package for the submission could not be read.', 'Check readiness.submission.driverFolder in the lab file and read it on the Signing page.');
  } else {
    const submitted = fileSet(i.submitted);
    for (const c of i.clients) {
      if (c.report === null) {
        add('driver-unreadable', c.machine, `The driver ${c.machine} runs could not be read: ${c.error ?? 'no answer'}.`, 'Read it on the Signing page; install the submission\'s package on the machine if it has none.');
        continue;
      }
      const theirs = fileSet(c.report);
      const differ = [...new Set([...submitted.keys(), ...theirs.keys()])].filter((name) => submitted.get(name) !== theirs.get(name)).sort();
      if (differ.length > 0) {
        add('driver-differs', c.machine, `${c.machine} ran a different driver package than the one to submit: ${differ.join(', ')} differ.`, 'Install the package that will be submitted on the clients and run the tests again, or submit the package they ran.');
      }
    }
  }
  if (i.hlkClientCount > MAX_CLIENTS) {
    add('too-many-clients', null, `The controller has ${i.hlkClientCount} client machines; HLK supports at most ${MAX_CLIENTS}.`, 'Move machines to another controller, or delete machines that are gone from HLK.');
  }
  return out;
}
