import { fileURLToPath } from 'node:url';

/** Absolute paths of the repository folders the server serves files from. */
export const paths = {
  root: fileURLToPath(new URL('../../', import.meta.url)),
  cdn: fileURLToPath(new URL('../../cdn/', import.meta.url)),
  examples: fileURLToPath(new URL('../../examples/', import.meta.url)),
  console: fileURLToPath(new URL('../console/dist/', import.meta.url)),
};
