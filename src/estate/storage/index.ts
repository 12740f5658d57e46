import type { HttpHandler } from 'msw';
import type { EstateContext } from '../context.ts';
import { storageHandlers } from './handlers.ts';
import { StorageState } from './state.ts';

export { STORAGE_CONSOLE_IP } from './recorder.ts';
export { type PutInput, StorageState } from './state.ts';
export type {
  Bucket,
  StorageAccessLogEntry,
  StorageAcl,
  StorageConfig,
  StorageOperation,
  StoragePrincipal,
  StoredObject,
} from './types.ts';

export interface Storage {
  state: StorageState;
  handlers: HttpHandler[];
}

/** The organisation's S3-like object store under `/storage/{bucket}/{key}`. */
export function createStorage(ctx: EstateContext): Storage {
  const state = new StorageState(ctx);
  return { state, handlers: storageHandlers(state) };
}
