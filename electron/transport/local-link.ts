import { PowerShell } from 'node-powershell';
import type { Link, LinkEvents } from './link';
import { localFiles } from './local-files';
import type { LoopChannel } from './request-loop';
import { LOOP_FUNCTIONS, LOOP_SCRIPT_LINE } from './framing';

const BASE64_LINE = /^[A-Za-z0-9+/]+={0,2}$/;
const FUNCTIONS_BASE64 = Buffer.from(LOOP_FUNCTIONS, 'utf8').toString('base64');

/** Dot-sources the request-loop functions into the session; the argument is base64, so it cannot be code. */
export const LOAD_FUNCTIONS_COMMAND = `. ([ScriptBlock]::Create([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('${FUNCTIONS_BASE64}'))))`;
export const READY_COMMAND =
  "Format-HlkaFrame @{ id = 'ready'; ok = $true; result = @{ protocol = 1; powershell = $PSVersionTable.PSVersion.ToString(); pid = $PID } }";

/** The command that answers one request line; refuses anything but base64, which cannot close the quote. */
export function requestCommand(line: string): string {
  if (!BASE64_LINE.test(line)) throw new Error('a request line must be base64');
  return `Format-HlkaFrame (Invoke-HlkaRequest '${line}')`;
}

/**
 * This computer itself (for example when hlk-assist runs on the HLK controller). Each channel is a
 * PowerShell kept open by node-powershell; it runs the same request-loop functions and answers with the
 * same frames, so RequestLoop and every operation work unchanged. Only constant commands and base64
 * request lines are ever invoked: node-powershell's template helpers are not used.
 */
export function startLocalLink(events: LinkEvents): Link {
  const shells = new Set<PowerShell>();
  let ended = false;
  setImmediate(() => {
    if (!ended) events.ready();
  });
  return {
    openChannel: async () => {
      const shell = new PowerShell({
        pwsh: process.platform !== 'win32',
        // pwsh brackets every output with terminal mode sequences unless told the terminal is dumb, and
        // they would stand before the frame on its line.
        spawnOptions: { env: { ...process.env, TERM: 'dumb' } },
        executableOptions: { '-NoLogo': true, '-NoProfile': true, '-NonInteractive': true, '-ExecutionPolicy': 'Bypass' },
        throwOnInvocationError: false,
      });
      shells.add(shell);
      return localChannel(shell, () => shells.delete(shell));
    },
    openFiles: async () => localFiles(),
    end: () => {
      ended = true;
      for (const s of shells) void s.dispose().catch(() => undefined);
      shells.clear();
    },
  };
}

function localChannel(shell: PowerShell, forget: () => void): LoopChannel {
  const stdout: Array<(t: string) => void> = [];
  const stderr: Array<(t: string) => void> = [];
  const closed: Array<() => void> = [];
  let isClosed = false;
  let started = false;
  let pending = '';
  const close = () => {
    if (isClosed) return;
    isClosed = true;
    forget();
    void shell.dispose().catch(() => undefined);
    closed.forEach((l) => l());
  };
  const invoke = (command: string) => {
    shell.invoke(command).then(
      (result) => {
        if (result.stderr && result.stderr.length > 0) stderr.forEach((l) => l(result.stderr!.toString('utf8')));
        stdout.forEach((l) => l(`${result.raw}\n`));
      },
      (e: Error) => {
        stderr.forEach((l) => l(e.message));
        close();
      },
    );
  };
  return {
    write: (text) => {
      if (isClosed) return;
      pending += text;
      let nl = pending.indexOf('\n');
      while (nl >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        if (!started) {
          if (`${line}\n` !== LOOP_SCRIPT_LINE) {
            stderr.forEach((l) => l('the local channel runs only the hlk-assist request loop'));
            close();
            return;
          }
          started = true;
          invoke(LOAD_FUNCTIONS_COMMAND);
          invoke(READY_COMMAND);
        } else if (line.length > 0) {
          invoke(requestCommand(line));
        }
        nl = pending.indexOf('\n');
      }
    },
    onStdout: (l) => stdout.push(l),
    onStderr: (l) => stderr.push(l),
    onClose: (l) => closed.push(l),
    close,
  };
}
