import { servicesEnsureRunning, servicesStatus, servicesStop } from '../../shared/operations/services';
import type { LinkcheckStepKind, LinkcheckStepView, LinkcheckView } from '../../shared/tapdiag/views';
import { attempt, machineOf, type Attempt, type PassContext } from './pass-context';
import { ServiceError } from './service-error';
import type { TapdiagService } from './tapdiag-service';

/**
 * The guided LinkCheck, a small state machine the UI drives one step at a time. NDISTest 6.5 LinkCheck asks
 * in message boxes for the cable to be unplugged and plugged back in, possibly twice (the OpenVPN wiki).
 * Each round: wait for the box asking to unplug, unplug, answer it, plug back in, answer that one, then
 * decide whether the test asks for another round. "Unplug" is tapdiag /link:off on the client, or, the
 * wiki's other way, stopping its OpenVPN service; "plug" undoes it. Every step is journaled.
 */

type Method = LinkcheckView['method'];

interface Step {
  kind: LinkcheckStepKind;
  text: string;
  /** For an action: what it does. */
  run?: () => Promise<Attempt>;
  state: LinkcheckStepView['state'];
  at: string | null;
  error: string | null;
}

export class LinkcheckGuide {
  private steps: Step[] = [];
  private cycle = 0;
  private outcome: LinkcheckView['outcome'] = 'running';
  private stoppedServices: string[] = [];
  private advancing = false;
  /** Between a done "Unplug" and a done "Plug back in": the client's VPN carries nothing. */
  private unplugged = false;
  private plugError: string | null = null;

  constructor(
    private readonly ctx: PassContext,
    private readonly tapdiag: TapdiagService,
    readonly machine: string,
    readonly method: Method,
  ) {
    const m = machineOf(ctx, machine);
    if (m.role !== 'client') throw new ServiceError('invalid-request', `${machine} is the ${m.role}: LinkCheck unplugs the cable of the client that runs the test`);
    this.addRound();
    this.ctx.record(machine, 'linkcheck', `guided LinkCheck started (${method === 'tapdiag' ? 'tapdiag /link' : 'stopping and starting OpenVPN'})`);
  }

  get finished(): boolean {
    return this.outcome !== 'running';
  }

  view(): LinkcheckView {
    const current = this.steps.findIndex((s) => s.state === 'current' || s.state === 'failed');
    return {
      machine: this.machine,
      method: this.method,
      cycle: this.cycle,
      current: this.outcome === 'running' && current >= 0 ? current + 1 : null,
      steps: this.steps.map((s, i) => ({ n: i + 1, kind: s.kind, text: s.text, state: s.state, at: s.at, error: s.error })),
      outcome: this.outcome,
      unplugged: this.unplugged,
      plugError: this.plugError,
    };
  }

  /**
   * Does the current step: performs an action, takes a confirmation, or at the end of a round takes the
   * decision (`again`: the test asks to unplug once more). A failed action stays current, to be tried again.
   */
  async advance(again: boolean | undefined): Promise<LinkcheckView> {
    if (this.finished) throw new ServiceError('invalid-request', `the guided LinkCheck on ${this.machine} is ${this.outcome}`);
    if (this.advancing) throw new ServiceError('invalid-request', 'the current step is still running');
    const index = this.steps.findIndex((s) => s.state === 'current' || s.state === 'failed');
    const step = this.steps[index]!;
    this.advancing = true;
    try {
      if (step.kind === 'decide') {
        if (again === undefined) throw new ServiceError('invalid-request', 'answer whether the test asks to unplug the cable again (again: true or false)');
        this.finish(step, null);
        this.ctx.record(this.machine, 'linkcheck', again ? 'LinkCheck asks for another round' : 'LinkCheck needs no more rounds');
        if (again) this.addRound();
        else this.outcome = 'done';
        return this.view();
      }
      if (step.kind === 'action') {
        const done = await step.run!();
        if (!done.ok) {
          step.state = 'failed';
          step.error = done.error.message;
          step.at = new Date().toISOString();
          this.ctx.record(this.machine, 'linkcheck', `step ${index + 1} failed: ${step.text}: ${done.error.message}`, { error: done.error });
          return this.view();
        }
      }
      this.finish(step, index);
      return this.view();
    } finally {
      this.advancing = false;
    }
  }

