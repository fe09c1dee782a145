import { z } from 'zod';
import { defineOperation } from './define';
import { windowsPath } from '../readiness/settings';
import reportScript from './scripts/signing-driver-report.ps1?raw';
import attestationScript from './scripts/signing-attestation-cab.ps1?raw';

/**
 * The driver package as it will be submitted: its signatures and catalog (the signing report) and the
 * cabinet for attestation signing. Both read a driver folder on a lab machine: the package kept for the
 * submission on the controller, or the copy Windows installed into a client's driver store.
 */

/** A file's Authenticode signature as Get-AuthenticodeSignature gives it. */
export const authenticodeSignature = z.object({
  /** SignatureStatus: Valid, NotSigned, HashMismatch, NotTrusted, UnknownError, ... */
  status: z.string(),
  message: z.string(),
  signer: z
    .object({ subject: z.string(), issuer: z.string(), thumbprint: z.string(), notAfter: z.string() })
    .nullable(),
});
export type AuthenticodeSignature = z.infer<typeof authenticodeSignature>;

export const driverPackageFile = z.object({
  /** Relative to the folder: OemVista.inf, amd64\tap0901.sys. */
  path: z.string(),
  bytes: z.number().int(),
  /** The hash the catalog API computes for it (Authenticode hash of a binary); null without a catalog. */
  hash: z.string().nullable(),
  /** The hash the catalog records for it; null when the catalog does not list it. */
  catalogHash: z.string().nullable(),
  /** Binaries and the catalog carry a signature; the INF and other text files do not (null). */
  signature: authenticodeSignature.nullable(),
});
export type DriverPackageFile = z.infer<typeof driverPackageFile>;

export const driverPackageReport = z.object({
  folder: z.string(),
  inf: z.object({
    file: z.string(),
    /** DriverVer as written: "06/02/2021,9.24.6.601". */
    driverVer: z.string().nullable(),
    /** CatalogFile and its decorated forms (CatalogFile.NTamd64) from [Version]. */
    catalogFiles: z.array(z.object({ key: z.string(), file: z.string() })),
  }),
  catalog: z
    .object({
      file: z.string(),
      hashAlgorithm: z.string(),
      /** Test-FileCatalog's verdict on the folder against the catalog: Valid or ValidationFailed. */
      status: z.string(),
      /** Files the catalog lists that are not in the folder. */
      missing: z.array(z.string()),
    })
    .nullable(),
  files: z.array(driverPackageFile),
});
export type DriverPackageReport = z.infer<typeof driverPackageReport>;

export const signingDriverReport = defineOperation({
  name: 'signing.driverReport',
  area: 'signing',
  title: 'Read a driver package\'s signatures',
  description:
    'Reads a driver folder (or the driver store\'s copy of an installed INF): the INF\'s DriverVer and CatalogFile, every file against the catalog (Test-FileCatalog), and the signature of the catalog and each binary (Get-AuthenticodeSignature) with its signer. Changes nothing.',
  params: z
    .object({
      folder: windowsPath.optional(),
      /** Instead of a folder (one of the two is given; storedInf wins): the INF's name as installed (oemvista.inf), read from its folder in the driver store. */
      storedInf: z.string().max(100).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.inf$/i, 'an INF file name such as oemvista.inf').meta({ examples: ['oemvista.inf'] }).optional(),
    })
    .strict(),
  result: driverPackageReport,
  script: reportScript,
  timeoutMs: 120_000,
  changesMachine: false,
});

/** A cabinet's file name: letters, digits, dot, dash, underscore, ending in .cab. */
const cabName = z.string().max(100).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.cab$/i, 'a file name ending in .cab, such as tap0901-amd64.cab').meta({ examples: ['tap0901-amd64.cab'] });

export const attestationCab = z.object({
  ddfPath: z.string(),
  /** The makecab directive file as written. */
  ddf: z.string(),
  cabPath: z.string(),
  cabBytes: z.number().int(),
  /** What goes in, and where in the cabinet. */
  files: z.array(z.object({ source: z.string(), destination: z.string(), bytes: z.number().int() })),
  /** What was left out of the folder, and why. */
  leftOut: z.array(z.object({ path: z.string(), reason: z.string() })),
});
export type AttestationCab = z.infer<typeof attestationCab>;

export const signingAttestationCab = defineOperation({
  name: 'signing.attestationCab',
  area: 'signing',
  title: 'Build the attestation cabinet',
  description:
    'Writes a makecab directive file (.ddf) for the driver folder and runs `makecab /f` to build the .cab Microsoft\'s Hardware Dev Center takes for attestation signing: the INF and binaries under one folder named after the package, the old .cat left out (Microsoft signs a new one), symbols only if asked. Sign the .cab with your EV certificate before uploading.',
  params: z
    .object({
      folder: windowsPath,
      /** Where the .ddf and the .cab are written; created if missing. */
      outputFolder: windowsPath,
      cabName,
      includeSymbols: z.boolean().default(false),
    })
    .strict(),
  result: attestationCab,
  script: attestationScript,
  timeoutMs: 300_000,
  changesMachine: true,
});
