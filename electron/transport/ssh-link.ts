import { homedir } from 'node:os';
import { Client, utils, type ConnectConfig } from 'ssh2';
import type { HostKeyMismatch } from '../../shared/lab';
import { identifyHostKey, type HostKeyIdentity, type HostKeyStore } from '../lab/host-keys';
import type { SshMachine } from '../lab/lab-file';
import { RefusedFileError, readRegularFile } from '../regular-file';
import type { Link, LinkEvents } from './link';
import { openSftpFiles } from './sftp-files';
import { openLoopChannel } from './ssh-channel';

export interface SshLinkOptions {
  machine: SshMachine;
  /** A password or key passphrase the operator typed; held in memory by the caller only. */
  password: string | undefined;
  hostKeys: HostKeyStore;
  keepaliveIntervalMs: number;
  keepaliveCountMax: number;
  connectTimeoutMs: number;
  /** Told which key the machine presented once it matched (or was pinned on first use). */
  hostKeyAccepted(key: HostKeyIdentity, pinnedNow: boolean): void;
}

/** One ssh2 connection to a machine, its host key checked against the pinned one before anything is sent. */
export function startSshLink(options: SshLinkOptions, events: LinkEvents): Link {
  const { machine } = options;
  const client = new Client();
  let ready = false;
  let ended = false;
  let mismatch: HostKeyMismatch | null = null;
  let failed = false;
  const fail: LinkEvents['failed'] = (f) => {
    if (failed || ended) return;
    failed = true;
    client.end();
    events.failed(f);
  };

  /** A key seen for the first time: pinned only once the login succeeded, so a failed login leaves no pin behind. */
  let firstSeen: HostKeyIdentity | null = null;
  /** Why the pinned keys could not be consulted: the store is damaged, and it fails closed. */
  let storeProblem: string | null = null;

  const verifyHostKey = async (blob: Buffer): Promise<boolean> => {
    const presented = identifyHostKey(blob);
    let pinned;
    try {
      pinned = await options.hostKeys.get(machine.host, machine.port);
    } catch (e) {
      storeProblem = (e as Error).message;
      return false;
    }
    if (!pinned) {
      firstSeen = presented;
      return true;
    }
    if (pinned.fingerprint === presented.fingerprint) {
      options.hostKeyAccepted(presented, false);
      return true;
    }
    mismatch = { pinned: pinned.fingerprint, presented: presented.fingerprint, keyType: presented.keyType };
    return false;
  };

  const pinFirstSeen = async (): Promise<boolean> => {
    if (!firstSeen) return true;
    try {
      await options.hostKeys.pin(machine.host, machine.port, firstSeen);
    } catch (e) {
      fail({ kind: 'auth-failed', message: `logged in, but could not pin the host key ${firstSeen.fingerprint}: ${(e as Error).message}` });
      return false;
    }
    options.hostKeyAccepted(firstSeen, true);
    return true;
  };

  client.on('ready', () => {
    if (ended) return;
    void pinFirstSeen().then((pinned) => {
      if (!pinned || ended || failed) return;
      ready = true;
      // Small packets (request lines, SFTP read requests, window adjustments) must not wait for
      // Nagle's algorithm: with it, pipelined SFTP reads stall on delayed ACKs (a third of the speed).
      client.setNoDelay(true);
      events.ready();
    });
  });
  client.on('error', (err: Error & { level?: string; code?: string }) => {
    if (ended || ready) return;
    if (mismatch) {
      fail({ kind: 'host-key-changed', message: `pinned ${mismatch.pinned}, presented ${mismatch.presented}`, mismatch });
    } else if (storeProblem) {
      // Not worth retrying: the store stays damaged until the operator fixes it. Reported as a refusal so the machine waits.
      fail({ kind: 'auth-failed', message: `cannot check the host key of ${machine.host}: ${storeProblem}` });
    } else if (err.level === 'client-authentication') {
      fail({ kind: 'auth-failed', message: `${machine.user}@${machine.host} refused the ${describeAuth(machine.auth.type)}` });
    } else {
      fail({ kind: 'unreachable', message: err.code ? `${err.code}: ${err.message}` : err.message });
    }
  });
  client.on('close', () => {
    if (ended) return;
    if (ready) {
      ended = true;
      events.dropped();
    } else fail({ kind: 'unreachable', message: 'the connection closed during the handshake' });
  });

  void connectConfig(options, (blob, verify) => {
    void verifyHostKey(blob).then(verify, () => verify(false));
  })
    .then((config) => {
      // ssh2 throws here (not through 'error') for what it cannot use; a throw must fail the link, not the process.
      if (!ended) client.connect(config);
    })
    .catch((e: Error) => fail({ kind: 'auth-failed', message: e.message }));

  return {
    openChannel: (timeoutMs) => openLoopChannel(client, timeoutMs),
    openFiles: (timeoutMs) => openSftpFiles(client, timeoutMs),
    end: () => {
      ended = true;
      client.removeAllListeners('ready');
      client.on('error', () => undefined);
      client.end();
    },
  };
}

