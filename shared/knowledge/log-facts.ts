/**
 * Facts a log states about itself that change what a finding should say: which driver it blames, on which
 * processor architecture and which Windows. Each rule is a text to look for (any letter case, printable ASCII)
 * and a pattern whose named groups `driver`, `architecture` and `windows` read the fact.
 *
 * Rules that name a driver are in order of trust: the debugger's IMAGE_NAME: is its verdict, "Unable to load
 * image" only says which driver's symbols were missing, often the culprit's but not always. A finding takes the
 * most trusted driver the log names, the nearest before its first line or else the first after it.
 */
export interface LogFactRule {
  contains: string;
  pattern: RegExp;
  /** The debugger writes modules without extension (MODULE_NAME: npcap); the driver is then npcap.sys. */
  bareModuleName?: boolean;
}

/** In order of trust, most trusted first. */
export const driverRules: readonly LogFactRule[] = [
  // !analyze -v
  { contains: 'IMAGE_NAME:', pattern: /^\s*IMAGE_NAME:\s+(?<driver>[\w.-]+)/i },
  { contains: 'MODULE_NAME:', pattern: /^\s*MODULE_NAME:\s+(?<driver>[\w.-]+)/i, bareModuleName: true },
  // Older debuggers and BlueScreenView-style summaries
  { contains: 'Probably caused by', pattern: /Probably caused by\s*:\s*(?<driver>[\w.-]+)/i },
  // 0xc4_62_LEAKED_POOL_IMAGE_ovpn-dco.sys, 0x133_DPC_npcap!NPF_ObjectPoolReturn, 0x7c_netkvm!ParaNdis...
  {
    contains: 'BUCKET_ID:',
    pattern: /^\s*(?:FAILURE_)?BUCKET_ID:\s+\S*_(?<driver>[a-z][\w-]*?)(?:\.sys\b|!)/i,
    bareModuleName: true,
  },
  { contains: 'Unable to load image', pattern: /Unable to load image\s+(?:\S*\\)?(?<driver>[\w.-]+\.sys)\b/i },
  // setupapi.dev.log section titles name the INF or the hardware ID being installed
  { contains: '>>>  [', pattern: /^>>>\s+\[[^\]]* - (?:[^\]]*\\)?(?<driver>[^\\\]]+\.inf)\]/i },
  { contains: '>>>  [', pattern: /^>>>\s+\[Device Install \([^)]*\) - (?<driver>[\w-]+)\]/i },
  // WDTF's query for the devices under test: "Query( IsDevice AND DriverBinaryNames='cvnic.sys' )"
  { contains: 'DriverBinaryNames=', pattern: /DriverBinaryNames='(?<driver>[\w.-]+\.sys)'/i },
  // OpenVPN names the driver of the adapter it opened
  { contains: 'device [', pattern: /\b(?<driver>tap-windows6|TAP-WIN32|ovpn-dco|wintun) device \[/i },
];

export const platformRules: readonly LogFactRule[] = [
  // setupapi.dev.log's header and driver store imports: "Architecture = amd64", "OS Version = 10.0.22621"
  { contains: 'Architecture', pattern: /^\s*(?:\w{3}:\s+)?Architecture\s*=\s*(?<architecture>amd64|arm64|x86|ia64)\b/i },
  { contains: 'OS Version', pattern: /^\s*OS Version\s*=\s*(?<windows>\d+\.\d+\.\d+)/i },
  // The debugger: "Windows 10 Kernel Version 19041 MP (4 procs) Free x64", BUILD_VERSION_STRING: 19041.1.amd64fre...
  {
    contains: 'Kernel Version',
    pattern: /Windows \d+ Kernel Version (?<windows>\d+)\b.*\bFree (?<architecture>x64|x86|ARM64)\b/i,
  },
  { contains: 'BUILD_VERSION_STRING:', pattern: /BUILD_VERSION_STRING:\s+(?<windows>\d+)\.\d+\.(?<architecture>amd64|arm64|x86)fre/i },
  // OpenVPN 2.5+: "Windows version 10.0 (Windows 10 or greater), amd64 executable"; 2.4: "... 64bit"
  {
    contains: 'Windows version',
    pattern: /Windows version (?<windows>\d+\.\d+)\b.*?\b(?<architecture>amd64|arm64|x86|64bit|32bit)\b/i,
  },
];

/** Windows' own modules: a bucket or image naming them says where the crash surfaced, not whose driver caused it. */
const windowsModules = new Set([
  'nt', 'ntoskrnl', 'ntkrnlmp', 'ntkrpamp', 'hal', 'ndis', 'tcpip', 'netio', 'wdf01000', 'fltmgr', 'ntfs',
  'afd', 'fwpkclnt', 'storport', 'volmgr', 'ci', 'win32k', 'win32kfull', 'win32kbase',
]);

/** False for Windows' own modules (ndis.sys, nt, tcpip.sys), which a bug check names without being its cause. */
export function isThirdPartyDriver(name: string): boolean {
  return !windowsModules.has(name.toLowerCase().replace(/\.(?:sys|exe|dll)$/, ''));
}

/** tap-windows6 under any of its names: the driver, its hardware ID, its INF, OpenVPN's words for it. */
export function isTapWindows6(driver: string): boolean {
  return /^(?:tap0901(?:\.sys|\.inf)?|oemvista\.inf|tap-windows6?|tap-win32)$/i.test(driver);
}
