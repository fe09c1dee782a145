import { describe, expect, it } from 'vitest';
import { detectLogKind } from '../../electron/logs/analysis/log-kind';

describe('recognising the kind of a log', () => {
  it('goes by the file name Windows, HLK and OpenVPN give their logs', () => {
    expect(detectLogKind('C:\\Windows\\INF\\setupapi.dev.log', '')).toBe('setupapi');
    expect(detectLogKind('/runs/dut/setupapi.dev.20240502_164107.log', '')).toBe('setupapi');
    expect(detectLogKind('/runs/dut/WttEa.log', '')).toBe('hlkExecutionAgent');
    expect(detectLogKind('/runs/dut/DeviceGuardCheckLog-0514101233.txt', '')).toBe('dgReadiness');
    expect(detectLogKind('/runs/sup/openvpn-hlk.log', '')).toBe('openvpn');
    expect(detectLogKind('/runs/dut/NDISTest.wtl', '')).toBe('hlkTask');
  });

  it('goes by the first lines when the file was renamed on the way', () => {
    expect(detectLogKind('dut1-install.txt', '[Device Install Log]\r\n     OS Version = 10.0.17763\r\n')).toBe('setupapi');
    expect(detectLogKind('ea.txt', '1880 2212 2024:6:3 7:41:2:95 Info: CEaManager::Initialize()\r\n')).toBe('hlkExecutionAgent');
    expect(detectLogKind('peer.txt', '2024-04-09 13:58:02 OpenVPN 2.6.10 [git:v2.6.10] Windows\n')).toBe('openvpn');
    expect(detectLogKind('peer-old.txt', 'Tue Jun 11 09:14:21 2024 us=118402 TAP-Windows Driver Version 9.24\n')).toBe('openvpn');
    expect(detectLogKind('task 4.txt', 'Run: WTTJobRun1C2D3E4F-0A1B-EF11-9C8D-00155D000001\n')).toBe('hlkTask');
    expect(detectLogKind('dg.txt', '06/02/24 15:40:11 :  ====================== Step 1 Driver Compat ====\n')).toBe('dgReadiness');
  });

  it('calls everything else plain text', () => {
    expect(detectLogKind('UniversalLog.txt', '2024-06-03T14:22:08.114Z  INFO   Submission received\n')).toBe('text');
    expect(detectLogKind('notes.log', 'Tue Jun 11 09:14:21 2024 the weather was fine\n')).toBe('text');
  });
});
