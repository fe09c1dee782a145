import { catalogOver, type SimulatedDriverFolder, type SimulatedPackageFile, type SimulatedSigner } from './driver-package';
import { practiceCertificate } from './practice-certificate';

/**
 * The tap-windows6 driver package of the practice lab, as buildtap.py --hlk leaves it: OemVista.inf,
 * tap0901.sys and a catalog signed with the lab's test certificate. The controller keeps the package that
 * will be submitted; each prepared client has the copy Windows put in its driver store.
 */

/** Where the practice controller keeps the package for the submission. */
export const SUBMISSION_FOLDER = 'C:\\HLK\\Submission\\tap-windows6';
/** The driver store's folder of OemVista.inf on the practice clients (FileRepository\<inf>_<arch>_<hash>). */
export const DRIVER_STORE_FOLDER = 'C:\\Windows\\System32\\DriverStore\\FileRepository\\oemvista.inf_amd64_3a8b1f0c2d4e5f60';

export function testSigner(): SimulatedSigner {
  const c = practiceCertificate();
  return { subject: c.subject, issuer: c.subject, thumbprint: c.thumbprint, notAfter: c.notAfter };
}

function inf(driver: { version: string; date: string }, catalog: string): string {
  return [
    '; OemVista.inf: TAP-Windows Adapter V9 (tap-windows6)',
    '[Version]',
    'Signature = "$Windows NT$"',
    `CatalogFile = ${catalog}`,
    'ClassGUID = {4d36e972-e325-11ce-bfc1-08002be10318}',
    'Provider = %Provider%',
    'Class = Net',
    `DriverVer = ${driver.date},${driver.version}`,
    '',
    '[Manufacturer]',
    '%Provider% = tap0901, NTamd64',
    '',
    '[Strings]',
    'Provider = "TAP-Windows Provider V9"',
    '',
  ].join('\r\n');
}

export interface TapPackageOptions {
  /** tap0901.sys was rebuilt after the catalog was made (its hash and signature no longer match). */
  rebuiltAfterSigning?: boolean;
  /** Files put in the folder after the catalog was made. */
  extraFiles?: SimulatedPackageFile[];
  /** The INF's CatalogFile line names another file than the catalog that is there. */
  infNamesCatalog?: string;
}

export function tapPackageFolder(path: string, driver: { version: string; date: string }, options: TapPackageOptions = {}): SimulatedDriverFolder {
  const signer = testSigner();
  const sys: SimulatedPackageFile = { name: 'tap0901.sys', text: `tap0901.sys ${driver.version} (amd64, NDIS 6.20)`, signer };
  const files: SimulatedPackageFile[] = [{ name: 'OemVista.inf', text: inf(driver, options.infNamesCatalog ?? 'tap0901.cat'), signer: null }, sys];
  const catalog = catalogOver('tap0901.cat', files, signer);
  if (options.rebuiltAfterSigning) {
    sys.text = `${sys.text}, rebuilt`;
    sys.changedAfterSigning = true;
  }
  return { path, files: [...files, catalog, ...(options.extraFiles ?? [])] };
}
