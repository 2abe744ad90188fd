// `node --import ./conformance-node20.mjs …/conformance/dist/index.js`: see conformance-node20-hooks.mjs.
import { register } from 'node:module';

register('./conformance-node20-hooks.mjs', import.meta.url);
