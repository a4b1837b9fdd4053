export const DEFAULT_PGLITE_DIR = './haysim-data';
