import type { KnownFailure } from '../known-failure';

/** Failures that HLK's Device Fundamentals tests (WDTF) report about the device itself. */

export const deviceProblemBeforeTest: KnownFailure = {
  id: 'deviceProblemBeforeTest',
  title: 'The device had a problem code before the test started (WDTF)',
  logKinds: ['hlkTask', 'hlkExecutionAgent'],
  signatures: [
    { contains: 'non-zero problem code or is phantom' },
    { contains: 'Problem Code', pattern: /Problem Code\s*[=:]\s*0*[1-9]\d*\s*\((?<detail>CM_PROB_\w+)\)/i },
  ],
  meaning:
    "WDTF's device check found the device under test (or a device it tests with) already broken: it carries a " +
    'Device Manager problem code (CM_PROB_...), or it is a phantom that is no longer present. The test did not ' +
    'break it; it failed at its start, and RebootForDeviceRecovery in the log means WDTF asked for a reboot to ' +
    'recover the device.',
  remedy:
    'On the test machine, look at the device in Device Manager (or pnputil /enum-devices /problem): fix the ' +
    'problem code the log names (reinstall {driver}, enable the device, remove phantom devices), reboot, check ' +
    'that the device is started, then rerun the test.',
  source: {
    document: 'public failure reports',
    section:
      'https://docs.microsoft.com/it-it/windows-hardware/test/hlk/testref/review-common-device-fundamentals-reliability-test-failures; ' +
      'https://learn.microsoft.com/en-us/windows-hardware/drivers/debugger/device-manager-problem-codes',
  },
  signatureOrigin:
    'The HLK documentation describes the device status check failing before the test; the message text is ' +
    "WDTF's, as quoted in this project's issue about real logs.",
};
