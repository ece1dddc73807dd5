/** The contract's channel names, made at build time from shared/contract (see scripts/build-electron.mjs). */
declare module 'ledger:channel-names' {
  export const CHANNEL_NAMES: readonly string[];
}
