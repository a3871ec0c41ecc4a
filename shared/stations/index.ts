// Pure. The stations' record: signed per-station chains of format-2 entries (see README, 多站记录).
export * from './types';
export * from './encoding';
export * from './canonical';
export * from './signer';
export * from './hlc';
export * from './entry';
export * from './chains';
export * from './roster';
export * from './checkpoints';
export * from './clock';
export * from './redaction';
export * from './docs';
export * from './pairing';
export * from './acts';
