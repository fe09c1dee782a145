import { useShallow } from 'zustand/react/shallow';
import type { HlkPoolView } from '../../shared/hlk/views';
import { RelativeTime } from '../components/RelativeTime';
import { actionOperations } from '../operations/action-operations';
import { ConfirmedActionButton } from '../operations/ConfirmedActionButton';
import { StatusIcon } from '../readiness/StatusIcon';
import { useApp } from '../store/use-app';
import { machineStatusTone, machineStatusWords, poolMovesText } from './hlk-words';
import { useController } from './use-controller';

const roleWords = { controller: 'controller', client: 'client', support: 'support' } as const;

/** "Windows Server 2019 x64": HLK's description, with the architecture when it does not say it. */
function platformWords(p: { name: string; description: string; architecture: string }): string {
  const text = p.description || p.name;
  return text.toLowerCase().includes(p.architecture.toLowerCase()) ? text : `${text} (${p.architecture})`;
}

function PoolTable({ pool, lab }: { pool: HlkPoolView; lab: boolean }) {
  return (
    <div className="hlk-pool" data-testid={`hlk-pool-${pool.name}`}>
      <h4 className="hlk-pool__name">
        {pool.path} {lab && <span className="badge">the lab’s pool</span>}{' '}
        <span className="muted">
          {pool.machines.length} {pool.machines.length === 1 ? 'machine' : 'machines'}
        </span>
      </h4>
      {pool.machines.length > 0 && (
        <table className="htable">
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Machine</th>
              <th scope="col">Status</th>
              <th scope="col">Heartbeat</th>
              <th scope="col">Platform</th>
            </tr>
          </thead>
          <tbody>
            {pool.machines.map((m, i) => {
              const tone = machineStatusTone(m.status);
              return (
                <tr key={m.name} data-testid={`hlk-machine-${m.name}`}>
                  <td>{i + 1}</td>
                  <td>
                    <span className="mono">{m.name}</span>
                    {m.labMachine && (
                      <span className="muted">
                        {' '}
                        · {m.labMachine} ({roleWords[m.role ?? 'client']})
                      </span>
                    )}
                  </td>
                  <td className={`tone-${tone}`}>
                    <StatusIcon status={tone === 'good' ? 'pass' : tone === 'warn' ? 'warn' : 'fail'} /> {machineStatusWords(m.status)}
                  </td>
                  <td>{m.lastHeartbeat ? <RelativeTime iso={m.lastHeartbeat} phrasing="ago" /> : <span className="muted">never</span>}</td>
                  <td className="muted">{m.platform ? platformWords(m.platform) : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** The pools, the lab's pool with its order checked (clients first, then the support machine), and the actions that put it right. */
export function HlkPools() {
  const controller = useController();
  const pools = useApp((s) => s.hlk?.pools ?? null);
  const busy = useApp((s) => s.hlkRequest.doing !== null);
  const createPool = useApp((s) => s.createPool);
  const arrangePool = useApp((s) => s.arrangePool);
  const setReady = useApp((s) => s.setReady);
  const labMachines = useApp(useShallow((s) => (s.lab?.machines ?? []).filter((m) => m.role !== 'controller').map((m) => m.name)));
  if (!pools) {
    return (
      <section className="hsection" data-testid="hlk-pools">
        <h3 className="hsection__title">Machine pools</h3>
        <p className="muted">Not read yet.</p>
      </section>
    );
  }
  const order = pools.order;
  // The verdict names the pool by its path once HLK has it, by the lab file's name while it does not.
  const labPool = pools.pools.find((p) => !p.isRoot && [p.name.toLowerCase(), p.path.toLowerCase()].includes(order.pool.toLowerCase()));
  const shown = pools.pools.filter((p) => p === labPool || p.machines.length > 0);
  // Arranging moves machines HLK knows: a lab machine in no pool has no HLK client talking to this controller yet.
  const known = new Set(pools.pools.flatMap((p) => p.machines.map((m) => m.labMachine)).filter((m) => m !== null));
  const unknown = labMachines.filter((m) => !known.has(m));
  return (
    <section className="hsection" data-testid="hlk-pools">
      <h3 className="hsection__title">Machine pools</h3>
      <div className={`notice ${order.ok && order.notReady.length === 0 ? 'notice--good' : 'notice--warn'}`} data-testid="hlk-pool-order" data-ok={String(order.ok)}>
        {!labPool ? (
          <p className="tone-warn">
            <StatusIcon status="warn" /> <strong>HLK has no pool named {order.pool} yet.</strong> Create it first; then move the clients in, then the support machine.
          </p>
        ) : order.ok ? (
          <p className="tone-good">
            <StatusIcon status="pass" /> <strong>{order.pool}: the clients first, then the support machine.</strong> That is the order HLK needs to
            take the clients for the machines with the driver under test.
          </p>
        ) : (
          <>
            <p className="tone-bad">
              <StatusIcon status="fail" /> <strong>{order.pool} is not in the right order: clients first, then the support machine.</strong>
            </p>
            <ul className="hsection__list">
              {order.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </>
        )}
        {order.notReady.length > 0 && <p className="tone-warn">Not Ready in HLK: {order.notReady.join(', ')}. HLK schedules tests only on Ready machines.</p>}
        <div className="hsection__buttons">
          {!labPool && (
            <ConfirmedActionButton
              label={`Create the pool ${order.pool}`}
              testId="hlk-create-pool"
              disabled={busy}
              runsOn={controller}
              title={`Create the pool ${order.pool}?`}
              confirmLabel="Create the pool"
              facts={[['What it does', `Creates the machine pool ${order.pool} under $ in HLK. Machines in the Default Pool cannot be made Ready.`]]}
              params={{ name: order.pool }}
              operations={actionOperations.hlkCreatePool}
              onRun={() => void createPool()}
            />
          )}
          {labPool && !order.ok && unknown.length > 0 && (
            <p className="hint" data-testid="hlk-arrange-waits">
              Arranging the pool comes after HLK knows every lab machine: install the HLK client on {unknown.join(', ')}, pointed at this controller (Setup:
              “Every lab machine known to HLK”).
            </p>
          )}
          {labPool && !order.ok && unknown.length === 0 && (
            <ConfirmedActionButton
              label="Arrange: clients first, then support"
              testId="hlk-arrange-pool"
              disabled={busy}
              runsOn={controller}
              title={`Move the machines into ${order.pool}: clients first, then the support machine?`}
              confirmLabel="Arrange the pool"
              facts={[
                ['What it does', `Moves every client into ${order.pool} first and the support machine after them, then sets them Ready.`],
                ['Why', 'Otherwise, when you select the driver in Device Manager, HLK may take the support machine for the one with the driver under test.'],
              ]}
              operations={actionOperations.hlkArrangePool}
              onRun={() => void arrangePool()}
            />
          )}
          {labPool && order.notReady.length > 0 && (
            <ConfirmedActionButton
              label="Set them Ready"
              testId="hlk-set-ready"
              disabled={busy}
              runsOn={controller}
              title="Set the clients and the support machine Ready in HLK?"
              confirmLabel="Set them Ready"
              facts={[
                ['What it does', 'Sets every client and the support machine Ready in HLK, as Studio’s Configuration, Change Machine Status does.'],
                ['Now', order.notReady.join('; ')],
              ]}
              operations={actionOperations.hlkSetReady}
              onRun={() => void setReady()}
            />
          )}
        </div>
        {pools.moves && pools.moves.length > 0 && (
          <p className="muted" data-testid="hlk-pool-moves">
            Moved just now, in this order: {poolMovesText(pools.moves, labPool?.path ?? order.pool)}.
          </p>
        )}
      </div>
      {shown.map((p) => (
        <PoolTable key={p.path} pool={p} lab={p === labPool} />
      ))}
    </section>
  );
}
