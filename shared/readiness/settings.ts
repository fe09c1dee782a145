import { z } from 'zod';
import { serviceName } from '../operations/services';

/**
 * What readiness checks a lab against: the lab file's optional `readiness` object. Every field has a
 * default for the reference case (tap-windows6 behind OpenVPN, HLK 1809), so a lab file without it is
 * checked as the OpenVPN wiki describes that pass.
 */

/**
 * The Windows build each HLK kit is made for. A client on another build sets up badly or fails tests
 * for reasons that have nothing to do with the driver (the wiki's "HLK client version mismatches").
 */
export const hlkKits = {
  '1607': { builds: [14393], windows: 'Windows 10 / Windows Server 2016, version 1607' },
  '1703': { builds: [15063], windows: 'Windows 10, version 1703' },
  '1709': { builds: [16299], windows: 'Windows 10, version 1709' },
  '1803': { builds: [17134], windows: 'Windows 10, version 1803' },
  '1809': { builds: [17763], windows: 'Windows 10 / Windows Server 2019, version 1809' },
  '1903': { builds: [18362, 18363], windows: 'Windows 10, version 1903 or 1909' },
  '2004': { builds: [19041, 19042, 19043, 19044, 19045], windows: 'Windows 10, version 2004 to 22H2' },
  server2022: { builds: [20348], windows: 'Windows Server 2022' },
  '21H2': { builds: [22000], windows: 'Windows 11, version 21H2' },
  '22H2': { builds: [22621, 22631], windows: 'Windows 11, version 22H2 or 23H2' },
  '24H2': { builds: [26100], windows: 'Windows 11 / Windows Server 2025, version 24H2' },
} as const;
export type HlkKit = keyof typeof hlkKits;
const kitNames = Object.keys(hlkKits) as [HlkKit, ...HlkKit[]];

/** The files 1c_FaultHandling and 1c_Registry copy from the controller's test share (the wiki's list). */
export const ndisTestBinaries = [
  'amd64\\NetHlk\\NDISTest\\bin\\ntndis62\\ndprot62.sys',
  'amd64\\NetHlk\\NDISTest\\bin\\ntndis61\\ndprot61.sys',
  'amd64\\NetHlk\\NDISTest\\bin\\ntndis6\\ndprot60.sys',
  'amd64\\NetHlk\\NDISTest\\bin\\ntndis51\\ndprot51.sys',
];

/** A host name or an IP address, as a machine would be asked to reach it. */
export const networkHost = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9][A-Za-z0-9.:%-]*$/, 'a host name or an IP address');

/** An IPv4 or IPv6 address (a zone index such as %12 allowed). */
export const ipAddress = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[0-9A-Fa-f:.]+(%[A-Za-z0-9]+)?$/, 'an IPv4 or IPv6 address');

/** An INF file name as the driver store lists it under "Original Name". */
export const infFileName = z
  .string()
  .min(5)
  .max(255)
  .regex(/^[A-Za-z0-9_.-]+\.inf$/i, 'an INF file name such as oemvista.inf');