  /**
   * Stops the guide. A cable it unplugged is plugged back in first: a cancelled LinkCheck must not leave the
   * client off the VPN with nothing left to say so. If that fails, the view keeps saying it is unplugged, and why.
   */
  async cancel(): Promise<LinkcheckView> {
    if (this.finished) return this.view();
    if (this.advancing) throw new ServiceError('invalid-request', 'the current step is still running: cancel once it has finished');
    this.outcome = 'cancelled';
    if (!this.unplugged) {
      this.ctx.record(this.machine, 'linkcheck', 'guided LinkCheck cancelled');
      return this.view();
    }
    this.advancing = true;
    try {
      const plugged = await this.plug();
      if (plugged.ok) {
        this.unplugged = false;
        this.plugError = null;
        this.ctx.record(this.machine, 'linkcheck', 'guided LinkCheck cancelled; the cable was plugged back in');
      } else {
        this.plugError = plugged.error.message;
        this.ctx.record(this.machine, 'linkcheck', `guided LinkCheck cancelled; the cable could not be plugged back in and is still unplugged: ${plugged.error.message}`, { error: plugged.error });
      }
    } finally {
      this.advancing = false;
    }
    return this.view();
  }

  private finish(step: Step, index: number | null): void {
    step.state = 'done';
    step.error = null;
    step.at = new Date().toISOString();
    if (index !== null) this.ctx.record(this.machine, 'linkcheck', `step ${index + 1} done: ${step.text}`);
    const next = this.steps.find((s) => s.state === 'pending');
    if (next) next.state = 'current';
  }

  private addRound(): void {
    this.cycle++;
    const round = this.cycle === 1 ? '' : ` (round ${this.cycle})`;
    const unplug = this.method === 'tapdiag' ? `Unplug: tapdiag /link:off on ${this.machine}` : `Unplug: stop the OpenVPN service on ${this.machine}`;
    const plug = this.method === 'tapdiag' ? `Plug back in: tapdiag /link:on on ${this.machine}` : `Plug back in: start the OpenVPN service on ${this.machine}`;
    const fresh: Step[] = [
      this.step('confirm', `Wait until LinkCheck's message box on ${this.machine} asks you to unplug the cable${round}; do not answer it yet`),
      this.step('action', unplug, () => this.unplug()),
      this.step('confirm', 'Answer the message box (OK), then wait for the one that asks you to plug the cable back in'),
      this.step('action', plug, () => this.plugBackIn()),
      this.step('confirm', 'Answer that message box (OK)'),
      this.step('decide', 'Does LinkCheck ask you to unplug the cable again? Then do another round; otherwise you are done'),
    ];
    if (!this.steps.some((s) => s.state === 'current' || s.state === 'failed')) fresh[0]!.state = 'current';
    this.steps.push(...fresh);
  }

  private step(kind: LinkcheckStepKind, text: string, run?: () => Promise<Attempt>): Step {
    return { kind, text, ...(run ? { run } : {}), state: 'pending', at: null, error: null };
  }

  private async unplug(): Promise<Attempt> {
    const done = await this.takeLinkDown();
    if (done.ok) this.unplugged = true;
    return done;
  }

  private async plugBackIn(): Promise<Attempt> {
    const done = await this.plug();
    if (done.ok) this.unplugged = false;
    return done;
  }

  private async takeLinkDown(): Promise<Attempt> {
    if (this.method === 'tapdiag') return fromTapdiag(await this.tapdiag.setLink(this.machine, 'off'));
    const machine = machineOf(this.ctx, this.machine);
    const settings = await this.ctx.settings();
    const status = await attempt(machine, servicesStatus, { names: settings.openvpnServices });
    if (!status.ok) return status;
    this.stoppedServices = status.result.services.filter((s) => s.exists && s.status === 'Running').map((s) => s.name);
    if (this.stoppedServices.length === 0) {
      return { ok: false, error: { kind: 'script-error', message: `no OpenVPN service is running on ${this.machine}, so stopping one cannot take the link down`, machine: this.machine } };
    }
    return attempt(machine, servicesStop, { names: this.stoppedServices });
  }

  private async plug(): Promise<Attempt> {
    if (this.method === 'tapdiag') return fromTapdiag(await this.tapdiag.setLink(this.machine, 'on'));
    return attempt(machineOf(this.ctx, this.machine), servicesEnsureRunning, { names: this.stoppedServices });
  }
}

function fromTapdiag(outcome: Awaited<ReturnType<TapdiagService['setLink']>>): Attempt {
  return outcome.ok ? { ok: true, result: outcome.view } : { ok: false, error: outcome.error };
}
