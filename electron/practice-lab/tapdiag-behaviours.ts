import { SimulatedScriptError, type Behaviours } from './behaviour';
import { isTapAdapter, type SimulatedHost } from './simulated-host';

/**
 * The tapdiag.* operations on a simulated client or support machine: the model of their scripts
 * (tapdiag-*.ps1) and of what tapdiag.exe answers (tapdiag.cpp), over the machine's tapdiag setup and its
 * TAP driver's runtime state.
 */

function assertElevated(host: SimulatedHost): void {
  if (!host.system.elevated) {
    throw new SimulatedScriptError(
      `This needs an elevated session: ${host.user} is not running as an administrator here (UAC filters its token), so tapdiag cannot write the driver's registry key or open its endpoint.`,
      19,
    );
  }
}

function tool(host: SimulatedHost, path: string): void {
  if (host.tapdiag.toolPath === null || host.tapdiag.toolPath.toLowerCase() !== path.toLowerCase()) {
    throw new SimulatedScriptError(`tapdiag.exe is not at ${path} on this machine: copy it there, or set readiness.tapdiagPath in the lab file to where it is.`, 25);
  }
}

/** What tapdiag.exe prints when it opens the endpoint (no switch, /link, /setq). */
function endpointAnswer(host: SimulatedHost): { state: 'open' | 'closed' | 'no-adapter'; output: string } {
  const tap = host.adapters.find(isTapAdapter);
  if (!tap) return { state: 'no-adapter', output: 'No TAP devices found. Failed to open TAP device.' };
  const device = `Opening device '\\\\.\\Global\\{${tap.macAddress}}.tapdiag'`;
  if (!host.tapDriver.endpointOpen) return { state: 'closed', output: `${device} Failed to open TAP device.` };
  return { state: 'open', output: `${device} TAP Device opened.` };
}

/** Assert-TapdiagDone: a failed /link or /setq, in the operator's words. */
function assertDone(host: SimulatedHost, what: string): string {
  const answer = endpointAnswer(host);
  if (answer.state === 'no-adapter') throw new SimulatedScriptError(`tapdiag ${what} failed: there is no TAP adapter (hardware id tap0901) on this machine.`, 51);
  if (answer.state === 'closed') {
    throw new SimulatedScriptError(
      `tapdiag ${what} failed: the TAP driver has no tapdiag endpoint open. Enable it (tapdiag /enable, then restart the TAP adapter); if it stays closed, this driver was built without tapdiag. tapdiag said: ${answer.output}`,
      52,
    );
  }
  return answer.output;
}

function adapters(host: SimulatedHost, hardwareId: string) {
  return host.adapters
    .filter((a) => a.componentId.toLowerCase() === hardwareId.toLowerCase())
    .map((a) => {
      const status = host.adapterStatus(a);
      return { name: a.name, status, mediaConnectionState: status === 'Up' ? 'Connected' : 'Disconnected' };
    });
}

export const tapdiagBehaviours = {
  'tapdiag.status': ({ host }, p) => {
    const path = String(p.toolPath);
    const toolFound = host.tapdiag.toolPath !== null && host.tapdiag.toolPath.toLowerCase() === path.toLowerCase();
    const driverService = host.adapters.some(isTapAdapter);
    const answer = toolFound ? endpointAnswer(host) : null;
    return {
      toolPath: path,
      toolFound,
      driverService,
      registryEnabled: driverService && host.tapdiag.registryEnabled,
      endpoint: answer?.state ?? 'unknown',
      output: answer?.output ?? '',
      adapters: adapters(host, String(p.hardwareId)),
    };
  },

  'tapdiag.enable': ({ host }, p) => {
    assertElevated(host);
    tool(host, String(p.toolPath));
    const hardwareId = String(p.hardwareId);
    const taps = host.adapters.filter((a) => a.componentId.toLowerCase() === hardwareId.toLowerCase());
    if (taps.length === 0) throw new SimulatedScriptError(`There is no TAP adapter (hardware id ${hardwareId}) on this machine to enable tapdiag on.`, 76);
    host.tapdiag.registryEnabled = true;
    const stopped = (p.openvpnServices as string[]).map((n) => host.service(n)).filter((s) => s?.status === 'Running').map((s) => s!);
    for (const s of stopped) s.status = 'Stopped';
    host.loadTapDriver();
    for (const s of stopped) s.status = 'Running';
    const probe = endpointAnswer(host);
    if (probe.state !== 'open') {
      throw new SimulatedScriptError(
        `tapdiag is enabled in the registry and the TAP adapter was restarted, but the driver still has no tapdiag endpoint: this tap-windows6 build has no tapdiag support (install the HLK build on this machine). tapdiag said: ${probe.output}`,
        112,
      );
    }
    return {
      registryEnabled: true,
      endpoint: 'open',
      restartedAdapters: taps.map((a) => a.name),
      stoppedServices: stopped.map((s) => s.name),
      startedServices: stopped.map((s) => s.name),
    };
  },

  'tapdiag.setLink': ({ host }, p) => {
    assertElevated(host);
    tool(host, String(p.toolPath));
    const link = p.link as 'on' | 'off';
    const output = assertDone(host, `/link:${link}`);
    if (host.tapDriver.link !== link) host.tapDriver.linkChanges++;
    host.tapDriver.link = link;
    return { link, output: `${output} Successfully set media status.`, adapters: adapters(host, String(p.hardwareId)) };
  },

  'tapdiag.setQ': ({ host }, p) => {
    assertElevated(host);
    tool(host, String(p.toolPath));
    const mode = p.mode as 'on' | 'off' | 'always';
    const output = assertDone(host, `/setq:${mode}`);
    host.tapDriver.q = mode;
    return { mode, output: `${output} Successfully set 802.1Q configuration.` };
  },
} satisfies Partial<Behaviours>;
