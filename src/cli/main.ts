/** Entry point of the `cleanwire` binary (bin/cleanwire.js, and dist/src/cli/main.js in the image). */
import { main } from './program.js';

process.exitCode = await main(process.argv);
