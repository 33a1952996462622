import { v7 } from 'uuid';

/** A time-ordered id made on the device, so records created offline need no server round trip. */
export const newId = (): string => v7();
