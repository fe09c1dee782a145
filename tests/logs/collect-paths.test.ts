import { describe, expect, it } from 'vitest';
import { LocalLayout, safeName } from '../../electron/logs/collection/local-layout';
import { fromSftpPath, isWindowsPath, joinMachinePath, PathNotReachable, toSftpPath } from '../../electron/transport/sftp-paths';

describe('paths at the SFTP boundary', () => {
  it.each([
    ['C:\\Windows\\INF\\setupapi.dev.log', '/C:/Windows/INF/setupapi.dev.log'],
    ['c:\\Program Files (x86)\\Windows Kits', '/C:/Program Files (x86)/Windows Kits'],
    ['C:\\', '/C:/'],
    ['C:', '/C:/'],
    ['D:/HLK//JobsWorkingDir\\\\Tasks', '/D:/HLK/JobsWorkingDir/Tasks'],
    ['/var/log/syslog', '/var/log/syslog'],
  ])('%s is %s on the wire', (windows, sftp) => {
    expect(toSftpPath(windows)).toBe(sftp);
  });

  it.each([
    ['/C:/Windows/INF/setupapi.dev.log', 'C:\\Windows\\INF\\setupapi.dev.log'],
    ['/c:/Users', 'C:\\Users'],
    ['/C:', 'C:\\'],
    ['/C:/', 'C:\\'],
    ['/var/log/syslog', '/var/log/syslog'],
  ])('%s is %s on the machine', (sftp, windows) => {
    expect(fromSftpPath(sftp)).toBe(windows);
  });

  it.each(['\\\\controller\\tests\\x.sys', '//controller/tests', 'setupapi.dev.log', 'Windows\\INF', '', 'C:\\a\0b'])('refuses %j', (path) => {
    expect(() => toSftpPath(path)).toThrow(PathNotReachable);
  });

  it('joins in the machine\'s own style', () => {
    expect(isWindowsPath('C:\\HLK')).toBe(true);
    expect(isWindowsPath('/HLK')).toBe(false);
    expect(joinMachinePath('C:\\HLK', 'Tasks')).toBe('C:\\HLK\\Tasks');
    expect(joinMachinePath('C:\\', 'HLK')).toBe('C:\\HLK');
    expect(joinMachinePath('/var/log', 'x')).toBe('/var/log/x');
    expect(joinMachinePath('/', 'x')).toBe('/x');
  });
});

describe('where copies go in the run folder', () => {
  it('puts staged snapshots and exports by their name, every other file by its full path', () => {
    const layout = new LocalLayout('C:\\Users\\Administrator\\AppData\\Local\\Temp\\hlk-assist-2024-04-29T08-12-01Z');
    expect(layout.place('C:\\Users\\Administrator\\AppData\\Local\\Temp\\hlk-assist-2024-04-29T08-12-01Z\\snapshots\\ipconfig-all.txt')).toBe('snapshots/ipconfig-all.txt');
    expect(layout.place('c:\\users\\administrator\\appdata\\local\\temp\\HLK-ASSIST-2024-04-29T08-12-01Z\\eventlogs\\System.evtx')).toBe('eventlogs/System.evtx');
    expect(layout.place('C:\\Windows\\INF\\setupapi.dev.log')).toBe('files/C/Windows/INF/setupapi.dev.log');
    expect(new LocalLayout(null).place('/var/log/hlk/task.log')).toBe('files/var/log/hlk/task.log');
  });

  it('never gives two files one name, whatever their case', () => {
    const layout = new LocalLayout(null);
    expect(layout.place('/logs/a.log')).toBe('files/logs/a.log');
    expect(layout.place('/logs/A.log')).toBe('files/logs/A~2.log');
    expect(layout.place('/logs/a.LOG')).toBe('files/logs/a~3.LOG');
    layout.reserve('files/logs/b');
    expect(layout.place('/logs/b')).toBe('files/logs/b~2');
  });

  it.each([
    ['..', '_.._'],
    ['.', '_._'],
    ['', '_'],
    ['a:b*c?d"e<f>g|h', 'a_b_c_d_e_f_g_h'],
    ['tab\there', 'tab_here'],
    ['CON', '_CON'],
    ['nul.txt', '_nul.txt'],
    ['COM1', '_COM1'],
    ['trailing.', 'trailing._'],
    ['trailing ', 'trailing _'],
    ['Microsoft-Windows-Kernel-PnP%4Configuration.evtx', 'Microsoft-Windows-Kernel-PnP%4Configuration.evtx'],
    ['console.log', 'console.log'],
  ])('makes %j safe as %j', (name, safe) => {
    expect(safeName(name)).toBe(safe);
  });

  it('cannot be led out of the machine folder by a remote name', () => {
    const layout = new LocalLayout(null);
    for (const remote of ['/../../etc/passwd', '/a/../../b', 'C:\\..\\..\\x']) {
      const placed = layout.place(remote);
      expect(placed.split('/')).not.toContain('..');
      expect(placed.startsWith('files/')).toBe(true);
    }
  });
});
