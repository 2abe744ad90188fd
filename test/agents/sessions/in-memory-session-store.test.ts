import { InMemorySessionStore, type SessionStore } from '../../../src/agents/sessions/index.js';
import { sessionStoreContract } from './session-store.contract.js';

// One process, one Map: every "instance" of a test is the same store object.
sessionStoreContract('InMemorySessionStore', async () => {
  let store: SessionStore | undefined;
  return {
    open: (options = {}) => {
      store ??= new InMemorySessionStore(options);
      return store;
    },
    cleanup: async () => {},
  };
});
