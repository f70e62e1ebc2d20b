// Made at build time by rollup.config.mjs from src/pages/ (HTML, CSS and the compiled page script).
declare module 'virtual:cockpit-page' {
  /** The whole page; "__CARNET_BOOT__" (quoted, single or double) is replaced by the start-up data, __CARNET_LANG__ by the language. */
  export const COCKPIT_PAGE: string;
}
