import type { ApiMethod, ApiParams, ApiResult, HlkApi } from '../../shared/api';

export type Answer<M extends ApiMethod> = { ok: true; result: ApiResult<M> } | { ok: false; message: string };

/** One api call, with every way it can fail (refused, disconnected, broken) turned into a message. */
export async function ask<M extends ApiMethod>(api: HlkApi, method: M, params: ApiParams<M>): Promise<Answer<M>> {
  try {
    const response = await api.call(method, params);
    if (response.ok) return { ok: true, result: response.result };
    return { ok: false, message: response.error.message };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}
