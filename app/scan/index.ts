export { emitScan, onScan, type ScanHandler, type ScanSource } from './hub';
export { resolveScan, type HoldInfo, type ScanTarget } from './resolve';
