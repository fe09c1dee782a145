/**
 * An alert's JSON POST to the operator's webhook (a chat's incoming webhook, a phone's push service): each
 * attempt has its own timeout, a failed one is tried again after a growing pause, and an answer other than
 * 2xx counts as failed (a 4xx other than 408 and 429 is not tried again: the address or the body is wrong).
 * The outcome says what happened without the address, which may hold a token.
 */

export interface WebhookOptions {
  attempts: number;
  timeoutMs: number;
  /** The pause after the first failure; doubled after each next one. */
  backoffMs: number;
}

export const webhookDefaults: WebhookOptions = { attempts: 4, timeoutMs: 10_000, backoffMs: 2_000 };

export type WebhookOutcome = { ok: true; attempts: number; status: number } | { ok: false; attempts: number; error: string };

export async function postWebhook(url: string, body: unknown, options: WebhookOptions = webhookDefaults): Promise<WebhookOutcome> {
  let error = '';
  for (let attempt = 1; attempt <= options.attempts; attempt++) {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'hlk-assist' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs),
        redirect: 'error',
      });
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return { ok: true, attempts: attempt, status: response.status };
      error = `the webhook answered ${response.status} ${response.statusText}`.trim();
      if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) return { ok: false, attempts: attempt, error };
    } catch (e) {
      const err = e as Error;
      error = err.name === 'TimeoutError' ? `no answer within ${options.timeoutMs / 1000} s` : `could not reach the webhook: ${(err.cause as Error | undefined)?.message ?? err.message}`;
    }
    if (attempt < options.attempts) await new Promise((r) => setTimeout(r, options.backoffMs * 2 ** (attempt - 1)));
  }
  return { ok: false, attempts: options.attempts, error: `${error} (tried ${options.attempts} times)` };
}
