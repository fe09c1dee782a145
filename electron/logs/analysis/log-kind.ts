import { win32 } from 'node:path';
import type { LogKind } from '../../../shared/knowledge/log-kinds';

/**
 * Recognises a log's kind from its file name or, when it was renamed on the way (collected, zipped, attached
 * to a bug), from the lines at its start. A log nothing recognises is `text` and is read against every
 * known failure; a wrong specific guess would hide the failures of other kinds, so each rule looks for text
 * that only that kind of log writes.
 */
export function detectLogKind(file: string, head: string): LogKind {
  // The win32 flavour splits at both / and \, so Windows paths work on every platform.
  const name = win32.basename(file);
  if (/^setupapi\b.*\.log$/i.test(name) || head.includes('[Device Install Log]') || setupapiSection.test(head)) {
    return 'setupapi';
  }
  if (/^wttea.*\.log$/i.test(name) || wttLine.test(head)) return 'hlkExecutionAgent';
  if (/^(?:DeviceGuardCheckLog|DG_?Readiness)/i.test(name) || dgReadiness.test(head)) return 'dgReadiness';
  if (/openvpn/i.test(name) || (openvpnTimestamp.test(head) && openvpnWords.test(head))) return 'openvpn';
  if (/\.wtl$/i.test(name) || hlkTaskWords.test(head)) return 'hlkTask';
  return 'text';
}

const setupapiSection = /^>>>  Section start \d{4}\/\d\d\/\d\d /m;
/** WTT components start each entry with process id, thread id and a y:m:d h:m:s:ms time stamp. */
const wttLine = /^\d+ \d+ \d{4}:\d{1,2}:\d{1,2} \d{1,2}:\d{1,2}:\d{1,2}:\d{1,3} /m;
const dgReadiness = /Step 1 Driver Compat|Readiness Tool Version|HVCI Kernel Driver Modules/i;
/** OpenVPN 2.4 and earlier: "Wed Feb 20 22:03:43 2019 us=810407"; 2.5 and later: "2024-03-05 11:22:33". */
const openvpnTimestamp = /^(?:\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}|\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) /m;
const openvpnWords = /OpenVPN \d|TUN\/TAP|Data Channel|Peer Connection|link remote|TAP-Windows/;
const hlkTaskWords = /JobsWorkingDir|WTTJobRun|NDISTest|Failed to Start the Task|\bWDTF/i;
