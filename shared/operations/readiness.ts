import { z } from 'zod';
import { defineOperation } from './define';
import { serviceName, serviceStatus } from './services';
import { networkHost, shareName, sharePath } from '../readiness/settings';
import machineScript from './scripts/readiness-machine.ps1?raw';
import reachabilityScript from './scripts/readiness-reachability.ps1?raw';
import controllerScript from './scripts/readiness-controller.ps1?raw';

/**
 * The read operations behind the readiness checks: one round trip gathers most of what a machine can
 * say about itself. Each part of the answer is read on its own on the machine, so one part that cannot
 * be read (a missing command, access denied, output that does not parse) arrives as its error while
 * the others still arrive.
 */

/** One part of a gathered answer: its value, or why it could not be read. */
function part<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: z.string() }),
  ]);
}

const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO 8601 time');

const gatheredAdapter = z.object({
  name: z.string(),
  interfaceDescription: z.string(),
  componentId: z.string(),
  status: z.string(),
  receiveLinkSpeed: z.number(),
  driverVersion: z.string(),
  ipv6Addresses: z.array(z.object({ address: z.string(), prefixLength: z.number().int() })),
  ipv6Gateways: z.array(z.string()),
  hasIPv4: z.boolean(),
});

const driverPackage = z.object({
  publishedName: z.string(),
  originalName: z.string(),
  provider: z.string(),
  className: z.string(),
  version: z.string(),
  date: z.string(),
});

const readinessMachineResult = z.object({
  services: part(z.object({ services: z.array(serviceStatus) })),
  signing: part(
    z.object({
      testSigningConfigured: z.boolean(),
      testSigningActive: z.boolean(),
      secureBoot: z.boolean().nullable(),
    }),
  ),
  certificates: part(
    z.object({
      matching: z.array(z.object({ store: z.string(), subject: z.string(), thumbprint: z.string(), notAfter: isoTime })),
    }),
  ),
  adapters: part(z.object({ adapters: z.array(gatheredAdapter) })),
  driverStore: part(z.object({ packages: z.array(driverPackage) })),
  drives: part(z.object({ mappings: z.array(z.object({ localPath: z.string(), remotePath: z.string(), status: z.string() })) })),
  openvpn: part(
    z.object({
      installed: z.boolean(),
      installDir: z.string().nullable(),
      version: z.string().nullable(),
      configs: z.array(z.object({ path: z.string(), verb: z.number().int().nullable() })),
    }),
  ),
  systemDrive: part(z.object({ name: z.string(), freeBytes: z.number(), totalBytes: z.number() })),
});

export const readinessMachine = defineOperation({
  name: 'readiness.machine',
  area: 'readiness',
  title: 'Read readiness facts (client, support)',
  description:
    'In one round trip: the named services, test signing (bcdedit, Secure Boot), the test certificate in Root and TrustedPublisher, network adapters with IPv6 addresses and gateways, the driver package in the driver store (pnputil), network drives, OpenVPN and its configured verbosity, and free space on the system drive.',
  params: z
    .object({
      services: z.array(serviceName).min(1).max(32),
      /** The driver package's original INF name (oemvista.inf for tap-windows6), compared exactly. */
      infName: z.string().min(1).max(255).regex(/^[^\0\r\n]+$/),
      certificate: z
        .object({
          subject: z.string().min(1).max(256).nullable(),
          thumbprint: z.string().min(1).max(128).regex(/^[^\0\r\n]+$/).nullable(),
        })
        .strict(),
    })
    .strict(),
  result: readinessMachineResult,
  script: machineScript,
  timeoutMs: 60_000,
  changesMachine: false,
});

const readinessReachabilityResult = z.object({
  tcp: z.array(z.object({ host: z.string(), port: z.number().int(), open: z.boolean(), detail: z.string() })),
  ping: z.array(z.object({ address: z.string(), answered: z.boolean(), roundTripMs: z.number().int().nullable(), detail: z.string() })),
});

export const readinessReachability = defineOperation({
  name: 'readiness.reachability',
  area: 'readiness',
  title: 'Test controller ports and VPN pings',
  description:
    'From this machine: a TCP connection to each given host and port (the controller\'s 1771, 1782 and 445), and a ping to each given address (the support machine and the VPN peer over IPv6).',
  params: z
    .object({
      tcp: z.array(z.object({ host: networkHost, port: z.number().int().min(1).max(65535) }).strict()).max(16),
      ping: z.array(z.object({ address: networkHost }).strict()).max(16),
      timeoutMs: z.number().int().min(100).max(10_000).default(2000),
    })
    .strict(),
  result: readinessReachabilityResult,
  script: reachabilityScript,
  timeoutMs: 90_000,
  changesMachine: false,
});

const readinessControllerResult = z.object({
  studio: part(
    z.object({
      installed: z.boolean(),
      directory: z.string().nullable(),
      missingAssemblies: z.array(z.string()),
      controller: z.string().nullable(),
      database: z.string().nullable(),
    }),
  ),
  services: part(z.object({ services: z.array(serviceStatus) })),
  testShare: part(z.object({ exists: z.boolean(), path: z.string().nullable(), missing: z.array(z.string()) })),
});

export const readinessController = defineOperation({
  name: 'readiness.controller',
  area: 'readiness',
  title: 'Read readiness facts (controller)',
  description:
    'In one round trip: HLK Studio\'s folder (WTTSTDIO), its object model assemblies and connect.xml, the HLK services, and which of the given files the test share lacks.',
  params: z
    .object({
      services: z.array(serviceName).min(1).max(16),
      testShare: z
        .object({
          name: shareName,
          files: z.array(sharePath).min(1).max(100),
        })
        .strict(),
    })
    .strict(),
  result: readinessControllerResult,
  script: controllerScript,
  timeoutMs: 60_000,
  changesMachine: false,
});
