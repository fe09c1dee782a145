import { StringDecoder } from 'node:string_decoder';
import type { Client, ClientChannel } from 'ssh2';
import { BOOTSTRAP_COMMAND } from './framing';
import type { LoopChannel } from './request-loop';

/** Opens an exec channel running the PowerShell bootstrap, giving up after timeoutMs. */
export function openLoopChannel(client: Client, timeoutMs: number): Promise<LoopChannel> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      reject(new Error(`the machine did not open a session channel within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    client.exec(BOOTSTRAP_COMMAND, (err, stream) => {
      clearTimeout(timer);
      if (settled) {
        stream?.close();
        return;
      }
      settled = true;
      if (err) reject(err);
      else resolve(wrapChannel(stream));
    });
  });
}

function wrapChannel(stream: ClientChannel): LoopChannel {
  const out = new StringDecoder('utf8');
  const err = new StringDecoder('utf8');
  const stdout: Array<(t: string) => void> = [];
  const stderr: Array<(t: string) => void> = [];
  const closed: Array<() => void> = [];
  let isClosed = false;
  // Both streams must be read, or ssh2 never emits 'close' for the channel.
  stream.on('data', (d: Buffer) => stdout.forEach((l) => l(out.write(d))));
  stream.stderr.on('data', (d: Buffer) => stderr.forEach((l) => l(err.write(d))));
  const onClose = () => {
    if (isClosed) return;
    isClosed = true;
    closed.forEach((l) => l());
  };
  stream.on('close', onClose);
  stream.on('error', onClose);
  return {
    write: (text) => {
      if (!isClosed) stream.write(text);
    },
    onStdout: (l) => stdout.push(l),
    onStderr: (l) => stderr.push(l),
    onClose: (l) => closed.push(l),
    close: () => {
      if (isClosed) return;
      stream.close();
      // A channel whose peer is gone may never confirm the close: do not wait for it.
      setTimeout(onClose, 2000).unref();
    },
  };
}
