import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { ReadinessContext } from '../../shared/readiness/readings';
import type { LabFile } from '../lab/lab-file';

/**
 * The readiness context of a lab: its settings, how clients reach the controller, and the test
 * certificate file read from disk (relative paths are relative to the lab file's folder). Read again
 * for every run, so a certificate file put in place later is picked up without reopening the lab.
 */
export async function readinessContext(lab: LabFile, labDir: string | null): Promise<ReadinessContext> {
  const settings = lab.readiness;
  const controller = lab.machines.find((m) => m.role === 'controller');
  const controllerAddress = settings.controllerAddress ?? (controller?.connection === 'ssh' ? controller.host : null);
  const context: ReadinessContext = { settings, controllerAddress, certificate: null, certificateProblem: null, driverFolder: lab.provisioning.driverFolder ?? null };
  const file = settings.testCertificate.file;
  if (!file) return context;
  const path = isAbsolute(file) || labDir === null ? file : resolve(labDir, file);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    context.certificateProblem = `cannot read the certificate file ${path}: ${code === 'ENOENT' ? 'no such file' : code ?? (e as Error).message}`;
    return context;
  }
  try {
    const cert = new X509Certificate(bytes);
    context.certificate = {
      der: cert.raw.toString('base64'),
      thumbprint: cert.fingerprint.replace(/:/g, '').toUpperCase(),
      subject: cert.subject.split('\n').reverse().join(', '),
    };
  } catch {
    context.certificateProblem = `${path} is not a certificate (a .cer in DER or PEM form)`;
  }
  return context;
}