async function connectConfig(
  options: SshLinkOptions,
  hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => void,
): Promise<ConnectConfig> {
  const m = options.machine;
  const base = {
    host: m.host,
    port: m.port,
    username: m.user,
    readyTimeout: options.connectTimeoutMs,
    keepaliveInterval: options.keepaliveIntervalMs,
    keepaliveCountMax: options.keepaliveCountMax,
    hostVerifier,
  } as ConnectConfig;
  switch (m.auth.type) {
    case 'password':
      return { ...base, password: options.password };
    case 'key': {
      const file = expandHome(m.auth.file);
      const privateKey = await readKeyFile(file, options.password);
      return { ...base, privateKey, ...(options.password !== undefined ? { passphrase: options.password } : {}) };
    }
    case 'agent': {
      const agent = process.env.SSH_AUTH_SOCK ?? (process.platform === 'win32' ? '\\\\.\\pipe\\openssh-ssh-agent' : undefined);
      if (!agent) throw new Error('no ssh-agent: SSH_AUTH_SOCK is not set');
      return { ...base, agent };
    }
  }
}

/** A private key is a few kilobytes; a file far larger is not one. */
const KEY_FILE_MAX_BYTES = 256 * 1024;

/** Whether a key file is encrypted and so needs a passphrase; a file that cannot be read is left to the connection to report. */
export async function keyFileNeedsPassphrase(file: string): Promise<boolean> {
  const bytes = await readRegularFile(expandHome(file), KEY_FILE_MAX_BYTES).catch(() => null);
  if (!bytes) return false;
  const parsed = utils.parseKey(bytes);
  return parsed instanceof Error && /no passphrase given/i.test(parsed.message);
}

function expandHome(file: string): string {
  return file.replace(/^~(?=$|[\\/])/, homedir());
}

/**
 * Reads and checks a key file before ssh2 sees it, so that an encrypted key, a wrong passphrase or a
 * file that is not a private key each get a message that says which, and a FIFO or device is refused.
 */
async function readKeyFile(file: string, passphrase: string | undefined): Promise<Buffer> {
  let bytes: Buffer;
  try {
    bytes = await readRegularFile(file, KEY_FILE_MAX_BYTES);
  } catch (e) {
    const why = e instanceof RefusedFileError ? e.reason : ((e as NodeJS.ErrnoException).code ?? (e as Error).message);
    throw new Error(`cannot read the key file ${file}: ${why}`);
  }
  const parsed = utils.parseKey(bytes, passphrase);
  if (!(parsed instanceof Error)) {
    const key = Array.isArray(parsed) ? parsed[0] : parsed;
    if (key && key.isPrivateKey()) return bytes;
    throw new Error(`the key file ${file} holds a public key, not a private key`);
  }
  if (/no passphrase given/i.test(parsed.message)) {
    throw new Error(`the key file ${file} is encrypted: connect again with its passphrase (it is kept in memory only)`);
  }
  if (/bad passphrase|decrypt/i.test(parsed.message)) throw new Error(`the passphrase does not open the key file ${file}`);
  throw new Error(`the key file ${file} is not a private key ssh can use (${parsed.message})`);
}

function describeAuth(type: SshMachine['auth']['type']): string {
  return type === 'password' ? 'password' : type === 'key' ? 'key file' : 'keys offered by ssh-agent';
}
