import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiEventMessage, ApiEventName, ApiEvents, ApiMethod, ApiParams, ApiResult } from '../../shared/api';
import type { MachineReadiness } from '../../shared/readiness/results';
import { PracticeLab, type PracticeLabOptions } from '../../electron/practice-lab/practice-lab';
import { LabService } from '../../electron/service/lab-service';
import { fastTimings } from '../support/practice';

/**
 * A practice lab opened through the lab service, as the app opens a lab file: the api the UI will use,
 * every event it pushes recorded, over real SSH to the simulated machines.
 */
export interface ServiceLab {
  lab: PracticeLab;
  service: LabService;
  dir: string;
  dataDir: string;
  labPath: string;
  events: ApiEventMessage[];
  /** Calls the api; a refused request throws with its code and message. */
  call<M extends ApiMethod>(method: M, params: ApiParams<M>): Promise<ApiResult<M>>;
  /** Calls the api and answers with the refusal (throws if it was accepted). */
  refused<M extends ApiMethod>(method: M, params: ApiParams<M>): Promise<{ code: string; message: string }>;
  /** Pushed payloads of one event, in order. */
  pushed<E extends ApiEventName>(name: E): Array<ApiEvents[E]>;
  /** Resolves once every machine was checked and nothing is running. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export async function until<T>(find: () => T | undefined | false, what = 'condition', ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found !== undefined && found !== false) return found;
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export interface ServiceLabOptions extends Partial<PracticeLabOptions> {
  /** A folder to use (and keep); a fresh temporary one otherwise. */
  dir?: string;
  labName?: string;
  /** Machines the lab file gives password authentication: they wait for machines.connect with the password. */
  passwordAuth?: string[];
}

export async function serviceLab(options: ServiceLabOptions = {}): Promise<ServiceLab> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'hlka-setup-')));
  const lab = await PracticeLab.start({ dir: join(dir, 'lab'), rebootDownMs: 300, hlkTestStepMs: 150, ...options });
  const labPath = join(dir, 'lab.json');
  const file = lab.labFile(options.labName ?? 'Setup test lab');
  for (const m of file.machines) if (options.passwordAuth?.includes(m.name)) Object.assign(m, { auth: { type: 'password' } });
  await writeFile(labPath, JSON.stringify(file));
  const dataDir = join(dir, 'data');
  const service = new LabService({ dataDir, host: 'web', timings: fastTimings });
  const events: ApiEventMessage[] = [];
  service.subscribe((e) => events.push(e));
  const call = async <M extends ApiMethod>(method: M, params: ApiParams<M>): Promise<ApiResult<M>> => {
    const response = await service.handle(method, params);
    if (!response.ok) throw new Error(`${method}: ${response.error.code}: ${response.error.message}`);
    return response.result as ApiResult<M>;
  };
  const pushed = <E extends ApiEventName>(name: E) => events.filter((e) => e.name === name).map((e) => e.payload as ApiEvents[E]);
  await call('lab.open', { path: labPath });
  const s: ServiceLab = {
    lab,
    service,
    dir,
    dataDir,
    labPath,
    events,
    call,
    async refused(method, params) {
      const response = await service.handle(method, params);
      if (response.ok) throw new Error(`${method} was accepted`);
      return response.error;
    },
    pushed,
    async settled() {
      const names = lab.hosts.map((h) => h.name);
      await until(() => {
        const latest = new Map<string, MachineReadiness>();
        for (const r of pushed('readiness')) latest.set(r.machine, r);
        return names.every((n) => latest.get(n) && !latest.get(n)!.running && latest.get(n)!.checkedAt !== null);
      }, 'every machine checked');
    },
    async close() {
      await service.close();
      await lab.stop();
      if (!options.dir) await rm(dir, { recursive: true, force: true });
    },
  };
  return s;
}
