export { createSyncClient, type SyncClient } from './client';
export { enrollDevice, type EnrollResult } from './enroll';
export { backoffDelay, DEFAULT_BACKOFF, type BackoffBounds } from './backoff';
export { CONSOLE_DEVICE_ID } from './context';
export type { FetchLike, MutateOptions, SetTimer, SyncAuth, SyncClientOptions, SyncStatus } from './types';
export { isRefused, isRevoked } from './refused';
