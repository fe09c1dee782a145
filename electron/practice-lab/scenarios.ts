import type { SimulatedAdapter, SimulatedHostSpec, SimulatedService, SimulatedSystem } from './simulated-host';

/**
 * The machines of the practice lab: an HLK 1809 lab as the OpenVPN wiki describes it, with a controller
 * on Windows Server 2016 and clients and support machine on Windows Server 2019 (10.0.17763).
 */

const server2019: SimulatedSystem = {
  computerName: '',
  osVersion: '10.0.17763.0',
  ubr: 1879,
  productName: 'Windows Server 2019 Standard',
  edition: 'ServerStandard',
  releaseId: '1809',
  cores: 4,
  logicalProcessors: 8,
  hardware: 'Dell Inc. OptiPlex 7070',
  isVirtual: false,
  pendingReboot: [],
  powershellVersion: '5.1.17763.1852',
  elevated: true,
};

const hlkClientServices: SimulatedService[] = [
  { name: 'HLKSvc', displayName: 'HLK Communication Service', status: 'Running', startType: 'Automatic' },
  { name: 'OpenVPNService', displayName: 'OpenVPNService', status: 'Running', startType: 'Automatic' },
  { name: 'OpenVPNServiceLegacy', displayName: 'OpenVPN Legacy Service', status: 'Stopped', startType: 'Manual' },
  { name: 'sshd', displayName: 'OpenSSH SSH Server', status: 'Running', startType: 'Automatic' },
];

function tapAdapter(name: string, n: number): SimulatedAdapter {
  return {
    name,
    interfaceDescription: 'TAP-Windows Adapter V9',
    ifIndex: 12,
    status: 'Up',
    linkSpeedBps: 1e9,
    macAddress: `00-FF-6A-3C-1D-0${n}`,
    driverVersion: '9.24.6.601',
    componentId: 'tap0901',
    addresses: [
      { address: `2001:db8:6666::${n}`, family: 'IPv6', prefixLength: 64 },
      { address: `10.66.0.${n}`, family: 'IPv4', prefixLength: 24 },
    ],
  };
}

function lanAdapter(n: number): SimulatedAdapter {
  return {
    name: 'Ethernet',
    interfaceDescription: 'Intel(R) Ethernet Connection (7) I219-LM',
    ifIndex: 6,
    status: 'Up',
    linkSpeedBps: 1e9,
    macAddress: `A4-BB-6D-40-12-0${n}`,
    driverVersion: '12.18.9.10',
    componentId: 'PCI\\VEN_8086&DEV_15BB',
    addresses: [{ address: `192.0.2.${10 + n}`, family: 'IPv4', prefixLength: 24 }],
  };
}

export function readyLab(): SimulatedHostSpec[] {
  return [
    {
      name: 'controller',
      role: 'controller',
      user: 'Administrator',
      password: 'practice-controller',
      system: {
        ...server2019,
        computerName: 'HLK-CONTROLLER',
        osVersion: '10.0.14393.0',
        ubr: 4169,
        productName: 'Windows Server 2016 Standard',
        releaseId: '1607',
        cores: 2,
        logicalProcessors: 2,
        hardware: 'innotek GmbH VirtualBox',
        isVirtual: true,
        powershellVersion: '5.1.14393.4169',
      },
      services: [
        { name: 'HLKSvc', displayName: 'HLK Service', status: 'Running', startType: 'Automatic' },
        { name: 'WTTSvc', displayName: 'HLK Server Service', status: 'Running', startType: 'Automatic' },
        { name: 'sshd', displayName: 'OpenSSH SSH Server', status: 'Running', startType: 'Automatic' },
      ],
      adapters: [lanAdapter(0)],
    },
    ...[1, 2].map(
      (n): SimulatedHostSpec => ({
        name: `client${n}`,
        role: 'client',
        user: 'Administrator',
        password: `practice-client${n}`,
        system: { ...server2019, computerName: `HLK-CLIENT${n}` },
        services: hlkClientServices,
        adapters: [lanAdapter(n), tapAdapter(n === 1 ? 'MessageDevice' : 'Ethernet 2', n)],
      }),
    ),
    {
      name: 'support',
      role: 'support',
      user: 'Administrator',
      password: 'practice-support',
      system: { ...server2019, computerName: 'HLK-SUPPORT' },
      services: hlkClientServices,
      adapters: [lanAdapter(3), tapAdapter('SupportDevice0', 3)],
    },
  ];
}
