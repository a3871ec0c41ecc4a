// Node test helper: PouchDB on the memory adapter, standing in for pouchdb-browser (IndexedDB)
// in unit tests of the station's store (vi.mock('pouchdb-browser/lib/index.es.js', () => import('./pouch-memory'))).
// Databases live as long as the test process: closing and reopening one by name is a restart.
import PouchDB from 'pouchdb';
import memory from 'pouchdb-adapter-memory';

PouchDB.plugin(memory);

export default PouchDB.defaults({ adapter: 'memory' });
