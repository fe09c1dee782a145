import { AbsoluteAndRelativeTime } from '../components/RelativeTime';
import { actionOperations } from '../operations/action-operations';
import { ConfirmedActionButton } from '../operations/ConfirmedActionButton';
import { StatusIcon } from '../readiness/StatusIcon';
import { useApp } from '../store/use-app';
import { useController } from './use-controller';

const LAN_PM = 'Device.Network.LAN.PM';

/** The projects, and the open one: its product types (said plainly when LAN is missing, with the fix) and its targets. */
export function HlkProject() {
  const controller = useController();
  const project = useApp((s) => s.hlk?.project ?? null);
  const projects = useApp((s) => s.hlkProjects);
  const followed = useApp((s) => s.checklistProgress?.project ?? null);
  const busy = useApp((s) => s.hlkRequest.doing !== null);
  const openProject = useApp((s) => s.openProject);
  const addLanFeature = useApp((s) => s.addLanFeature);
  const driverTargets = project?.targets.filter((t) => t.isDriver) ?? null;
  const known = followed !== null && (projects ?? []).some((p) => p.name.toLowerCase() === followed.toLowerCase());
  return (
    <section className="hsection" data-testid="hlk-project">
      <h3 className="hsection__title">Project</h3>
      {projects && (
        <div className="hsection__row">
          <span>
            {projects.length === 0 ? 'HLK has no project yet.' : `HLK has ${projects.length === 1 ? 'one project' : `${projects.length} projects`}:`}
          </span>
          {projects.map((p) => (
            <button
              key={p.name}
              type="button"
              className="button button--small"
              aria-current={project?.name === p.name ? 'true' : undefined}
              disabled={busy}
              onClick={() => void openProject(p.name, false)}
              data-testid={`hlk-open-project-${p.name}`}
            >
              Open {p.name} <span className="muted">({p.counts.total} tests)</span>
            </button>
          ))}
          {followed && !known && (
            <ConfirmedActionButton
              label={`Create the project ${followed}`}
              testId="hlk-create-project"
              disabled={busy}
              runsOn={controller}
              title={`Create the HLK project ${followed}?`}
              confirmLabel="Create the project"
              facts={[['What it does', `Creates the project ${followed} in HLK and opens it; checklist progress is kept for it.`]]}
              params={{ name: followed }}
              operations={actionOperations.hlkCreateProject}
              onRun={() => void openProject(followed, true)}
            />
          )}
        </div>
      )}
      {!project || !driverTargets ? (
        <p className="muted">No project opened yet.</p>
      ) : (
        <>
          <p>
            <strong className="mono">{project.name}</strong>
            {project.createdAt && (
              <span className="muted">
                {' '}
                · created <AbsoluteAndRelativeTime iso={project.createdAt} />
              </span>
            )}
          </p>
          <p data-testid="hlk-product-types">
            Product types:{' '}
            {project.productTypes.length === 0 ? (
              <strong className="tone-bad">none</strong>
            ) : (
              project.productTypes.map((t) => (
                <span key={t} className={t.toLowerCase() === 'lan' ? 'badge badge--good' : 'badge'}>
                  {t}
                </span>
              ))
            )}
          </p>
          {project.lanAdvice ? (
            <div className="notice notice--bad" role="alert" data-testid="hlk-lan-missing">
              <p>
                <StatusIcon status="fail" /> <strong>No LAN product type: this pass would certify only an “Other Driver”.</strong>
              </p>
              <p>{project.lanAdvice}</p>
              {driverTargets.length === 0 || project.targetProblems.length > 0 ? (
                <p className="hint" data-testid="hlk-add-lan-waits">
                  Adding {LAN_PM} comes after the targets are right: the TAP adapter selected on every client and on no support machine (see Targets below).
                </p>
              ) : (
                <ConfirmedActionButton
                  label={`Add ${LAN_PM} to the TAP target`}
                  testId="hlk-add-lan"
                  disabled={busy}
                  runsOn={controller}
                  title={`Add ${LAN_PM} to the TAP adapter’s target in ${project.name}?`}
                  confirmLabel="Add the feature"
                  facts={[
                    ['What it does', `Adds the feature ${LAN_PM} to the driver’s target, as Studio’s Selection tab does; HLK then adds the LAN product type.`],
                    ['Targets it changes', driverTargets.map((t) => `${t.name} on ${t.machine.name}${t.machine.labMachine ? ` (${t.machine.labMachine})` : ''}`).join('; ')],
                  ]}
                  operations={actionOperations.hlkAddLanFeature}
                  onRun={() => void addLanFeature()}
                />
              )}
            </div>
          ) : (
            <p className="tone-good">
              <StatusIcon status="pass" /> LAN is among the product types: the pass certifies the driver as a LAN driver.
            </p>
          )}
          <h4 className="hsection__subtitle">Targets</h4>
          {project.targets.length === 0 ? (
            <p className="muted">No targets: select the TAP adapter on each client in Studio’s Selection tab (Device Manager).</p>
          ) : (
            <table className="htable">
              <thead>
                <tr>
                  <th scope="col">Target</th>
                  <th scope="col">Machine</th>
                  <th scope="col">Driver under test</th>
                  <th scope="col">Features</th>
                </tr>
              </thead>
              <tbody>
                {project.targets.map((t) => (
                  <tr key={`${t.key}-${t.machine.name}`}>
                    <td>{t.name}</td>
                    <td>
                      <span className="mono">{t.machine.name}</span>
                      {t.machine.labMachine && <span className="muted"> · {t.machine.labMachine} ({t.machine.role})</span>}
                    </td>
                    <td>{t.isDriver ? 'yes' : 'no'}</td>
                    <td className="mono">{t.features.join(', ') || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {project.targetProblems.length > 0 && (
            <ul className="notice notice--warn hsection__list">
              {project.targetProblems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
