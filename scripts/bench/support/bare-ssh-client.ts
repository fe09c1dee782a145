import { readFile } from 'node:fs/promises';
import { Client } from 'ssh2';

/**
 * A plain ssh2 client with a key file, for benches that open exec channels themselves. Without
 * TCP_NODELAY, as our link sets it, each exec's small packets would wait on delayed ACKs.
 */
export async function connectBareClient(host: string, port: number, username: string, keyFile: string): Promise<Client> {
  const privateKey = await readFile(keyFile);
  const client = new Client();
  await new Promise<void>((resolve, reject) => {
    client
      .once('ready', () => {
        client.setNoDelay(true);
        resolve();
      })
      .once('error', reject);
    client.connect({ host, port, username, privateKey });
  });
  return client;
}
