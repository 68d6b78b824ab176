import { ParleyError } from '../../errors';

/** What went wrong talking to a model provider. */
export type ProviderFailure = 'http' | 'network' | 'timeout' | 'stream';

/**
 * A model provider failed. The user-facing message is the catalogue's (a
 * provider's own message may name keys, quotas or internals); the
 * provider's detail is kept in `detail` for logs.
 */
export class ProviderError extends ParleyError {
  constructor(
    readonly provider: string,
    readonly failure: ProviderFailure,
    readonly detail: string,
    readonly httpStatus?: number,
  ) {
    super(failure === 'timeout' ? 'PARLEY_CHAT_PROVIDER_TIMEOUT' : 'PARLEY_CHAT_PROVIDER_FAILED');
    this.name = 'ProviderError';
  }
}