/** An SMB share name: no wildcards, slashes or line breaks. */
export const shareName = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[^\\/\0\r\n*?[\]"<>|:]+$/, 'a share name (no slashes, wildcards or line breaks)');

/** A path inside a share, relative and without '..'. */
export const sharePath = z
  .string()
  .min(1)
  .max(260)
  .regex(/^(?![\\/])(?!.*(^|[\\/])\.\.([\\/]|$))[^\0\r\n*?"<>|:]+$/, 'a relative path inside the share, without ".."');

/** An absolute path on a Windows machine (C:\\...), without wildcards or line breaks. */
export const windowsPath = z
  .string()
  .min(3)
  .max(260)
  .regex(/^[A-Za-z]:\\[^\0\r\n*?"<>|]*$/, 'an absolute Windows path such as C:\\Tools\\tapdiag.exe')
  .meta({ examples: ['C:\\Tools\\tapdiag.exe'] });

/** A name HLK Studio accepts for a project or a machine pool: no path separators or line breaks. */
export const hlkObjectName = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[^\\/\0\r\n*?"<>|:$]+$/, 'a project or pool name (no slashes, wildcards, $ or line breaks)');

const thumbprint = z
  .string()
  .regex(/^[0-9A-Fa-f]{40}$/, 'a certificate thumbprint: 40 hexadecimal digits')
  .transform((s) => s.toUpperCase());

export const readinessSettingsSchema = z
  .object({
    /** The HLK kit the lab runs, e.g. "1809": clients and support must run the Windows build it is made for. */
    hlkVersion: z.enum(kitNames).default('1809'),
    /**
     * How the clients reach the controller (TCP 1771, 1782, 445). Defaults to the controller's host in
     * the lab file; give it when clients know the controller by another name.
     */
    controllerAddress: networkHost.optional(),
    /** An address on the VPN the client must be able to ping over IPv6 (the wiki's example). */
    vpnPeerAddress: ipAddress.default('2001:db8:6666::2'),
    driver: z
      .object({
        hardwareId: z.string().min(1).max(200).regex(/^[^\0\r\n]+$/).default('tap0901'),
        adapterDescription: z.string().min(1).max(256).regex(/^[^\0\r\n]+$/).default('TAP-Windows Adapter V9'),
        infName: infFileName.default('oemvista.inf'),
        /** The driver's .sys file, as Driver Verifier names the drivers it verifies. */
        file: z.string().min(5).max(255).regex(/^[^\\/\0\r\n:*?"<>|\s]+\.sys$/i, 'a driver file name such as tap0901.sys').default('tap0901.sys'),
      })
      .strict()
      .prefault({}),
    /**
     * The driver's test certificate: matched by subject text or thumbprint. `file` (a .cer, relative to
     * the lab file) is what the import fix installs; its thumbprint is used when none is given.
     */
    testCertificate: z
      .object({
        subject: z.string().min(1).max(256).regex(/^[^\0\r\n]+$/).optional(),
        thumbprint: thumbprint.optional(),
        file: z.string().min(1).max(4096).optional(),
      })
      .strict()
      .refine((c) => c.subject !== undefined || c.thumbprint !== undefined || c.file !== undefined, {
        message: 'give the certificate\'s subject, thumbprint or file',
      })
      .prefault({ subject: 'WDKTestCert' }),
    /** The HLK client's services, as this kit installs them. */
    hlkClientServices: z.array(serviceName).min(1).max(16).default(['HLKSvc']),
    /** The controller's HLK services, as this kit installs them. */
    hlkControllerServices: z.array(serviceName).min(1).max(16).default(['HLKSvc', 'WTTSvc']),
    /** OpenVPN's services, preferred first; either running with automatic start will do. */
    openvpnServices: z.array(serviceName).min(1).max(8).default(['OpenVPNService', 'OpenVPNServiceLegacy']),
    /** Above this `verb`, OpenVPN logs every packet, which slows the packet tests until they miss their time. */
    maxOpenvpnVerbosity: z.number().int().min(0).max(11).default(4),
    /** Processor cores a client needs for Server certification. */
    minCores: z.number().int().min(1).max(1024).default(4),
    /** Free space on the system drive below which a pass is at risk (logs, dumps, test binaries). */
    minFreeSpaceGb: z.number().min(0).max(1_000_000).default(10),
    /** The controller's share the tests copy from, and the files that must be in it. */
    testShare: z
      .object({
        name: shareName.default('tests'),
        requiredFiles: z.array(sharePath).min(1).max(100).default(ndisTestBinaries),
      })
      .strict()
      .prefault({}),
    /**
     * tapdiag.exe on the clients and the support machine: the tool from tap-windows6's HLK work that sets
     * the TAP driver's link state and 802.1Q handling. It is not installed with the driver; copy it there.
     */
    tapdiagPath: windowsPath.default('C:\\Program Files\\TAP-Windows\\bin\\tapdiag.exe'),
    /** HLK Studio on the controller: the project and pool of this pass, and where the compatibility playlists were unzipped. */
    hlk: z
      .object({
        project: hlkObjectName.default('tap-windows6'),
        pool: hlkObjectName.default('tap-windows6'),
        playlistFolder: windowsPath.default('C:\\HLK\\Playlists'),
      })
      .strict()
      .prefault({}),
    /**
     * The submission: the driver package folder on the controller that goes into the .hlkx (and the
     * attestation cabinet), where the cabinet is written, and the INF's name as the clients installed it.
     */
    submission: z
      .object({
        driverFolder: windowsPath.default('C:\\HLK\\Submission\\tap-windows6'),
        attestationFolder: windowsPath.default('C:\\HLK\\Attestation'),
        cabName: z.string().max(100).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.cab$/i, 'a file name ending in .cab').default('tap0901-amd64.cab'),
        /** When HLK's filters were last updated on the controller (Studio's Update filters): YYYY-MM-DD. */
        filtersUpdatedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD').nullable().default(null),
        /** The product type the driver's certification needs. */
        productType: z.string().min(1).max(64).default('LAN'),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type ReadinessSettingsInput = z.input<typeof readinessSettingsSchema>;
export type ReadinessSettings = z.output<typeof readinessSettingsSchema>;
