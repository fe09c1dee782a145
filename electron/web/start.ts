/**
 * `npm run web`: serves the hlk-assist UI to a browser on 127.0.0.1, for machines where Electron cannot
 * run and for watching a pass from another screen. Options: --port N, --lab FILE, --practice.
 */
import { join } from 'node:path';
import { defaultDataDir } from '../service/data-dir';
import { LabService } from '../service/lab-service';
import { makePrivateFolder } from '../private-folder';
import { WebHost } from './web-host';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const portText = option(args, '--port');
  const port = portText === undefined ? 0 : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port takes a port number, not "${portText}"`);
  const dataDir = defaultDataDir();
  await makePrivateFolder(dataDir);
  const service = new LabService({ dataDir, host: 'web' });
  const lab = option(args, '--lab');
  if (lab) {
    const opened = await service.handle('lab.open', { path: lab });
    if (!opened.ok) throw new Error(opened.error.message);
  } else if (args.includes('--practice')) {
    await service.handle('lab.startPractice', {});
  } else {
    await service.restoreLastLab();
  }
  const host = new WebHost({ service, rendererDir: join(__dirname, 'renderer'), port });
  const url = await host.listen();
  process.stdout.write(`hlk-assist web: ${url}\n`);
  const stop = () => {
    void Promise.all([host.close(), service.close()]).finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`hlk-assist web: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
});
